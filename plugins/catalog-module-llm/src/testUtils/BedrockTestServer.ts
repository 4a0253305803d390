import {
  AwsTestCall,
  AwsTestReply,
  AwsTestServer,
  pageOf,
} from './AwsTestServer';

/** A customized (fine-tuned or continued-pre-trained) model. */
export interface FakeCustomModel {
  name: string;
  baseModelId: string;
  trainingS3Uri: string;
  validationS3Uris?: string[];
  outputS3Uri?: string;
}

export interface FakeImportedModel {
  name: string;
  s3Uri: string;
}

/** Provisioned throughput for a custom (or imported) model, by its name. */
export interface FakeProvisionedThroughput {
  name: string;
  modelName: string;
}

export interface FakeKnowledgeBase {
  id: string;
  name: string;
  sources: Array<{ id: string; bucket: string; prefixes?: string[] }>;
}

/** What one account holds in one region, for Bedrock and Bedrock Agents. */
export interface FakeBedrockAccount {
  customModels?: FakeCustomModel[];
  importedModels?: FakeImportedModel[];
  provisionedThroughputs?: FakeProvisionedThroughput[];
  logging?: { bucket?: string; keyPrefix?: string; logGroup?: string };
  knowledgeBases?: FakeKnowledgeBase[];
}

const CREATED = '2026-11-02T09:30:00Z';

/**
 * A local stand-in for Amazon Bedrock and Agents for Amazon Bedrock (both
 * REST-JSON: operations are HTTP methods on paths, pages through
 * `maxResults`/`nextToken` in the query or body), for the real
 * `@aws-sdk/client-bedrock` and `@aws-sdk/client-bedrock-agent` pointed at
 * it with `endpoint`. Custom, imported and provisioned models, the
 * invocation logging configuration, knowledge bases and their data sources.
 */
export class BedrockTestServer extends AwsTestServer {
  protected readonly contentType = 'application/json';
  private readonly data = new Map<string, FakeBedrockAccount>();

  static async start(): Promise<BedrockTestServer> {
    const server = new BedrockTestServer();
    await server.listen();
    return server;
  }

  setAccount(accountId: string, region: string, account: FakeBedrockAccount) {
    this.data.set(`${accountId}/${region}`, account);
  }

  protected operationOf(call: AwsTestCall): string {
    return `${call.method} ${call.path.replace(/\/+$/, '')}`;
  }

  protected answer(call: AwsTestCall): AwsTestReply {
    const account = this.data.get(`${call.accountId}/${call.region}`) ?? {};
    const arn = (type: string, name: string) =>
      `arn:aws:bedrock:${call.region}:${call.accountId}:${type}/${name}`;
    const foundation = (id: string) =>
      `arn:aws:bedrock:${call.region}::foundation-model/${id}`;
    const path = call.path.replace(/\/+$/, '');
    const params =
      call.method === 'GET'
        ? {
            token: call.query.get('nextToken') ?? undefined,
            max: call.query.get('maxResults') ?? undefined,
          }
        : { token: call.body.nextToken, max: call.body.maxResults };
    const list = <T>(
      items: T[] | undefined,
      key: string,
      map: (item: T) => unknown,
    ): AwsTestReply => {
      const result = pageOf(items ?? [], params.token, params.max, 10);
      if ('error' in result) {
        return error(400, 'ValidationException', result.error);
      }
      return ok({ [key]: result.page.map(map), nextToken: result.next });
    };
    const route = `${call.method} ${path}`;
    const customModel = /^GET \/custom-models\/([^/]+)$/.exec(route);
    const importedModel = /^GET \/imported-models\/([^/]+)$/.exec(route);
    const knowledgeBase = /^GET \/knowledgebases\/([^/]+)$/.exec(route);
    const dataSources = /^POST \/knowledgebases\/([^/]+)\/datasources$/.exec(
      route,
    );
    const dataSource =
      /^GET \/knowledgebases\/([^/]+)\/datasources\/([^/]+)$/.exec(route);

    if (route === 'GET /custom-models') {
      return list(account.customModels, 'modelSummaries', m => ({
        modelArn: arn('custom-model', m.name),
        modelName: m.name,
        creationTime: CREATED,
        baseModelArn: foundation(m.baseModelId),
        baseModelName: m.baseModelId,
        customizationType: 'FINE_TUNING',
      }));
    }
    if (customModel) {
      const id = decodeURIComponent(customModel[1]);
      const m = account.customModels?.find(
        c => c.name === id || arn('custom-model', c.name) === id,
      );
      if (!m) return error(404, 'ResourceNotFoundException', `No model ${id}`);
      return ok({
        modelArn: arn('custom-model', m.name),
        modelName: m.name,
        jobName: `${m.name}-job`,
        jobArn: arn('model-customization-job', `${m.name}-job`),
        baseModelArn: foundation(m.baseModelId),
        customizationType: 'FINE_TUNING',
        trainingDataConfig: { s3Uri: m.trainingS3Uri },
        validationDataConfig: m.validationS3Uris
          ? { validators: m.validationS3Uris.map(s3Uri => ({ s3Uri })) }
          : undefined,
        outputDataConfig: m.outputS3Uri ? { s3Uri: m.outputS3Uri } : undefined,
        creationTime: CREATED,
      });
    }
    if (route === 'GET /imported-models') {
      return list(account.importedModels, 'modelSummaries', m => ({
        modelArn: arn('imported-model', m.name),
        modelName: m.name,
        creationTime: CREATED,
      }));
    }
    if (importedModel) {
      const id = decodeURIComponent(importedModel[1]);
      const m = account.importedModels?.find(
        c => c.name === id || arn('imported-model', c.name) === id,
      );
      if (!m) return error(404, 'ResourceNotFoundException', `No model ${id}`);
      return ok({
        modelArn: arn('imported-model', m.name),
        modelName: m.name,
        jobArn: arn('model-import-job', `${m.name}-import`),
        modelDataSource: { s3DataSource: { s3Uri: m.s3Uri } },
        creationTime: CREATED,
      });
    }
    if (route === 'GET /provisioned-model-throughputs') {
      return list(
        account.provisionedThroughputs,
        'provisionedModelSummaries',
        p => {
          const modelArn = account.importedModels?.some(
            m => m.name === p.modelName,
          )
            ? arn('imported-model', p.modelName)
            : arn('custom-model', p.modelName);
          return {
            provisionedModelName: p.name,
            provisionedModelArn: arn('provisioned-model', p.name),
            modelArn,
            desiredModelArn: modelArn,
            foundationModelArn: foundation('base'),
            modelUnits: 1,
            desiredModelUnits: 1,
            status: 'InService',
            creationTime: CREATED,
            lastModifiedTime: CREATED,
          };
        },
      );
    }
    if (route === 'GET /logging/modelinvocations') {
      const logging = account.logging;
      return ok({
        loggingConfig: logging
          ? {
              s3Config: logging.bucket
                ? { bucketName: logging.bucket, keyPrefix: logging.keyPrefix }
                : undefined,
              cloudWatchConfig: logging.logGroup
                ? {
                    logGroupName: logging.logGroup,
                    roleArn: `arn:aws:iam::${call.accountId}:role/bedrock-logging`,
                  }
                : undefined,
              textDataDeliveryEnabled: true,
            }
          : undefined,
      });
    }
    if (route === 'POST /knowledgebases') {
      return list(account.knowledgeBases, 'knowledgeBaseSummaries', kb => ({
        knowledgeBaseId: kb.id,
        name: kb.name,
        status: 'ACTIVE',
        updatedAt: CREATED,
      }));
    }
    if (knowledgeBase) {
      const kb = account.knowledgeBases?.find(k => k.id === knowledgeBase[1]);
      if (!kb) return error(404, 'ResourceNotFoundException', 'No KB');
      return ok({
        knowledgeBase: {
          knowledgeBaseId: kb.id,
          name: kb.name,
          knowledgeBaseArn: arn('knowledge-base', kb.id),
          roleArn: `arn:aws:iam::${call.accountId}:role/kb`,
          status: 'ACTIVE',
          createdAt: CREATED,
          updatedAt: CREATED,
        },
      });
    }
    if (dataSources) {
      const kb = account.knowledgeBases?.find(k => k.id === dataSources[1]);
      if (!kb) return error(404, 'ResourceNotFoundException', 'No KB');
      return list(kb.sources, 'dataSourceSummaries', s => ({
        knowledgeBaseId: kb.id,
        dataSourceId: s.id,
        name: s.id,
        status: 'AVAILABLE',
        updatedAt: CREATED,
      }));
    }
    if (dataSource) {
      const kb = account.knowledgeBases?.find(k => k.id === dataSource[1]);
      const source = kb?.sources.find(s => s.id === dataSource[2]);
      if (!kb || !source) {
        return error(404, 'ResourceNotFoundException', 'No data source');
      }
      return ok({
        dataSource: {
          knowledgeBaseId: kb.id,
          dataSourceId: source.id,
          name: source.id,
          status: 'AVAILABLE',
          dataSourceConfiguration: {
            type: 'S3',
            s3Configuration: {
              bucketArn: `arn:aws:s3:::${source.bucket}`,
              inclusionPrefixes: source.prefixes,
            },
          },
          createdAt: CREATED,
          updatedAt: CREATED,
        },
      });
    }
    return error(404, 'UnknownOperationException', `No route ${route}`);
  }
}

function ok(body: unknown): AwsTestReply {
  return { status: 200, body };
}

function error(status: number, errorType: string, message: string) {
  return { status, errorType, body: { message } };
}
