import {
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  DescribeModelCommand,
  DescribeModelPackageCommand,
  DescribeTrainingJobCommand,
  ListEndpointsCommand,
  ListModelPackagesCommand,
  ListModelsCommand,
  ListTrainingJobsCommand,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { s3UriToArn } from '@leak-response/plugin-leak-response-common';
import { forEachLimited, paginate } from './paginate';
import { LineageCollector, SliceLineage } from './types';

/** The annotation naming where a model's weights are stored. */
export const ANNOTATION_MODEL_DATA_URL = 'leak-response.io/model-data-url';
/** The annotation naming the training job that produced a model. */
export const ANNOTATION_PRODUCED_BY = 'leak-response.io/produced-by';

interface TrainedBy {
  jobArn: string;
  channels: Array<{ name: string; arn: string }>;
}

/**
 * Reads lineage from SageMaker in one account and region:
 * - training jobs: input channels (what a model was trained on) and output
 *   model artifacts;
 * - models and model packages: their model data URL, matched to the job
 *   whose artifacts it is → `trainedOn` the job's channels;
 * - endpoints → endpoint configs → production variants' models (`serves`),
 *   and data capture (`logsTo` the capture prefix).
 */
export class SageMakerCollector implements LineageCollector {
  readonly source = 'sagemaker' as const;

  constructor(
    private readonly client: SageMakerClient,
    private readonly options: { pageSize: number; concurrency: number },
  ) {}

  async collect(slice: SliceLineage, signal?: AbortSignal): Promise<void> {
    const send = { abortSignal: signal };
    const { client } = this;
    const { pageSize, concurrency } = this.options;
    const jobsByArtifacts = new Map<string, TrainedBy>();
    const models: Array<{ arn: string; title: string; dataUrl?: string }> = [];

    const listJobs = paginate(
      'ListTrainingJobs',
      token =>
        client.send(
          new ListTrainingJobsCommand({
            MaxResults: pageSize,
            NextToken: token,
          }),
          send,
        ),
      page => page.NextToken,
      page =>
        forEachLimited(
          page.TrainingJobSummaries ?? [],
          concurrency,
          async summary => {
            const job = await client.send(
              new DescribeTrainingJobCommand({
                TrainingJobName: summary.TrainingJobName,
              }),
              send,
            );
            const artifacts = job.ModelArtifacts?.S3ModelArtifacts;
            if (!artifacts || !job.TrainingJobArn) return;
            const channels: TrainedBy['channels'] = [];
            for (const channel of job.InputDataConfig ?? []) {
              const uri = channel.DataSource?.S3DataSource?.S3Uri;
              const arn = uri ? s3UriToArn(uri) : undefined;
              if (arn) channels.push({ name: channel.ChannelName ?? '', arn });
            }
            jobsByArtifacts.set(artifacts, {
              jobArn: job.TrainingJobArn,
              channels,
            });
          },
        ),
    );

    const listModels = paginate(
      'ListModels',
      token =>
        client.send(
          new ListModelsCommand({ MaxResults: pageSize, NextToken: token }),
          send,
        ),
      page => page.NextToken,
      page =>
        forEachLimited(page.Models ?? [], concurrency, async summary => {
          const model = await client.send(
            new DescribeModelCommand({ ModelName: summary.ModelName }),
            send,
          );
          if (!model.ModelArn) return;
          models.push({
            arn: model.ModelArn,
            title: model.ModelName ?? model.ModelArn,
            dataUrl:
              model.PrimaryContainer?.ModelDataUrl ??
              model.Containers?.find(c => c.ModelDataUrl)?.ModelDataUrl,
          });
        }),
    );

    const listPackages = paginate(
      'ListModelPackages',
      token =>
        client.send(
          new ListModelPackagesCommand({
            MaxResults: pageSize,
            NextToken: token,
            ModelPackageType: 'Both',
          }),
          send,
        ),
      page => page.NextToken,
      page =>
        forEachLimited(
          page.ModelPackageSummaryList ?? [],
          concurrency,
          async summary => {
            const pkg = await client.send(
              new DescribeModelPackageCommand({
                ModelPackageName: summary.ModelPackageArn,
              }),
              send,
            );
            if (!pkg.ModelPackageArn) return;
            models.push({
              arn: pkg.ModelPackageArn,
              title:
                pkg.ModelPackageVersion !== undefined
                  ? `${pkg.ModelPackageGroupName ?? pkg.ModelPackageName} v${
                      pkg.ModelPackageVersion
                    }`
                  : pkg.ModelPackageName ?? pkg.ModelPackageArn,
              dataUrl: pkg.InferenceSpecification?.Containers?.find(
                c => c.ModelDataUrl,
              )?.ModelDataUrl,
            });
          },
        ),
    );

    const listEndpoints = paginate(
      'ListEndpoints',
      token =>
        client.send(
          new ListEndpointsCommand({ MaxResults: pageSize, NextToken: token }),
          send,
        ),
      page => page.NextToken,
      page =>
        forEachLimited(page.Endpoints ?? [], concurrency, async summary => {
          const endpoint = await client.send(
            new DescribeEndpointCommand({ EndpointName: summary.EndpointName }),
            send,
          );
          if (!endpoint.EndpointArn) return;
          slice.nodes.push({
            arn: endpoint.EndpointArn,
            type: 'llm-endpoint',
            title: endpoint.EndpointName ?? endpoint.EndpointArn,
            source: 'sagemaker',
          });
          if (!endpoint.EndpointConfigName) return;
          const config = await client.send(
            new DescribeEndpointConfigCommand({
              EndpointConfigName: endpoint.EndpointConfigName,
            }),
            send,
          );
          const via =
            config.EndpointConfigArn ??
            endpoint.EndpointArn.replace(
              /:endpoint\/.*$/,
              `:endpoint-config/${endpoint.EndpointConfigName.toLowerCase()}`,
            );
          for (const variant of config.ProductionVariants ?? []) {
            if (!variant.ModelName) continue;
            slice.edges.push({
              from: endpoint.EndpointArn,
              relation: 'serves',
              // Model ARNs carry the name in lower case.
              to: endpoint.EndpointArn.replace(
                /:endpoint\/.*$/,
                `:model/${variant.ModelName.toLowerCase()}`,
              ),
              via,
            });
          }
          // The endpoint's own capture settings are the live ones; the
          // config's apply when the endpoint reports none.
          const capture =
            endpoint.DataCaptureConfig?.DestinationS3Uri ??
            (config.DataCaptureConfig?.EnableCapture !== false
              ? config.DataCaptureConfig?.DestinationS3Uri
              : undefined);
          const captureArn = capture ? s3UriToArn(capture) : undefined;
          if (captureArn) {
            slice.edges.push({
              from: endpoint.EndpointArn,
              relation: 'logsTo',
              to: captureArn,
              via,
              purpose: 'inference-log',
            });
          }
        }),
    );

    const pages = await Promise.all([
      listJobs,
      listModels,
      listPackages,
      listEndpoints,
    ]);
    slice.pages += pages.reduce((a, b) => a + b, 0);

    for (const model of models) {
      const job = model.dataUrl
        ? jobsByArtifacts.get(model.dataUrl)
        : undefined;
      const annotations: Record<string, string> = {};
      if (model.dataUrl) annotations[ANNOTATION_MODEL_DATA_URL] = model.dataUrl;
      if (job) annotations[ANNOTATION_PRODUCED_BY] = job.jobArn;
      slice.nodes.push({
        arn: model.arn,
        type: 'llm-model',
        title: model.title,
        source: 'sagemaker',
        annotations,
      });
      for (const channel of job?.channels ?? []) {
        slice.edges.push({
          from: model.arn,
          relation: 'trainedOn',
          to: channel.arn,
          via: job!.jobArn,
          purpose: channelPurpose(channel.name),
        });
      }
    }
  }
}

/** Validation and test channels hold evaluation data; the rest trains. */
function channelPurpose(channel: string): string {
  return /^(validation|validate|test|eval)/i.test(channel)
    ? 'evaluation'
    : 'training';
}
