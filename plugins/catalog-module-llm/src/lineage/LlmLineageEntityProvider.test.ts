import { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_DISCOVERED_LINEAGE,
  readDiscoveredLineage,
} from '@leak-response/plugin-leak-response-common';
import { LlmEntityProcessor } from '../processor';
import {
  FakeSageMakerAccount,
  SageMakerTestServer,
} from '../testUtils/SageMakerTestServer';
import {
  ACCOUNT_A,
  ACCOUNT_B,
  byArn,
  connectLineageProvider,
  KEY_A,
  KEY_B,
} from './__testUtils__/providerKit';
import { DiscoveredLineageProcessor } from './DiscoveredLineageProcessor';

jest.setTimeout(60_000);

const EU = 'eu-west-1';
const US = 'us-east-1';
const ARTIFACTS = 's3://shop-ml-models/recsys-train-1/output/model.tar.gz';
const MODEL_ARN = `arn:aws:sagemaker:${EU}:${ACCOUNT_A}:model/recsys-llm-v3`;
const ENDPOINT_ARN = `arn:aws:sagemaker:${EU}:${ACCOUNT_A}:endpoint/recsys-endpoint-eu`;
const JOB_ARN = `arn:aws:sagemaker:${EU}:${ACCOUNT_A}:training-job/recsys-train-1`;
const CONFIG_ARN = `arn:aws:sagemaker:${EU}:${ACCOUNT_A}:endpoint-config/recsys-config`;
const DECLARED_DATASET = 'resource:default/clickstream-2025q3';

/** A small SageMaker setup plus enough filler to need several pages. */
function euAccount(): FakeSageMakerAccount {
  const filler = Array.from({ length: 23 }, (_, i) => i);
  return {
    trainingJobs: [
      {
        name: 'recsys-train-1',
        channels: [
          { name: 'train', s3Uri: 's3://shop-ml/clickstream/2025q3/' },
          { name: 'validation', s3Uri: 's3://shop-ml/eval/holdout/' },
        ],
        outputPath: 's3://shop-ml-models/',
        artifacts: ARTIFACTS,
      },
      ...filler.map(i => ({
        name: `filler-job-${i}`,
        channels: [{ name: 'train', s3Uri: `s3://filler/${i}/` }],
        outputPath: 's3://filler-out/',
        artifacts: `s3://filler-out/${i}/model.tar.gz`,
      })),
    ],
    models: [
      { name: 'recsys-llm-v3', modelDataUrl: ARTIFACTS },
      ...filler.map(i => ({
        name: `filler-model-${i}`,
        modelDataUrl: `s3://filler-out/${i}/model.tar.gz`,
      })),
    ],
    modelPackages: [{ group: 'recsys', version: 1, modelDataUrl: ARTIFACTS }],
    endpointConfigs: [
      {
        name: 'recsys-config',
        models: ['recsys-llm-v3'],
        captureUri: 's3://shop-ml-logs/capture/recsys/',
      },
    ],
    endpoints: [{ name: 'recsys-endpoint-eu', config: 'recsys-config' }],
  };
}

describe('LlmLineageEntityProvider', () => {
  let server: SageMakerTestServer;

  beforeAll(async () => {
    server = await SageMakerTestServer.start();
    server.addAccount(ACCOUNT_A, KEY_A);
    server.addAccount(ACCOUNT_B, KEY_B);
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.clearFaults();
    server.requests.length = 0;
    server.setAccount(ACCOUNT_A, EU, euAccount());
    server.setAccount(ACCOUNT_A, US, {});
    server.setAccount(ACCOUNT_B, EU, {});
    server.setAccount(ACCOUNT_B, US, {});
  });

  const connect = (options: {
    accountIds: string[];
    claims?: Map<string, string>;
  }) =>
    connectLineageProvider(
      {
        accountIds: options.accountIds,
        regions: [EU, US],
        services: ['sagemaker'],
        pageSize: 10,
        maxAttempts: 4,
        endpoints: { sagemaker: server.endpoint },
      },
      options.claims,
    );

  it('reads training jobs, models, packages and endpoints into lineage through every page', async () => {
    const { provider, connection } = await connect({
      accountIds: [ACCOUNT_A],
      claims: new Map([
        ['arn:aws:s3:::shop-ml/clickstream/', DECLARED_DATASET],
      ]),
    });
    const result = await provider.refresh();

    expect(result.failedSlices).toEqual([]);
    expect(result.mutation).toBe('full');
    // 24 jobs and 24 models at 10 a page: three pages each, NextToken followed.
    expect(server.countOf('SageMaker.ListTrainingJobs')).toBe(4); // 3 EU + 1 US
    expect(server.countOf('SageMaker.ListModels')).toBe(4);
    expect(server.countOf('SageMaker.DescribeTrainingJob')).toBe(24);

    const entities = connection.lastEntities;
    const model = byArn(entities, MODEL_ARN)!;
    expect(model.spec).toMatchObject({
      type: 'llm-model',
      owner: 'group:default/unknown',
      regions: [EU],
    });
    // The train channel falls under the declared dataset's prefix claim;
    // the validation channel nothing claims, so it is discovered.
    const holdout = byArn(entities, 'arn:aws:s3:::shop-ml/eval/holdout')!;
    expect(holdout.spec).toMatchObject({
      type: 'llm-dataset',
      purpose: 'evaluation',
    });
    expect(holdout.metadata.labels?.['leak-response.io/unclassified']).toBe(
      'true',
    );
    const holdoutRef = `resource:default/${holdout.metadata.name}`;
    expect(model.spec?.trainedOn).toEqual([DECLARED_DATASET, holdoutRef]);
    expect(readDiscoveredLineage(model)).toEqual([
      {
        relation: 'trainedOn',
        target: DECLARED_DATASET,
        targetArn: 'arn:aws:s3:::shop-ml/clickstream/2025q3/',
        via: JOB_ARN,
        source: 'sagemaker',
      },
      {
        relation: 'trainedOn',
        target: holdoutRef,
        targetArn: 'arn:aws:s3:::shop-ml/eval/holdout/',
        via: JOB_ARN,
        source: 'sagemaker',
      },
    ]);
    expect(model.metadata.annotations).toMatchObject({
      'leak-response.io/model-data-url': ARTIFACTS,
      'leak-response.io/produced-by': JOB_ARN,
      'leak-response.io/discovered-by': 'sagemaker',
    });

    const pkg = byArn(
      entities,
      `arn:aws:sagemaker:${EU}:${ACCOUNT_A}:model-package/recsys/1`,
    )!;
    expect(pkg.metadata.title).toBe('recsys v1');
    expect(pkg.spec?.trainedOn).toEqual([DECLARED_DATASET, holdoutRef]);

    const endpoint = byArn(entities, ENDPOINT_ARN)!;
    const capture = byArn(
      entities,
      'arn:aws:s3:::shop-ml-logs/capture/recsys',
    )!;
    expect(capture.spec).toMatchObject({ purpose: 'inference-log' });
    expect(endpoint.spec).toMatchObject({
      type: 'llm-endpoint',
      serves: [`resource:default/${model.metadata.name}`],
      logsTo: [`resource:default/${capture.metadata.name}`],
    });
    expect(
      readDiscoveredLineage(endpoint).map(e => [e.relation, e.via]),
    ).toEqual([
      ['serves', CONFIG_ARN],
      ['logsTo', CONFIG_ARN],
    ]);

    // Every emitted entity is a valid LLM entity.
    const processor = LlmEntityProcessor.create();
    for (const entity of entities) {
      await expect(processor.validateEntityKind(entity)).resolves.toBe(true);
    }
    // The declared dataset is not emitted again.
    expect(
      entities.filter(e => e.metadata.name === 'clickstream-2025q3'),
    ).toEqual([]);
  });

  it('rides out throttling with the SDK standard retry', async () => {
    const { provider, connection } = await connect({ accountIds: [ACCOUNT_A] });
    server.queueFaults(
      `${ACCOUNT_A}/${EU}`,
      { kind: 'throttle' },
      { kind: 'throttle' },
      { kind: 'throttle' },
    );
    const result = await provider.refresh();
    expect(result.failedSlices).toEqual([]);
    expect(
      server.requests.filter(r => r.status === 400 && r.accessKeyId === KEY_A),
    ).toHaveLength(3);
    expect(byArn(connection.lastEntities, MODEL_ARN)).toBeDefined();
  });

  it('keeps a failed account unchanged and removes nothing it cannot see', async () => {
    const { provider, connection, logger } = await connect({
      accountIds: [ACCOUNT_A, ACCOUNT_B],
    });
    server.failAlways(ACCOUNT_B, { kind: 'denied' });

    const first = await provider.refresh();
    expect(first.failedSlices.sort()).toEqual([
      `${ACCOUNT_B}/${EU}`,
      `${ACCOUNT_B}/${US}`,
    ]);
    // Account B has never been read: add what A holds, delete nothing.
    expect(first.mutation).toBe('delta');
    expect(connection.last).toMatchObject({ type: 'delta', removed: [] });
    expect(byArn(connection.lastEntities, MODEL_ARN)).toBeDefined();
    expect(logger.error).toHaveBeenCalledWith(
      expect.stringContaining(`${ACCOUNT_B}/${EU}: AccessDeniedException`),
      expect.anything(),
    );

    // B recovers; then A's EU region fails: its last good lineage stays.
    server.clearFaults();
    expect((await provider.refresh()).mutation).toBe('full');
    const good = connection.lastEntities.map(e => e.metadata.name).sort();
    server.failAlways(`${ACCOUNT_A}/${EU}`, { kind: 'server-error' });
    const third = await provider.refresh();
    expect(third.failedSlices).toEqual([`${ACCOUNT_A}/${EU}`]);
    expect(third.mutation).toBe('full');
    expect(connection.lastEntities.map(e => e.metadata.name).sort()).toEqual(
      good,
    );
  });

  it('leaves a declared model its fields and hands its lineage to the processor', async () => {
    const declaredModel: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: 'recsys-llm-v3',
        namespace: 'default',
        annotations: { 'amazonaws.com/arn': MODEL_ARN },
      },
      spec: {
        type: 'llm-model',
        owner: 'group:ml-platform',
        trainedOn: [DECLARED_DATASET],
      },
    };
    const { provider, connection, index } = await connect({
      accountIds: [ACCOUNT_A],
      claims: new Map([
        ['arn:aws:s3:::shop-ml/clickstream', DECLARED_DATASET],
        [MODEL_ARN, 'resource:default/recsys-llm-v3'],
      ]),
    });
    await provider.refresh();
    const entities = connection.lastEntities;
    expect(byArn(entities, MODEL_ARN)).toBeUndefined();
    // The discovered endpoint serves the declared model.
    expect(byArn(entities, ENDPOINT_ARN)!.spec?.serves).toEqual([
      'resource:default/recsys-llm-v3',
    ]);

    const processor = new DiscoveredLineageProcessor(index);
    const processed = await processor.preProcessEntity(declaredModel);
    expect(processed.spec).toEqual(declaredModel.spec);
    const lineage = readDiscoveredLineage(processed);
    expect(lineage.map(e => [e.relation, e.target, e.via])).toEqual([
      ['trainedOn', DECLARED_DATASET, JOB_ARN],
      [
        'trainedOn',
        `resource:default/${
          byArn(entities, 'arn:aws:s3:::shop-ml/eval/holdout')!.metadata.name
        }`,
        JOB_ARN,
      ],
    ]);
    const emitted: any[] = [];
    await processor.postProcessEntity(
      processed,
      { type: 'url', target: 'x' },
      r => emitted.push(r),
    );
    expect(
      emitted.map(
        r =>
          `${r.relation.source.name} ${r.relation.type} ${r.relation.target.name}`,
      ),
    ).toEqual([
      'recsys-llm-v3 trainedOn clickstream-2025q3',
      'clickstream-2025q3 trainingDataOf recsys-llm-v3',
      expect.stringMatching(
        /^recsys-llm-v3 trainedOn shop-ml-eval-holdout-[0-9a-f]{12}$/,
      ),
      expect.stringMatching(
        /^shop-ml-eval-holdout-[0-9a-f]{12} trainingDataOf recsys-llm-v3$/,
      ),
    ]);
    // A discovered entity is left to its spec and LlmEntityProcessor.
    const endpoint = byArn(entities, ENDPOINT_ARN)!;
    expect(await processor.preProcessEntity(endpoint)).toBe(endpoint);
    expect(
      endpoint.metadata.annotations?.[ANNOTATION_DISCOVERED_LINEAGE],
    ).toBeDefined();
  });
});
