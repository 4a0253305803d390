/*
 * Bench of the plan route against the real catalog backend.
 *
 * A generated catalog of 10,000 entities: 1,105 lineage families of nine
 * entities (three datasets → base model → fine-tuned model → endpoint →
 * prompt log and two components: four hops from the first dataset to the
 * components) plus 10 groups with on-call rotations and 45 users with
 * trainings. After ingestion, 200 plan requests (half model-weight
 * exfiltration of a fine-tuned model, half training-data exposure of a base
 * dataset) and, in the same run, for each of them the bare batched catalog
 * fetch of the same entities:
 *   - level by level: one POST /entities/by-refs per depth of the impact,
 *     the same round trips the plan's walk needs;
 *   - one batch: a single POST /entities/by-refs of every entity the plan
 *     touched (impact, role groups, on-call users), the floor.
 *
 * Run: `node scripts/run.js bench:plan` from the repository root. Prints a
 * table; a bench may print.
 */
import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  Entity,
  getCompoundEntityRef,
  parseEntityRef,
} from '@backstage/catalog-model';
import catalogBackend from '@backstage/plugin-catalog-backend';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  catalogProcessingExtensionPoint,
  EntityProvider,
  EntityProviderConnection,
  processingResult,
} from '@backstage/plugin-catalog-node';
import request from 'supertest';
import { leakResponsePlugin } from '../src/plugin';
import { PLAN_ENTITY_FIELDS } from '../src/plan/PlanService';
import { LeakResponsePlan } from '../src/plan/api';

const FAMILIES = 1105;
const GROUPS = 10;
const USERS_PER_GROUP = 4; // + 5 in security-ir below: 45 users
const REQUESTS = 200;
const WARMUP = 10;

jest.setTimeout(30 * 60 * 1000);

const LOCATION = 'bench:generated';
const meta = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  namespace: 'default',
  annotations: {
    'backstage.io/managed-by-location': LOCATION,
    'backstage.io/managed-by-origin-location': LOCATION,
  },
  ...extra,
});

function generateCatalog(): Entity[] {
  const entities: Entity[] = [];
  const groupNames = [
    'security-ir',
    'dpo-office',
    'legal',
    'communications',
    ...Array.from({ length: GROUPS - 4 }, (_, i) => `ml-team-${i}`),
  ];
  let userCount = 0;
  for (const group of groupNames) {
    const size = group === 'security-ir' ? 9 : USERS_PER_GROUP;
    const first = userCount;
    const members = Array.from({ length: size }, (_, n) => `user-${first + n}`);
    userCount += size;
    for (const [i, member] of members.entries()) {
      entities.push({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'User',
        metadata: {
          ...meta(member),
          annotations: {
            ...meta(member).annotations,
            'leak-response.io/trainings':
              i % 3 === 2
                ? 'aws-incident-response'
                : 'aws-incident-response, ai-data-categorization',
          },
        },
        spec: {
          profile: { displayName: member, email: `${member}@bench.example` },
          memberOf: [group],
        },
      });
    }
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: {
        ...meta(group),
        annotations: {
          ...meta(group).annotations,
          'leak-response.io/oncall-members': members.join(', '),
          'leak-response.io/oncall-period': 'P1W',
          'leak-response.io/oncall-start': '2026-01-05T09:00',
          'leak-response.io/oncall-timezone': 'Europe/Berlin',
        },
      },
      spec: { type: 'team', children: [] },
    });
  }
  const resource = (name: string, spec: Record<string, unknown>): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: meta(name),
    spec: { lifecycle: 'production', regions: ['eu-west-1'], ...spec },
  });
  for (let f = 0; f < FAMILIES; f++) {
    const owner = `group:ml-team-${f % (GROUPS - 4)}`;
    const subjects = { dataSubjects: ['EU', 'GB'], approxDataSubjects: 1000 + f };
    entities.push(
      ...[0, 1, 2].map(i =>
        resource(`f${f}-data-${i}`, {
          type: 'llm-dataset',
          owner,
          purpose: 'training',
          dataCategories: ['personal.identifiers', 'personal.behavioral'],
          ...subjects,
        }),
      ),
      resource(`f${f}-base`, {
        type: 'llm-model',
        owner,
        trainedOn: [`resource:f${f}-data-0`],
        dataCategories: ['proprietary.model-weights'],
      }),
      resource(`f${f}-model`, {
        type: 'llm-model',
        owner,
        fineTunedFrom: `resource:f${f}-base`,
        trainedOn: [`resource:f${f}-data-1`, `resource:f${f}-data-2`],
        dataCategories: ['proprietary.model-weights', 'personal.identifiers'],
        ...subjects,
      }),
      resource(`f${f}-endpoint`, {
        type: 'llm-endpoint',
        owner,
        serves: [`resource:f${f}-model`],
        logsTo: [`resource:f${f}-log`],
        dataCategories: ['personal.identifiers', 'personal.contact'],
        ...subjects,
      }),
      resource(`f${f}-log`, {
        type: 'llm-dataset',
        owner,
        purpose: 'inference-log',
        dataCategories: ['personal.identifiers', 'personal.contact'],
        ...subjects,
      }),
      ...[0, 1].map(i => ({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: meta(`f${f}-web-${i}`),
        spec: {
          type: 'website',
          lifecycle: 'production',
          owner,
          dependsOn: [`resource:f${f}-endpoint`],
        },
      })),
    );
  }
  return entities;
}

const LINEAGE = [
  ['trainedOn', 'trainingDataOf'],
  ['fineTunedFrom', 'fineTunedInto'],
  ['serves', 'servedBy'],
  ['logsTo', 'logsOf'],
] as const;

/** Emits the lineage relations, as the LLM catalog module does. */
class BenchLineageProcessor implements CatalogProcessor {
  getProcessorName() {
    return 'BenchLineageProcessor';
  }
  async postProcessEntity(
    entity: Entity,
    _location: unknown,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    const self = getCompoundEntityRef(entity);
    for (const [field, reverse] of LINEAGE) {
      const raw = entity.spec?.[field];
      const values = Array.isArray(raw) ? raw : [raw].filter(Boolean);
      for (const value of values) {
        const target = parseEntityRef(String(value), {
          defaultKind: 'resource',
          defaultNamespace: self.namespace,
        });
        emit(processingResult.relation({ source: self, type: field, target }));
        emit(
          processingResult.relation({ source: target, type: reverse, target: self }),
        );
      }
    }
    return entity;
  }
}

class BenchProvider implements EntityProvider {
  constructor(private readonly entities: Entity[]) {}
  getProviderName() {
    return 'bench-provider';
  }
  async connect(connection: EntityProviderConnection) {
    await connection.applyMutation({
      type: 'full',
      entities: this.entities.map(entity => ({ entity, locationKey: LOCATION })),
    });
  }
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const stats = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    max: sorted[sorted.length - 1],
  };
};
const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

describe('plan bench', () => {
  it('measures plan latency against the bare batched catalog fetch', async () => {
    const entities = generateCatalog();
    const { server } = await startTestBackend({
      features: [
        catalogBackend,
        createBackendModule({
          pluginId: 'catalog',
          moduleId: 'bench',
          register(reg) {
            reg.registerInit({
              deps: { catalog: catalogProcessingExtensionPoint },
              async init({ catalog }) {
                catalog.addProcessor(new BenchLineageProcessor());
                catalog.addEntityProvider(new BenchProvider(entities));
              },
            });
          },
        }),
        leakResponsePlugin,
        mockServices.rootConfig.factory({
          data: {
            catalog: { rules: [{ allow: ['Component', 'Resource', 'User', 'Group'] }] },
            leakResponse: {
              roles: {
                compliance: 'group:dpo-office',
                security: 'group:security-ir',
                legal: 'group:legal',
                communications: 'group:communications',
              },
            },
          },
        }),
      ],
    });
    const auth = mockCredentials.user.header();

    const ingestStart = process.hrtime.bigint();
    const last = `f${FAMILIES - 1}`;
    for (;;) {
      const res = await request(server)
        .get(`/api/leak-response/v1/entities/resource/default/${last}-data-0/plan`)
        .query({ leakType: 'training-data-exposure' })
        .set('Authorization', auth);
      const count = await request(server)
        .get('/api/catalog/entities/by-query')
        .query({ limit: 1 })
        .set('Authorization', auth);
      if (
        res.status === 200 &&
        // data-0 → base → model → endpoint → log and two components
        res.body.impact.entities.length === 7 &&
        count.body.totalItems >= entities.length
      ) {
        break;
      }
      process.stderr.write(
        `ingesting: ${count.body.totalItems ?? 0}/${entities.length} entities, ${(
          ms(ingestStart) / 1000
        ).toFixed(0)} s\n`,
      );
      if (ms(ingestStart) > 25 * 60 * 1000) throw new Error('ingestion timed out');
      await new Promise(resolve => setTimeout(resolve, 2000));
    }
    const ingestSeconds = ms(ingestStart) / 1000;

    const byRefs = (refs: string[]) =>
      request(server)
        .post('/api/catalog/entities/by-refs')
        .set('Authorization', auth)
        .send({ entityRefs: refs, fields: PLAN_ENTITY_FIELDS });

    const plan: number[] = [];
    const levels: number[] = [];
    const single: number[] = [];
    const sizes: number[] = [];
    let depthMax = 0;
    for (let i = 0; i < WARMUP + REQUESTS; i++) {
      const f = (i * 7919) % FAMILIES;
      const [name, leakType] =
        i % 2 === 0
          ? [`f${f}-model`, 'model-weight-exfiltration']
          : [`f${f}-data-0`, 'training-data-exposure'];

      let start = process.hrtime.bigint();
      const res = await request(server)
        .get(`/api/leak-response/v1/entities/resource/default/${name}/plan`)
        .query({ leakType })
        .set('Authorization', auth);
      const planMs = ms(start);
      if (res.status !== 200) throw new Error(`plan ${name}: ${res.status}`);
      const body = res.body as LeakResponsePlan;

      const byDepth = new Map<number, string[]>();
      for (const e of body.impact.entities) {
        byDepth.set(e.depth, [...(byDepth.get(e.depth) ?? []), e.entityRef]);
      }
      start = process.hrtime.bigint();
      for (const depth of [...byDepth.keys()].sort((a, b) => a - b)) {
        const r = await byRefs(byDepth.get(depth)!);
        if (r.status !== 200) throw new Error(`by-refs: ${r.status}`);
      }
      const levelsMs = ms(start);

      const touched = new Set(body.impact.entities.map(e => e.entityRef));
      for (const role of body.roles) {
        if (role.entityRef) touched.add(role.entityRef);
        if (role.onCall?.now) touched.add(role.onCall.now.userRef);
        if (role.onCall?.next) touched.add(role.onCall.next.userRef);
      }
      start = process.hrtime.bigint();
      await byRefs([...touched]);
      const singleMs = ms(start);

      if (i >= WARMUP) {
        plan.push(planMs);
        levels.push(levelsMs);
        single.push(singleMs);
        sizes.push(body.impact.entities.length);
        depthMax = Math.max(depthMax, ...byDepth.keys());
      }
    }

    const p = stats(plan);
    const l = stats(levels);
    const s = stats(single);
    const fmt = (x: number) => x.toFixed(1).padStart(7);
    // eslint-disable-next-line no-console
    console.log(
      [
        `catalog: ${entities.length} entities, ingested in ${ingestSeconds.toFixed(0)} s; ` +
          `${REQUESTS} plans (after ${WARMUP} warm-up), ${Math.min(...sizes)}-${Math.max(...sizes)} affected entities, depth up to ${depthMax}`,
        `                                  p50 ms   p95 ms   max ms`,
        `plan (HTTP, full response)      ${fmt(p.p50)}  ${fmt(p.p95)}  ${fmt(p.max)}`,
        `bare fetch, level by level      ${fmt(l.p50)}  ${fmt(l.p95)}  ${fmt(l.max)}`,
        `bare fetch, one batch           ${fmt(s.p50)}  ${fmt(s.p95)}  ${fmt(s.max)}`,
        `plan p95 / level-by-level p95:  ${(p.p95 / l.p95).toFixed(2)}x (target <= 1.5x); plan p95 target <= 300 ms`,
        `plan p95 / one-batch p95:       ${(p.p95 / s.p95).toFixed(2)}x`,
      ].join('\n'),
    );
    expect(plan).toHaveLength(REQUESTS);
  });
});
