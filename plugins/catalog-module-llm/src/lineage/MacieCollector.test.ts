import { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_SUGGESTED_DATA_CATEGORIES,
  readDataCategorySuggestions,
} from '@leak-response/plugin-leak-response-common';
import { FakeMacieFinding, MacieTestServer } from '../testUtils/MacieTestServer';
import { SageMakerTestServer } from '../testUtils/SageMakerTestServer';
import {
  ACCOUNT_A,
  byArn,
  connectLineageProvider,
  KEY_A,
} from './__testUtils__/providerKit';
import { DiscoveredLineageProcessor } from './DiscoveredLineageProcessor';

jest.setTimeout(60_000);

const EU = 'eu-west-1';
const CLAIM = 'arn:aws:s3:::shop-ml/clickstream/';
const DECLARED_DATASET = 'resource:default/clickstream-2025q3';

const findings: FakeMacieFinding[] = [
  {
    id: 'f-names',
    bucket: 'shop-ml',
    key: 'clickstream/2025q3/part-0.json',
    updatedAt: '2026-11-20T08:00:00Z',
    sensitiveData: { PERSONAL_INFORMATION: { NAME: 4, EMAIL_ADDRESS: 2 } },
  },
  {
    id: 'f-cards',
    bucket: 'shop-ml',
    key: 'clickstream/2025q3/part-1.json',
    updatedAt: '2026-11-28T10:30:00Z',
    sensitiveData: {
      FINANCIAL_INFORMATION: { CREDIT_CARD_NUMBER: 3 },
      PERSONAL_INFORMATION: { NAME: 1 },
    },
  },
  {
    id: 'f-holdout',
    bucket: 'shop-ml',
    key: 'eval/holdout/rows.csv',
    sensitiveData: { PERSONAL_INFORMATION: { ADDRESS: 7 } },
  },
  {
    id: 'f-archived',
    bucket: 'shop-ml',
    key: 'clickstream/2025q3/old.json',
    archived: true,
    sensitiveData: { CREDENTIALS: { AWS_CREDENTIALS: 1 } },
  },
  {
    id: 'f-custom',
    bucket: 'shop-ml',
    key: 'clickstream/2025q3/part-2.json',
    sensitiveData: { CUSTOM_IDENTIFIER: { 'order-number': 9 } },
  },
  {
    id: 'f-policy',
    bucket: 'shop-ml',
    category: 'POLICY',
  },
  // Objects no LLM dataset holds, enough to need several pages.
  ...Array.from({ length: 25 }, (_, i) => ({
    id: `f-other-${i}`,
    bucket: 'finance-exports',
    key: `ledger-${i}.csv`,
    sensitiveData: { FINANCIAL_INFORMATION: { BANK_ACCOUNT_NUMBER: 1 } },
  })),
];

describe('MacieCollector', () => {
  let sagemaker: SageMakerTestServer;
  let macie: MacieTestServer;

  beforeAll(async () => {
    sagemaker = await SageMakerTestServer.start();
    macie = await MacieTestServer.start();
    sagemaker.addAccount(ACCOUNT_A, KEY_A);
    macie.addAccount(ACCOUNT_A, KEY_A);
  });
  afterAll(async () => {
    await sagemaker.close();
    await macie.close();
  });
  beforeEach(() => {
    macie.clearFaults();
    macie.requests.length = 0;
    sagemaker.setAccount(ACCOUNT_A, EU, {
      trainingJobs: [
        {
          name: 'recsys-train-1',
          channels: [
            { name: 'train', s3Uri: 's3://shop-ml/clickstream/2025q3/' },
            { name: 'validation', s3Uri: 's3://shop-ml/eval/holdout/' },
          ],
          outputPath: 's3://shop-ml-models/',
          artifacts: 's3://shop-ml-models/recsys/model.tar.gz',
        },
      ],
      models: [
        {
          name: 'recsys-llm-v3',
          modelDataUrl: 's3://shop-ml-models/recsys/model.tar.gz',
        },
      ],
    });
    macie.setFindings(ACCOUNT_A, EU, findings);
  });

  const connect = () =>
    connectLineageProvider(
      {
        accountIds: [ACCOUNT_A],
        regions: [EU],
        services: ['sagemaker', 'macie'],
        pageSize: 10,
        maxAttempts: 3,
        endpoints: { sagemaker: sagemaker.endpoint, macie: macie.endpoint },
      },
      new Map([[CLAIM, DECLARED_DATASET]]),
    );

  it('suggests the categories Macie found to the declared dataset holding the objects, through every page', async () => {
    const { provider, index } = await connect();
    const result = await provider.refresh();

    expect(result.failedSlices).toEqual([]);
    expect(result.datasetsWithSuggestions).toBe(2);
    // 30 classification findings not archived, 10 a page: three pages,
    // each described in one call.
    expect(macie.countOf('POST /findings')).toBe(3);
    expect(macie.countOf('POST /findings/describe')).toBe(3);

    expect(index.suggestionsOf(CLAIM)).toEqual([
      {
        category: 'payment.card',
        source: 'macie',
        evidence: 'CREDIT_CARD_NUMBER × 3 in 1 object',
        location: CLAIM,
        seenAt: '2026-11-28T10:30:00.000Z',
      },
      {
        category: 'personal.contact',
        source: 'macie',
        evidence: 'EMAIL_ADDRESS × 2 in 1 object',
        location: CLAIM,
        seenAt: '2026-11-20T08:00:00.000Z',
      },
      {
        category: 'personal.identifiers',
        source: 'macie',
        evidence: 'NAME × 5 in 2 objects',
        location: CLAIM,
        seenAt: '2026-11-28T10:30:00.000Z',
      },
    ]);
  });

  it('never overwrites what the owner declares: the processor adds suggestions beside spec.dataCategories', async () => {
    const { provider, index } = await connect();
    await provider.refresh();
    const declared: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: 'clickstream-2025q3',
        annotations: { 'amazonaws.com/arn': CLAIM },
      },
      spec: {
        type: 'llm-dataset',
        owner: 'group:default/data',
        dataCategories: ['personal.behavioral'],
      },
    };
    const processed = await new DiscoveredLineageProcessor(
      index,
    ).preProcessEntity(declared);

    expect(processed.spec?.dataCategories).toEqual(['personal.behavioral']);
    expect(
      readDataCategorySuggestions(processed).map(s => s.category),
    ).toEqual(['payment.card', 'personal.contact', 'personal.identifiers']);
  });

  it('writes suggestions on a discovered dataset, and ignores buckets no LLM dataset holds', async () => {
    const { provider, connection } = await connect();
    await provider.refresh();
    const entities = connection.lastEntities;
    const holdout = byArn(entities, 'arn:aws:s3:::shop-ml/eval/holdout')!;
    expect(readDataCategorySuggestions(holdout)).toEqual([
      {
        category: 'personal.contact',
        source: 'macie',
        evidence: 'ADDRESS × 7 in 1 object',
        location: 'arn:aws:s3:::shop-ml/eval/holdout',
        seenAt: '2026-11-20T08:00:00.000Z',
      },
    ]);
    expect(holdout.spec?.dataCategories).toBeUndefined();
    expect(
      entities.filter(
        e => e.metadata.annotations?.[ANNOTATION_SUGGESTED_DATA_CATEGORIES],
      ),
    ).toHaveLength(1);
    expect(
      entities.some(e =>
        e.metadata.annotations?.['amazonaws.com/arn']?.includes(
          'finance-exports',
        ),
      ),
    ).toBe(false);
  });

  it('keeps the last good account and region when Macie refuses, and retries throttling', async () => {
    const { provider, index } = await connect();
    await provider.refresh();
    const before = index.suggestionsOf(CLAIM);

    macie.failAlways(ACCOUNT_A, { kind: 'denied' });
    macie.setFindings(ACCOUNT_A, EU, []);
    const failed = await provider.refresh();
    expect(failed.failedSlices).toEqual([`${ACCOUNT_A}/${EU}`]);
    expect(index.suggestionsOf(CLAIM)).toEqual(before);

    macie.clearFaults();
    macie.setFindings(ACCOUNT_A, EU, findings);
    macie.queueFaults(ACCOUNT_A, { kind: 'throttle' }, { kind: 'throttle' });
    const retried = await provider.refresh();
    expect(retried.failedSlices).toEqual([]);
    expect(index.suggestionsOf(CLAIM)).toEqual(before);
  });
});
