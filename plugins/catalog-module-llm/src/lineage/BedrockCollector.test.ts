import { readDiscoveredLineage } from '@leak-response/plugin-leak-response-common';
import { LlmEntityProcessor } from '../processor';
import {
  BedrockTestServer,
  FakeBedrockAccount,
} from '../testUtils/BedrockTestServer';
import {
  ACCOUNT_A,
  ACCOUNT_B,
  byArn,
  connectLineageProvider,
  KEY_A,
  KEY_B,
} from './__testUtils__/providerKit';

jest.setTimeout(60_000);

const EU = 'eu-west-1';
const arn = (type: string, name: string) =>
  `arn:aws:bedrock:${EU}:${ACCOUNT_A}:${type}/${name}`;
const CUSTOM = arn('custom-model', 'support-assistant-ft');
const BASE = `arn:aws:bedrock:${EU}::foundation-model/anthropic.claude-base`;
const THROUGHPUT = arn('provisioned-model', 'support-assistant-pt');
const IMPORTED = arn('imported-model', 'llama-ranker');
const KB = arn('knowledge-base', 'KB12345');

function account(): FakeBedrockAccount {
  return {
    customModels: [
      {
        name: 'support-assistant-ft',
        baseModelId: 'anthropic.claude-base',
        trainingS3Uri: 's3://support-ml/tickets/train.jsonl',
        validationS3Uris: ['s3://support-ml/tickets/validation.jsonl'],
        outputS3Uri: 's3://support-ml/output/',
      },
      // Enough to need a second page at 2 per page.
      ...[1, 2].map(i => ({
        name: `filler-${i}`,
        baseModelId: 'anthropic.claude-base',
        trainingS3Uri: `s3://filler/${i}.jsonl`,
      })),
    ],
    importedModels: [
      { name: 'llama-ranker', s3Uri: 's3://support-ml/imported/llama/' },
    ],
    provisionedThroughputs: [
      { name: 'support-assistant-pt', modelName: 'support-assistant-ft' },
    ],
    logging: {
      bucket: 'support-invocation-logs',
      keyPrefix: 'bedrock/',
      logGroup: '/bedrock/invocations',
    },
    knowledgeBases: [
      {
        id: 'KB12345',
        name: 'help-centre',
        sources: [
          { id: 'DS1', bucket: 'help-articles', prefixes: ['public/'] },
          { id: 'DS2', bucket: 'support-macros' },
        ],
      },
    ],
  };
}

describe('BedrockCollector through LlmLineageEntityProvider', () => {
  let server: BedrockTestServer;

  beforeAll(async () => {
    server = await BedrockTestServer.start();
    server.addAccount(ACCOUNT_A, KEY_A);
    server.addAccount(ACCOUNT_B, KEY_B);
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.clearFaults();
    server.requests.length = 0;
    server.setAccount(ACCOUNT_A, EU, account());
  });

  const connect = (accountIds: string[]) =>
    connectLineageProvider({
      accountIds,
      regions: [EU],
      services: ['bedrock'],
      pageSize: 2,
      maxAttempts: 4,
      endpoints: { bedrock: server.endpoint, bedrockAgent: server.endpoint },
    });

  it('reads custom, imported and provisioned models, logging and knowledge bases', async () => {
    const { provider, connection } = await connect([ACCOUNT_A]);
    server.queueFaults(ACCOUNT_A, { kind: 'throttle' }, { kind: 'throttle' });
    const result = await provider.refresh();
    expect(result.failedSlices).toEqual([]);
    expect(server.countOf('GET /custom-models')).toBe(2);
    expect(server.countOf('GET /custom-models', 400)).toBeLessThanOrEqual(2);
    expect(server.requests.filter(r => r.status === 400)).toHaveLength(2);

    const entities = connection.lastEntities;
    const ref = (a: string) =>
      `resource:default/${byArn(entities, a)!.metadata.name}`;

    const custom = byArn(entities, CUSTOM)!;
    expect(custom.spec).toMatchObject({
      type: 'llm-model',
      trainedOn: [
        ref('arn:aws:s3:::support-ml/tickets/train.jsonl'),
        ref('arn:aws:s3:::support-ml/tickets/validation.jsonl'),
      ],
      fineTunedFrom: ref(BASE),
    });
    expect(
      byArn(entities, 'arn:aws:s3:::support-ml/tickets/train.jsonl')!.spec,
    ).toMatchObject({ type: 'llm-dataset', purpose: 'fine-tuning' });
    expect(
      byArn(entities, 'arn:aws:s3:::support-ml/tickets/validation.jsonl')!.spec,
    ).toMatchObject({ purpose: 'evaluation' });
    expect(byArn(entities, BASE)!.metadata.title).toBe('anthropic.claude-base');
    expect(
      readDiscoveredLineage(custom).find(e => e.relation === 'fineTunedFrom'),
    ).toEqual({
      relation: 'fineTunedFrom',
      target: ref(BASE),
      targetArn: BASE,
      via: arn('model-customization-job', 'support-assistant-ft-job'),
      source: 'bedrock',
    });

    const logs = [
      'arn:aws:s3:::support-invocation-logs/bedrock',
      `arn:aws:logs:${EU}:${ACCOUNT_A}:log-group:/bedrock/invocations`,
    ];
    expect(byArn(entities, THROUGHPUT)!.spec).toMatchObject({
      type: 'llm-endpoint',
      serves: [ref(CUSTOM)],
      logsTo: logs.map(ref),
    });
    const imported = byArn(entities, IMPORTED)!;
    expect(imported.spec).toMatchObject({
      type: 'llm-endpoint',
      logsTo: logs.map(ref),
    });
    expect(
      imported.metadata.annotations?.['leak-response.io/model-data-url'],
    ).toBe('s3://support-ml/imported/llama/');
    for (const log of logs) {
      expect(byArn(entities, log)!.spec).toMatchObject({
        type: 'llm-dataset',
        purpose: 'inference-log',
      });
    }

    const kb = byArn(entities, KB)!;
    expect(kb.metadata.title).toBe('help-centre');
    expect(kb.spec).toMatchObject({
      type: 'llm-dataset',
      purpose: 'rag-corpus',
      dependsOn: [
        ref('arn:aws:s3:::help-articles/public'),
        ref('arn:aws:s3:::support-macros'),
      ],
    });
    expect(byArn(entities, 'arn:aws:s3:::support-macros')!.spec).toMatchObject({
      purpose: 'rag-corpus',
    });

    const processor = LlmEntityProcessor.create();
    for (const entity of entities) {
      await expect(processor.validateEntityKind(entity)).resolves.toBe(true);
    }
  });

  it('fails an account that is denied without touching the other', async () => {
    const { provider, connection } = await connect([ACCOUNT_A, ACCOUNT_B]);
    server.failAlways(ACCOUNT_B, { kind: 'denied' });
    const result = await provider.refresh();
    expect(result.failedSlices).toEqual([`${ACCOUNT_B}/${EU}`]);
    expect(result.mutation).toBe('delta');
    expect(byArn(connection.lastEntities, CUSTOM)).toBeDefined();
  });
});
