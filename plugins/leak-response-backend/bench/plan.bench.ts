/*
 * Bench of the plan route against the real catalog backend.
 *
 * The generated catalog of benchCatalog.ts (10,000 entities: 1,105
 * lineage families of nine entities, four hops from the first dataset to
 * the components, 10 groups with on-call rotations, 45 users with
 * trainings). After ingestion, 200 plan requests (half model-weight
 * exfiltration of a fine-tuned model, half training-data exposure of a base
 * dataset) and, in the same run, for each of them the bare batched catalog
 * fetch of the same entities:
 *   - level by level: one POST /entities/by-refs per depth of the impact,
 *     the same round trips the plan's walk needs;
 *   - one batch: a single POST /entities/by-refs of every entity the plan
 *     touched (impact, role groups, on-call users), the floor.
 * Each plan is asked twice: by the same responder every time (the people
 * side then comes from that caller's people cache, kept 30 s), and by a
 * caller never seen before (every group and user fetched from the catalog,
 * merged into the lineage requests).
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
import { Session } from 'node:inspector/promises';
import { writeFile } from 'node:fs/promises';
import request from 'supertest';
import { leakResponsePlugin } from '../src/plugin';
import { PLAN_ENTITY_FIELDS } from '../src/plan/PlanService';
import { LeakResponsePlan } from '../src/plan/api';
import {
  BENCH_ROLES,
  FAMILIES,
  generateCatalog,
  LOCATION,
} from './benchCatalog';

const REQUESTS = Number(process.env.BENCH_REQUESTS) || 200;
/** `BENCH_CPU_PROFILE=<file>` writes a CPU profile of the request loop. */
const CPU_PROFILE = process.env.BENCH_CPU_PROFILE;
const WARMUP = 10;

jest.setTimeout(30 * 60 * 1000);

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
          processingResult.relation({
            source: target,
            type: reverse,
            target: self,
          }),
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
      entities: this.entities.map(entity => ({
        entity,
        locationKey: LOCATION,
      })),
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

/**
 * Wall time and the CPU time of this process (catalog, plugin and client
 * all run in it) of one step. CPU time says what a step costs even when
 * other work on the machine stretches the wall time.
 */
async function measure<T>(
  step: () => Promise<T>,
): Promise<{ result: T; wall: number; cpu: number }> {
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  const result = await step();
  const wall = ms(start);
  const { user, system } = process.cpuUsage(cpuStart);
  return { result, wall, cpu: (user + system) / 1000 };
}

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
            catalog: {
              rules: [{ allow: ['Component', 'Resource', 'User', 'Group'] }],
              // The default (100–150 s) would start processing everything
              // again while the first pass is still going.
              processingInterval: { hours: 1 },
              // The stitcher looks for work every second by default and
              // runs dry between polls while entities are processed one by
              // one: ingestion took three times as long.
              stitchingStrategy: { pollingInterval: { milliseconds: 50 } },
            },
            leakResponse: {
              roles: BENCH_ROLES,
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
        .get(
          `/api/leak-response/v1/entities/resource/default/${last}-data-0/plan`,
        )
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
        `ingesting: ${count.body.totalItems ?? 0}/${
          entities.length
        } entities, ${(ms(ingestStart) / 1000).toFixed(0)} s\n`,
      );
      if (ms(ingestStart) > 25 * 60 * 1000)
        throw new Error('ingestion timed out');
      await new Promise(resolve => setTimeout(resolve, 2000));
    }
    const ingestSeconds = ms(ingestStart) / 1000;

    const byRefs = (refs: string[]) =>
      request(server)
        .post('/api/catalog/entities/by-refs')
        .set('Authorization', auth)
        .send({ entityRefs: refs, fields: PLAN_ENTITY_FIELDS });

    const plan: number[] = [];
    const cold: number[] = [];
    const coldCpu: number[] = [];
    const levels: number[] = [];
    const single: number[] = [];
    const planCpu: number[] = [];
    const levelsCpu: number[] = [];
    const singleCpu: number[] = [];
    const sizes: number[] = [];
    const bytes: number[] = [];
    let depthMax = 0;
    const profiler = CPU_PROFILE ? new Session() : undefined;
    if (profiler) {
      profiler.connect();
      await profiler.post('Profiler.enable');
      await profiler.post('Profiler.start');
    }
    for (let i = 0; i < WARMUP + REQUESTS; i++) {
      const f = (i * 7919) % FAMILIES;
      const [name, leakType] =
        i % 2 === 0
          ? [`f${f}-model`, 'model-weight-exfiltration']
          : [`f${f}-data-0`, 'training-data-exposure'];

      const planned = await measure(() =>
        request(server)
          .get(`/api/leak-response/v1/entities/resource/default/${name}/plan`)
          .query({ leakType })
          .set('Authorization', auth),
      );
      const res = planned.result;
      if (res.status !== 200) throw new Error(`plan ${name}: ${res.status}`);
      const stranger = await measure(() =>
        request(server)
          .get(`/api/leak-response/v1/entities/resource/default/${name}/plan`)
          .query({ leakType })
          .set(
            'Authorization',
            mockCredentials.user.header(`user:default/caller-${i}`),
          ),
      );
      if (stranger.result.status !== 200) {
        throw new Error(`plan ${name} (new caller): ${stranger.result.status}`);
      }
      const body = res.body as LeakResponsePlan;

      const byDepth = new Map<number, string[]>();
      for (const e of body.impact.entities) {
        byDepth.set(e.depth, [...(byDepth.get(e.depth) ?? []), e.entityRef]);
      }
      const leveled = await measure(async () => {
        for (const depth of [...byDepth.keys()].sort((a, b) => a - b)) {
          const r = await byRefs(byDepth.get(depth)!);
          if (r.status !== 200) throw new Error(`by-refs: ${r.status}`);
        }
      });

      const touched = new Set(body.impact.entities.map(e => e.entityRef));
      for (const role of body.roles) {
        if (role.entityRef) touched.add(role.entityRef);
        if (role.onCall?.now) touched.add(role.onCall.now.userRef);
        if (role.onCall?.next) touched.add(role.onCall.next.userRef);
      }
      const batched = await measure(() => byRefs([...touched]));

      if (i >= WARMUP) {
        plan.push(planned.wall);
        cold.push(stranger.wall);
        coldCpu.push(stranger.cpu);
        levels.push(leveled.wall);
        single.push(batched.wall);
        planCpu.push(planned.cpu);
        levelsCpu.push(leveled.cpu);
        singleCpu.push(batched.cpu);
        sizes.push(body.impact.entities.length);
        bytes.push(res.text.length);
        depthMax = Math.max(depthMax, ...byDepth.keys());
      }
    }

    if (profiler && CPU_PROFILE) {
      const { profile } = await profiler.post('Profiler.stop');
      await writeFile(CPU_PROFILE, JSON.stringify(profile));
      profiler.disconnect();
    }

    const p = stats(plan);
    const l = stats(levels);
    const s = stats(single);
    const pc = stats(planCpu);
    const c = stats(cold);
    const cc = stats(coldCpu);
    const lc = stats(levelsCpu);
    const sc = stats(singleCpu);
    const fmt = (x: number) => x.toFixed(1).padStart(7);
    const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}x`;
    // A bench may print its table.
    // eslint-disable-next-line no-console
    console.log(
      [
        `catalog: ${
          entities.length
        } entities, ingested in ${ingestSeconds.toFixed(0)} s; ` +
          `${REQUESTS} plans (after ${WARMUP} warm-up), ${Math.min(
            ...sizes,
          )}-${Math.max(
            ...sizes,
          )} affected entities, depth up to ${depthMax}, ` +
          `response ${(stats(bytes).p50 / 1024).toFixed(1)} KB`,
        `                                  wall time                 CPU time of the process`,
        `                                  p50 ms   p95 ms   max ms   p50 ms   p95 ms`,
        `plan (HTTP, full response)      ${fmt(p.p50)}  ${fmt(p.p95)}  ${fmt(
          p.max,
        )}  ${fmt(pc.p50)}  ${fmt(pc.p95)}`,
        `plan, a new caller each time    ${fmt(c.p50)}  ${fmt(c.p95)}  ${fmt(
          c.max,
        )}  ${fmt(cc.p50)}  ${fmt(cc.p95)}`,
        `bare fetch, level by level      ${fmt(l.p50)}  ${fmt(l.p95)}  ${fmt(
          l.max,
        )}  ${fmt(lc.p50)}  ${fmt(lc.p95)}`,
        `bare fetch, one batch           ${fmt(s.p50)}  ${fmt(s.p95)}  ${fmt(
          s.max,
        )}  ${fmt(sc.p50)}  ${fmt(sc.p95)}`,
        `plan / level by level: p50 ${ratio(p.p50, l.p50)}, p95 ${ratio(
          p.p95,
          l.p95,
        )} (target <= 1.5x; plan p95 target <= 300 ms); CPU p50 ${ratio(
          pc.p50,
          lc.p50,
        )}`,
        `new caller / level by level: p50 ${ratio(c.p50, l.p50)}, p95 ${ratio(
          c.p95,
          l.p95,
        )}; CPU p50 ${ratio(cc.p50, lc.p50)}`,
        `plan / one batch:      p50 ${ratio(p.p50, s.p50)}, p95 ${ratio(
          p.p95,
          s.p95,
        )}`,
      ].join('\n'),
    );
    expect(plan).toHaveLength(REQUESTS);
  });
});
