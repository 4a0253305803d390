import {
  byName,
  exampleCatalog,
  fakeFetcher,
  readExampleEntities,
  resource,
  withRelations,
} from '../__testUtils__/catalogFixtures';
import { ImpactAnalyzer } from './ImpactAnalyzer';

const r = (name: string) => `resource:default/${name}`;

function roles(report: {
  entities: Array<{ entityRef: string; role: string }>;
}) {
  return Object.fromEntries(report.entities.map(e => [e.entityRef, e.role]));
}

describe('ImpactAnalyzer', () => {
  const catalog = exampleCatalog();

  it('walks a leaked model to its training data, base model, endpoint, log and surfaces', async () => {
    const fetch = fakeFetcher(catalog);
    const { report } = await ImpactAnalyzer.create().analyze({
      origin: byName(catalog, 'recsys-llm-v3'),
      leakType: 'model-weight-exfiltration',
      fetch,
    });

    expect(roles(report)).toEqual({
      [r('recsys-llm-v3')]: 'origin',
      [r('clickstream-2025q3')]: 'upstream-data',
      [r('order-history-2025')]: 'upstream-data',
      [r('base-llm-7b')]: 'upstream-data',
      [r('recsys-endpoint-eu')]: 'downstream-surface',
      [r('recsys-inference-logs')]: 'log',
      'component:default/account-pages': 'downstream-surface',
      'component:default/product-search': 'downstream-surface',
      'component:default/recommendations-api': 'downstream-surface',
    });
    // One batched request per level: upstream + endpoint, then log + components.
    expect(fetch.batches).toHaveLength(2);
    expect(fetch.batches[0]).toHaveLength(4);

    // Weights carry their training data; logs and surfaces did not leak.
    expect(report.dataCategories).toEqual([
      'payment.financial',
      'personal.behavioral',
      'personal.contact',
      'personal.identifiers',
      'personal.location',
      'proprietary.model-weights',
    ]);
    expect(report.regions).toEqual([
      'ap-southeast-1',
      'eu-west-1',
      'eu-west-2',
      'us-east-1',
    ]);
    expect(report.owners).toEqual([
      'group:default/checkout',
      'group:default/ml-platform',
      'group:default/search',
    ]);
    const ca = report.dataSubjects.find(s => s.jurisdiction === 'US-CA');
    // order-history lists four jurisdictions: no per-state count, only a bound.
    expect(ca).toEqual({
      jurisdiction: 'US-CA',
      atMost: 3100000,
      from: [r('order-history-2025')],
    });
    const eu = report.dataSubjects.find(s => s.jurisdiction === 'EU');
    expect(eu?.atMost).toBe(2400000 + 2400000 + 3100000);
    expect(eu?.approxCount).toBeUndefined();
    expect(report.problems).toEqual({ missing: [], cycles: [] });
  });

  it('keeps the training data out of the leak when the model is assessed anonymous', async () => {
    const model = byName(catalog, 'recsys-llm-v3');
    const assessed = {
      ...model,
      metadata: {
        ...model.metadata,
        annotations: { 'leak-response.io/anonymity-assessment': 'anonymous' },
      },
    };
    const { report } = await ImpactAnalyzer.create().analyze({
      origin: assessed,
      leakType: 'model-weight-exfiltration',
      fetch: fakeFetcher(catalog),
    });
    expect(report.dataCategories).toEqual([
      'personal.behavioral',
      'personal.identifiers',
      'proprietary.model-weights',
    ]);
    const upstream = report.entities.find(
      e => e.entityRef === r('clickstream-2025q3'),
    );
    expect(upstream?.dataAtRisk).toBe(false);
    expect(upstream?.dataAtRiskReason).toContain('anonymity assessment');
  });

  it('follows a leaked dataset downstream to every model, fine-tune, endpoint and surface', async () => {
    const { report } = await ImpactAnalyzer.create().analyze({
      origin: byName(catalog, 'order-history-2025'),
      leakType: 'training-data-exposure',
      fetch: fakeFetcher(catalog),
    });
    const found = roles(report);
    expect(found[r('recsys-llm-v3')]).toBe('downstream-model');
    expect(found[r('checkout-assistant-v1')]).toBe('downstream-model');
    expect(found[r('checkout-assistant-endpoint')]).toBe('downstream-surface');
    expect(found['component:default/checkout-web']).toBe('downstream-surface');
    expect(found[r('checkout-prompt-logs')]).toBe('log');
    // Nothing upstream of a dataset, and the base model is not reached.
    expect(found[r('base-llm-7b')]).toBeUndefined();
    // Only the dataset's own data leaked.
    expect(report.dataCategories).toEqual([
      'payment.financial',
      'personal.contact',
      'personal.identifiers',
      'personal.location',
    ]);
    const via = report.entities.find(
      e => e.entityRef === 'component:default/checkout-web',
    )?.via;
    expect(via).toEqual({
      from: r('checkout-assistant-endpoint'),
      relation: 'dependencyOf',
    });
  });

  it('counts the prompt logs as leaked inference data', async () => {
    const { report } = await ImpactAnalyzer.create().analyze({
      origin: byName(catalog, 'checkout-assistant-endpoint'),
      leakType: 'inference-data-leakage',
      fetch: fakeFetcher(catalog),
    });
    const log = report.entities.find(
      e => e.entityRef === r('checkout-prompt-logs'),
    );
    expect(log).toMatchObject({ role: 'log', dataAtRisk: true, depth: 1 });
    const model = report.entities.find(
      e => e.entityRef === r('checkout-assistant-v1'),
    );
    expect(model).toMatchObject({ role: 'upstream-data', dataAtRisk: false });
    expect(report.dataCategories).toEqual([
      'payment.card',
      'personal.identifiers',
    ]);
    // Counts: GB and EU listed by the endpoint and its log, 260,000 each.
    expect(report.dataSubjects.map(s => [s.jurisdiction, s.atMost])).toEqual([
      ['EU', 520000],
      ['GB', 520000],
    ]);
  });

  it('reads forward lineage from spec when the catalog emits no lineage relations', async () => {
    const bare = withRelations(readExampleEntities(), {
      lineageRelations: false,
    });
    const { report } = await ImpactAnalyzer.create().analyze({
      origin: byName(bare, 'recsys-endpoint-eu'),
      leakType: 'inference-data-leakage',
      fetch: fakeFetcher(bare),
    });
    const found = roles(report);
    expect(found[r('recsys-inference-logs')]).toBe('log');
    expect(found[r('recsys-llm-v3')]).toBe('upstream-data');
    expect(found[r('clickstream-2025q3')]).toBe('upstream-data');
    expect(found['component:default/account-pages']).toBe('downstream-surface');
  });

  it('reports missing references and cycles without failing', async () => {
    const graph = withRelations([
      resource('model-a', {
        type: 'llm-model',
        fineTunedFrom: 'resource:model-b',
        trainedOn: ['resource:gone-dataset'],
        dataCategories: ['proprietary.model-weights'],
      }),
      resource('model-b', {
        type: 'llm-model',
        fineTunedFrom: 'resource:model-c',
      }),
      resource('model-c', {
        type: 'llm-model',
        fineTunedFrom: 'resource:model-a',
      }),
    ]);
    const { report } = await ImpactAnalyzer.create().analyze({
      origin: byName(graph, 'model-a'),
      leakType: 'model-weight-exfiltration',
      fetch: fakeFetcher(graph),
    });
    expect(report.problems.missing).toEqual([
      {
        entityRef: r('gone-dataset'),
        referencedBy: r('model-a'),
        relation: 'trainedOn',
      },
    ]);
    expect(report.problems.cycles).toContainEqual({
      path: [r('model-a'), r('model-b'), r('model-c'), r('model-a')],
      relations: ['fineTunedFrom', 'fineTunedFrom', 'fineTunedFrom'],
    });
    expect(report.entities.map(e => e.entityRef).sort()).toEqual([
      r('model-a'),
      r('model-b'),
      r('model-c'),
    ]);
  });

  it('reports a self-reference as a cycle', async () => {
    const graph = withRelations([
      resource('loop', { type: 'llm-model', fineTunedFrom: 'resource:loop' }),
    ]);
    const { report } = await ImpactAnalyzer.create().analyze({
      origin: graph[0],
      leakType: 'model-weight-exfiltration',
      fetch: fakeFetcher(graph),
    });
    expect(report.problems.cycles).toEqual([
      { path: [r('loop'), r('loop')], relations: ['fineTunedFrom'] },
    ]);
    expect(report.entities).toHaveLength(1);
  });

  it('stops at the depth limit and says what it left unexplored', async () => {
    const chain = withRelations(
      [0, 1, 2, 3, 4].map(i =>
        resource(`m${i}`, {
          type: 'llm-model',
          ...(i < 4 ? { fineTunedFrom: `resource:m${i + 1}` } : {}),
        }),
      ),
    );
    const fetch = fakeFetcher(chain);
    const { report } = await ImpactAnalyzer.create({ maxDepth: 2 }).analyze({
      origin: chain[0],
      leakType: 'model-weight-exfiltration',
      fetch,
    });
    expect(report.entities.map(e => e.entityRef)).toEqual([
      r('m0'),
      r('m1'),
      r('m2'),
    ]);
    expect(report.problems.truncated).toEqual({
      reason: expect.stringContaining('maximum depth of 2'),
      unexplored: [r('m3')],
    });
    expect(fetch.batches).toHaveLength(2);
  });

  it('stops at the entity limit', async () => {
    const graph = withRelations([
      resource('big', {
        type: 'llm-model',
        trainedOn: ['a', 'b', 'c', 'd'].map(n => `resource:${n}`),
      }),
      ...['a', 'b', 'c', 'd'].map(n => resource(n, { type: 'llm-dataset' })),
    ]);
    const { report } = await ImpactAnalyzer.create({ maxEntities: 3 }).analyze({
      origin: graph[0],
      leakType: 'model-weight-exfiltration',
      fetch: fakeFetcher(graph),
    });
    expect(report.entities).toHaveLength(3);
    expect(report.problems.truncated?.unexplored).toEqual([r('c'), r('d')]);
  });
});
