import {
  AwsTestCall,
  AwsTestReply,
  AwsTestServer,
  pageOf,
} from './AwsTestServer';

/** A training job: its input channels, output path and model artifacts. */
export interface FakeTrainingJob {
  name: string;
  channels: Array<{ name: string; s3Uri: string }>;
  outputPath: string;
  /** Where the trained model landed; models point their ModelDataUrl here. */
  artifacts?: string;
}

export interface FakeModel {
  name: string;
  modelDataUrl?: string;
}

export interface FakeModelPackage {
  group: string;
  version: number;
  modelDataUrl?: string;
}

export interface FakeEndpointConfig {
  name: string;
  models: string[];
  /** Data capture destination; capture is enabled when set. */
  captureUri?: string;
}

export interface FakeEndpoint {
  name: string;
  config: string;
}

/** What one account holds in one region. */
export interface FakeSageMakerAccount {
  trainingJobs?: FakeTrainingJob[];
  models?: FakeModel[];
  modelPackages?: FakeModelPackage[];
  endpointConfigs?: FakeEndpointConfig[];
  endpoints?: FakeEndpoint[];
}

const TARGET_PREFIX = 'SageMaker.';
const JSON_11 = 'application/x-amz-json-1.1';

/**
 * A local stand-in for Amazon SageMaker speaking its AWS JSON 1.1 protocol
 * (`X-Amz-Target: SageMaker.<Operation>`), for the real
 * `@aws-sdk/client-sagemaker` pointed at it with `endpoint`. It answers the
 * list operations with `MaxResults`/`NextToken` pages and the describe
 * operations of training jobs, models, model packages, endpoints and
 * endpoint configs, per account (by access key) and region.
 */
export class SageMakerTestServer extends AwsTestServer {
  protected readonly contentType = JSON_11;
  private readonly data = new Map<string, FakeSageMakerAccount>();

  static async start(): Promise<SageMakerTestServer> {
    const server = new SageMakerTestServer();
    await server.listen();
    return server;
  }

  /** Replaces what `accountId` holds in `region`. */
  setAccount(
    accountId: string,
    region: string,
    account: FakeSageMakerAccount,
  ): void {
    this.data.set(`${accountId}/${region}`, account);
  }

  protected operationOf(call: AwsTestCall): string {
    return String(call.headers['x-amz-target'] ?? '');
  }

  protected answer(call: AwsTestCall): AwsTestReply {
    const target = this.operationOf(call);
    if (
      call.method !== 'POST' ||
      !target.startsWith(TARGET_PREFIX) ||
      !String(call.headers['content-type'] ?? '').startsWith(JSON_11)
    ) {
      return error(400, 'UnknownOperationException', `Bad request ${target}`);
    }
    const account = this.data.get(`${call.accountId}/${call.region}`) ?? {};
    const arn = (type: string, name: string) =>
      `arn:aws:sagemaker:${call.region}:${
        call.accountId
      }:${type}/${name.toLowerCase()}`;
    const { body } = call;
    const list = <T>(
      items: T[] | undefined,
      key: string,
      map: (item: T) => unknown,
    ): AwsTestReply => {
      const result = pageOf(items ?? [], body.NextToken, body.MaxResults, 10);
      if ('error' in result) {
        return error(400, 'ValidationException', result.error);
      }
      return ok({ [key]: result.page.map(map), NextToken: result.next });
    };
    const created = 1764547200; // epoch seconds, as JSON 1.1 sends timestamps

    switch (target.slice(TARGET_PREFIX.length)) {
      case 'ListTrainingJobs':
        return list(account.trainingJobs, 'TrainingJobSummaries', job => ({
          TrainingJobName: job.name,
          TrainingJobArn: arn('training-job', job.name),
          CreationTime: created,
          TrainingJobStatus: 'Completed',
        }));
      case 'DescribeTrainingJob': {
        const job = account.trainingJobs?.find(
          j => j.name === body.TrainingJobName,
        );
        if (!job) return notFound(`Training job ${body.TrainingJobName}`);
        return ok({
          TrainingJobName: job.name,
          TrainingJobArn: arn('training-job', job.name),
          TrainingJobStatus: 'Completed',
          CreationTime: created,
          InputDataConfig: job.channels.map(channel => ({
            ChannelName: channel.name,
            DataSource: {
              S3DataSource: {
                S3DataType: 'S3Prefix',
                S3Uri: channel.s3Uri,
              },
            },
          })),
          OutputDataConfig: { S3OutputPath: job.outputPath },
          ModelArtifacts: job.artifacts
            ? { S3ModelArtifacts: job.artifacts }
            : undefined,
        });
      }
      case 'ListModels':
        return list(account.models, 'Models', model => ({
          ModelName: model.name,
          ModelArn: arn('model', model.name),
          CreationTime: created,
        }));
      case 'DescribeModel': {
        const model = account.models?.find(m => m.name === body.ModelName);
        if (!model) return validation(`Could not find model ${body.ModelName}`);
        return ok({
          ModelName: model.name,
          ModelArn: arn('model', model.name),
          CreationTime: created,
          PrimaryContainer: {
            Image: '123.dkr.ecr/inference:latest',
            ModelDataUrl: model.modelDataUrl,
          },
        });
      }
      case 'ListModelPackages':
        if (
          body.ModelPackageType !== undefined &&
          body.ModelPackageType !== 'Both' &&
          body.ModelPackageType !== 'Versioned'
        ) {
          return list([], 'ModelPackageSummaryList', () => ({}));
        }
        return list(account.modelPackages, 'ModelPackageSummaryList', p => ({
          ModelPackageName: p.group,
          ModelPackageGroupName: p.group,
          ModelPackageVersion: p.version,
          ModelPackageArn: arn('model-package', `${p.group}/${p.version}`),
          CreationTime: created,
          ModelPackageStatus: 'Completed',
        }));
      case 'DescribeModelPackage': {
        const pkg = account.modelPackages?.find(
          p =>
            arn('model-package', `${p.group}/${p.version}`) ===
            String(body.ModelPackageName).toLowerCase(),
        );
        if (!pkg) return validation(`Model package ${body.ModelPackageName}`);
        return ok({
          ModelPackageName: pkg.group,
          ModelPackageGroupName: pkg.group,
          ModelPackageVersion: pkg.version,
          ModelPackageArn: arn('model-package', `${pkg.group}/${pkg.version}`),
          CreationTime: created,
          ModelPackageStatus: 'Completed',
          InferenceSpecification: {
            Containers: [
              {
                Image: '123.dkr.ecr/inference:latest',
                ModelDataUrl: pkg.modelDataUrl,
              },
            ],
          },
        });
      }
      case 'ListEndpoints':
        return list(account.endpoints, 'Endpoints', endpoint => ({
          EndpointName: endpoint.name,
          EndpointArn: arn('endpoint', endpoint.name),
          CreationTime: created,
          LastModifiedTime: created,
          EndpointStatus: 'InService',
        }));
      case 'DescribeEndpoint': {
        const endpoint = account.endpoints?.find(
          e => e.name === body.EndpointName,
        );
        if (!endpoint) {
          return validation(`Could not find endpoint ${body.EndpointName}`);
        }
        const config = account.endpointConfigs?.find(
          c => c.name === endpoint.config,
        );
        return ok({
          EndpointName: endpoint.name,
          EndpointArn: arn('endpoint', endpoint.name),
          EndpointConfigName: endpoint.config,
          EndpointStatus: 'InService',
          CreationTime: created,
          LastModifiedTime: created,
          DataCaptureConfig: config?.captureUri
            ? {
                EnableCapture: true,
                CaptureStatus: 'Started',
                CurrentSamplingPercentage: 100,
                DestinationS3Uri: config.captureUri,
              }
            : undefined,
        });
      }
      case 'DescribeEndpointConfig': {
        const config = account.endpointConfigs?.find(
          c => c.name === body.EndpointConfigName,
        );
        if (!config) {
          return validation(
            `Could not find endpoint configuration ${body.EndpointConfigName}`,
          );
        }
        return ok({
          EndpointConfigName: config.name,
          EndpointConfigArn: arn('endpoint-config', config.name),
          CreationTime: created,
          ProductionVariants: config.models.map((model, i) => ({
            VariantName: `variant-${i + 1}`,
            ModelName: model,
          })),
          DataCaptureConfig: config.captureUri
            ? {
                EnableCapture: true,
                InitialSamplingPercentage: 100,
                DestinationS3Uri: config.captureUri,
                CaptureOptions: [
                  { CaptureMode: 'Input' },
                  { CaptureMode: 'Output' },
                ],
              }
            : undefined,
        });
      }
      default:
        return error(400, 'UnknownOperationException', `Unsupported ${target}`);
    }
  }
}

function ok(body: unknown): AwsTestReply {
  return { status: 200, body };
}

function error(status: number, errorType: string, message: string) {
  return { status, errorType, body: { message } };
}

function notFound(what: string): AwsTestReply {
  return error(400, 'ResourceNotFound', `${what} does not exist`);
}

function validation(message: string): AwsTestReply {
  return error(400, 'ValidationException', message);
}
