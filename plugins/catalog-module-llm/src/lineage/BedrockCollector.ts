import {
  BedrockClient,
  GetCustomModelCommand,
  GetImportedModelCommand,
  GetModelInvocationLoggingConfigurationCommand,
  ListCustomModelsCommand,
  ListImportedModelsCommand,
  ListProvisionedModelThroughputsCommand,
} from '@aws-sdk/client-bedrock';
import {
  BedrockAgentClient,
  GetDataSourceCommand,
  GetKnowledgeBaseCommand,
  ListDataSourcesCommand,
  ListKnowledgeBasesCommand,
} from '@aws-sdk/client-bedrock-agent';
import { s3UriToArn } from '@leak-response/plugin-leak-response-common';
import { forEachLimited, paginate } from './paginate';
import {
  ANNOTATION_MODEL_DATA_URL,
  ANNOTATION_PRODUCED_BY,
} from './SageMakerCollector';
import { LineageCollector, LineageEdge, SliceLineage } from './types';

/**
 * Reads lineage from Amazon Bedrock in one account and region:
 * - custom models: training data → `trainedOn` (fine-tuning), validation
 *   data → `trainedOn` (evaluation), base model → `fineTunedFrom`;
 * - provisioned throughput and imported models as endpoints (`serves`);
 * - the model invocation logging configuration → `logsTo` its S3 prefix
 *   or CloudWatch log group, from every endpoint of the region;
 * - knowledge bases as `rag-corpus` datasets depending on their S3 data
 *   sources (themselves `rag-corpus` datasets).
 */
export class BedrockCollector implements LineageCollector {
  readonly source = 'bedrock' as const;

  constructor(
    private readonly bedrock: BedrockClient,
    private readonly agent: BedrockAgentClient,
    private readonly options: { pageSize: number; concurrency: number },
  ) {}

  async collect(slice: SliceLineage, signal?: AbortSignal): Promise<void> {
    const send = { abortSignal: signal };
    const { bedrock, agent } = this;
    const { pageSize, concurrency } = this.options;
    const endpoints: string[] = [];
    const { region, accountId } = slice;

    const customModels = paginate(
      'ListCustomModels',
      token =>
        bedrock.send(
          new ListCustomModelsCommand({
            maxResults: pageSize,
            nextToken: token,
          }),
          send,
        ),
      page => page.nextToken,
      page =>
        forEachLimited(page.modelSummaries ?? [], concurrency, async s => {
          const model = await bedrock.send(
            new GetCustomModelCommand({ modelIdentifier: s.modelArn }),
            send,
          );
          if (!model.modelArn) return;
          const via = model.jobArn ?? model.modelArn;
          slice.nodes.push({
            arn: model.modelArn,
            type: 'llm-model',
            title: model.modelName ?? model.modelArn,
            source: 'bedrock',
            annotations: model.jobArn
              ? { [ANNOTATION_PRODUCED_BY]: model.jobArn }
              : undefined,
          });
          const data: Array<[string | undefined, string]> = [
            [model.trainingDataConfig?.s3Uri, 'fine-tuning'],
            ...(model.validationDataConfig?.validators ?? []).map(
              v => [v.s3Uri, 'evaluation'] as [string | undefined, string],
            ),
          ];
          for (const [uri, purpose] of data) {
            const arn = uri ? s3UriToArn(uri) : undefined;
            if (arn) {
              slice.edges.push({
                from: model.modelArn,
                relation: 'trainedOn',
                to: arn,
                via,
                purpose,
              });
            }
          }
          if (model.baseModelArn) {
            slice.edges.push({
              from: model.modelArn,
              relation: 'fineTunedFrom',
              to: model.baseModelArn,
              via,
            });
          }
        }),
    );

    const imported = paginate(
      'ListImportedModels',
      token =>
        bedrock.send(
          new ListImportedModelsCommand({
            maxResults: pageSize,
            nextToken: token,
          }),
          send,
        ),
      page => page.nextToken,
      page =>
        forEachLimited(page.modelSummaries ?? [], concurrency, async s => {
          const model = await bedrock.send(
            new GetImportedModelCommand({ modelIdentifier: s.modelArn }),
            send,
          );
          if (!model.modelArn) return;
          const dataUrl = model.modelDataSource?.s3DataSource?.s3Uri;
          // Imported models are invoked on demand: they are their own endpoint.
          endpoints.push(model.modelArn);
          slice.nodes.push({
            arn: model.modelArn,
            type: 'llm-endpoint',
            title: model.modelName ?? model.modelArn,
            source: 'bedrock',
            annotations: {
              ...(dataUrl ? { [ANNOTATION_MODEL_DATA_URL]: dataUrl } : {}),
              ...(model.jobArn
                ? { [ANNOTATION_PRODUCED_BY]: model.jobArn }
                : {}),
            },
          });
        }),
    );

    const provisioned = paginate(
      'ListProvisionedModelThroughputs',
      token =>
        bedrock.send(
          new ListProvisionedModelThroughputsCommand({
            maxResults: pageSize,
            nextToken: token,
          }),
          send,
        ),
      page => page.nextToken,
      page => {
        for (const p of page.provisionedModelSummaries ?? []) {
          if (!p.provisionedModelArn) continue;
          endpoints.push(p.provisionedModelArn);
          slice.nodes.push({
            arn: p.provisionedModelArn,
            type: 'llm-endpoint',
            title: p.provisionedModelName ?? p.provisionedModelArn,
            source: 'bedrock',
          });
          if (p.modelArn) {
            slice.edges.push({
              from: p.provisionedModelArn,
              relation: 'serves',
              to: p.modelArn,
              via: p.provisionedModelArn,
            });
          }
        }
      },
    );

    const logging = bedrock.send(
      new GetModelInvocationLoggingConfigurationCommand({}),
      send,
    );

    const knowledgeBases = paginate(
      'ListKnowledgeBases',
      token =>
        agent.send(
          new ListKnowledgeBasesCommand({
            maxResults: pageSize,
            nextToken: token,
          }),
          send,
        ),
      page => page.nextToken,
      page =>
        forEachLimited(
          page.knowledgeBaseSummaries ?? [],
          concurrency,
          async summary => {
            const { knowledgeBase } = await agent.send(
              new GetKnowledgeBaseCommand({
                knowledgeBaseId: summary.knowledgeBaseId,
              }),
              send,
            );
            const kbArn =
              knowledgeBase?.knowledgeBaseArn ??
              `arn:aws:bedrock:${region}:${accountId}:knowledge-base/${summary.knowledgeBaseId}`;
            slice.nodes.push({
              arn: kbArn,
              type: 'llm-dataset',
              title: knowledgeBase?.name ?? summary.name ?? kbArn,
              source: 'bedrock',
              purpose: 'rag-corpus',
            });
            slice.pages += await paginate(
              'ListDataSources',
              token =>
                agent.send(
                  new ListDataSourcesCommand({
                    knowledgeBaseId: summary.knowledgeBaseId,
                    maxResults: pageSize,
                    nextToken: token,
                  }),
                  send,
                ),
              sources => sources.nextToken,
              sources =>
                forEachLimited(
                  sources.dataSourceSummaries ?? [],
                  concurrency,
                  async s => {
                    const { dataSource } = await agent.send(
                      new GetDataSourceCommand({
                        knowledgeBaseId: summary.knowledgeBaseId,
                        dataSourceId: s.dataSourceId,
                      }),
                      send,
                    );
                    const s3 =
                      dataSource?.dataSourceConfiguration?.s3Configuration;
                    if (!s3?.bucketArn) return;
                    const prefixes = s3.inclusionPrefixes?.length
                      ? s3.inclusionPrefixes
                      : [''];
                    for (const prefix of prefixes) {
                      slice.edges.push({
                        from: kbArn,
                        relation: 'dependsOn',
                        to: prefix ? `${s3.bucketArn}/${prefix}` : s3.bucketArn,
                        via: `${kbArn}/data-source/${s.dataSourceId}`,
                        purpose: 'rag-corpus',
                      });
                    }
                  },
                ),
            );
          },
        ),
    );

    // One Promise.all: a failure anywhere must not leave another rejection
    // unobserved.
    const [{ loggingConfig }, ...pages] = await Promise.all([
      logging,
      customModels,
      imported,
      provisioned,
      knowledgeBases,
    ]);
    slice.pages += pages.reduce((a, b) => a + b, 0) + 1;

    const logTargets: string[] = [];
    if (loggingConfig?.s3Config?.bucketName) {
      const prefix = loggingConfig.s3Config.keyPrefix;
      logTargets.push(
        `arn:aws:s3:::${loggingConfig.s3Config.bucketName}${
          prefix ? `/${prefix}` : ''
        }`,
      );
    }
    if (loggingConfig?.cloudWatchConfig?.logGroupName) {
      logTargets.push(
        `arn:aws:logs:${region}:${accountId}:log-group:${loggingConfig.cloudWatchConfig.logGroupName}`,
      );
    }
    const via = `bedrock:model-invocation-logging/${accountId}/${region}`;
    for (const endpoint of endpoints) {
      for (const to of logTargets) {
        const edge: LineageEdge = {
          from: endpoint,
          relation: 'logsTo',
          to,
          via,
          purpose: 'inference-log',
        };
        slice.edges.push(edge);
      }
    }
  }
}
