/*
 * Load bench of the incident store and service, on SQLite and PostgreSQL.
 *
 * 1. 100 concurrent launches through IncidentService (with the real store,
 *    obligations from the real engine, and a fixed plan of 8 affected
 *    entities and 8 playbook steps in place of the catalog); every fourth
 *    launch reuses an idempotency key. Reports errors, duplicates and
 *    latency percentiles.
 * 2. 100,000 stored incidents (bulk-loaded), then 300 listings of one
 *    entity's incidents (by affected entity, as the entity page asks):
 *    p50 / p99.
 *
 * Run: `node scripts/run.js bench:incidents` (PostgreSQL from
 * BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING, default
 * postgresql://postgres@127.0.0.1:5432; skipped with a message when it does
 * not answer). A bench may print.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import knexFactory, { Knex } from 'knex';
import {
  DEFAULT_DATA_CATEGORY_VOCABULARY,
  evaluateObligations,
  IncidentFacts,
  LeakResponsePlan,
} from '@leak-response/plugin-leak-response-common';
import { DatabaseIncidentStore } from '../src/database/DatabaseIncidentStore';
import { IncidentService } from '../src/incidents/IncidentService';
import { DEFAULT_NOTICE_TEMPLATES } from '../src/notices';

const LAUNCHES = 100;
const STORED = 100_000;
const LISTINGS = 300;
const PG =
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??
  'postgresql://postgres@127.0.0.1:5432';

const facts: IncidentFacts = {
  clocks: { aware: '2026-11-20T09:30:00.000Z' },
  data: { categories: ['personal.identifiers', 'personal.behavioral'] },
  dataSubjects: [
    { jurisdiction: 'EU', approxCount: 2_400_000 },
    { jurisdiction: 'GB', approxCount: 300_000 },
    { jurisdiction: 'US-CA', approxCount: 120_000 },
  ],
  hostingRegions: ['eu-west-1'],
  answers: { risk: 'high' },
};

function fixedPlan(now: Date): LeakResponsePlan {
  const entities = Array.from({ length: 8 }, (_, i) => ({
    entityRef: `resource:default/bench-entity-${i}`,
    kind: 'Resource',
    type: i === 0 ? 'llm-model' : 'llm-dataset',
    role: (i === 0 ? 'origin' : 'upstream-data') as 'origin',
    depth: i === 0 ? 0 : 1,
    owner: 'group:default/ml-platform',
    system: 'system:default/product-discovery',
    dataCategories: ['personal.identifiers', 'personal.behavioral'],
    dataSubjects: ['EU', 'GB'],
    regions: ['eu-west-1'],
    dataAtRisk: true,
    dataAtRiskReason: 'bench',
  }));
  const report = evaluateObligations(facts, {
    now,
    categoryFlags: id => DEFAULT_DATA_CATEGORY_VOCABULARY.get(id),
  });
  return {
    entityRef: 'resource:default/bench-entity-0',
    leakType: 'model-weight-exfiltration',
    leakTypeSource: 'query',
    generatedAt: now.toISOString(),
    awareAt: facts.clocks.aware,
    impact: {
      origin: 'resource:default/bench-entity-0',
      leakType: 'model-weight-exfiltration',
      entities,
      dataCategories: ['personal.identifiers', 'personal.behavioral'],
      dataSubjects: [],
      regions: ['eu-west-1'],
      owners: ['group:default/ml-platform'],
      problems: { missing: [], cycles: [] },
    },
    playbook: {
      id: 'model-weight-exfiltration',
      title: 'bench',
      source: 'built-in',
      selectedBy: 'leak-type',
      steps: Array.from({ length: 8 }, (_, i) => ({
        id: `step-${i}`,
        title: `Step ${i}`,
        phase: 'contain',
        raci: {
          responsible: [
            { role: 'security', entityRef: 'group:default/security-ir' },
          ],
          accountable: {
            role: 'compliance',
            entityRef: 'group:default/dpo-office',
          },
          consulted: [],
          informed: [],
        },
      })),
    },
    roles: [],
    readiness: {
      requiredTrainings: [],
      horizonUntil: now.toISOString(),
      gaps: [],
    },
    obligations: { status: 'evaluated', ...report },
    warnings: [],
  };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[
    Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  ];
}

function describe(ms: number[]): string {
  const sorted = [...ms].sort((a, b) => a - b);
  return `p50 ${percentile(sorted, 50).toFixed(1)} ms, p95 ${percentile(
    sorted,
    95,
  ).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms, max ${sorted[
    sorted.length - 1
  ].toFixed(1)} ms`;
}

async function benchLaunches(knex: Knex) {
  const store = await DatabaseIncidentStore.create({
    database: { getClient: async () => knex },
  });
  const service = IncidentService.create({
    store,
    planner: {
      plan: async () => ({ plan: fixedPlan(new Date()), facts }),
      evaluate: () => {
        throw new Error('not used');
      },
      snapshot: async () => undefined,
    },
    templates: DEFAULT_NOTICE_TEMPLATES,
    organisation: { name: 'Bench', dpoContact: 'dpo@bench.example' },
  });
  const latencies: number[] = [];
  let errors = 0;
  const results = await Promise.all(
    Array.from({ length: LAUNCHES }, async (_, i) => {
      const started = performance.now();
      try {
        const result = await service.launch(
          {
            entityRef: 'resource:default/bench-entity-0',
            leakType: 'model-weight-exfiltration',
            idempotencyKey: i % 4 === 0 ? `shared-${i % 8}` : `unique-${i}`,
          },
          'user:default/bench',
          {} as any,
        );
        return {
          key: i % 4 === 0 ? `shared-${i % 8}` : `unique-${i}`,
          id: result.incident.id,
        };
      } catch (error) {
        errors += 1;
        process.stderr.write(`launch failed: ${error}\n`);
        return undefined;
      } finally {
        latencies.push(performance.now() - started);
      }
    }),
  );
  const idsByKey = new Map<string, Set<string>>();
  for (const r of results) {
    if (!r) continue;
    idsByKey.set(r.key, (idsByKey.get(r.key) ?? new Set()).add(r.id));
  }
  const duplicates = [...idsByKey.values()].filter(ids => ids.size > 1).length;
  const { totalCount } = await store.listIncidents({ limit: 1 });
  const expected = idsByKey.size;
  return {
    line: `${LAUNCHES} concurrent launches: ${errors} errors, ${duplicates} duplicate keys, ${totalCount} incidents stored (expected ${expected}); ${describe(
      latencies,
    )}`,
    store,
  };
}

async function bulkLoad(knex: Knex) {
  const entities = 2_000;
  const batch = 500;
  const now = Date.now();
  for (let offset = 0; offset < STORED; offset += batch) {
    const incidents = [];
    const affected = [];
    for (let i = offset; i < Math.min(STORED, offset + batch); i++) {
      const id = randomUUID();
      const entity = `resource:default/bulk-${i % entities}`;
      incidents.push({
        id,
        title: `bulk incident ${i}`,
        leak_type: 'training-data-exposure',
        origin_entity_ref: entity,
        severity: 'medium',
        status: i % 3 === 0 ? 'closed' : 'investigating',
        exercise: i % 10 === 0,
        aware_at: new Date(now - i * 60_000),
        created_by: 'user:default/bench',
        created_at: new Date(now - i * 60_000),
        updated_at: new Date(now - i * 60_000),
        assessment: '{}',
      });
      affected.push({
        incident_id: id,
        entity_ref: entity,
        role: 'origin',
        owner_ref: 'group:default/ml-platform',
        system_ref: null,
        snapshot: '{"dataCategories":[],"dataSubjects":[],"regions":[]}',
        added_at: new Date(now),
        added_by: 'user:default/bench',
      });
    }
    await knex.transaction(async tx => {
      await tx.batchInsert('incidents', incidents, 250);
      await tx.batchInsert('incident_entities', affected, 250);
    });
  }
}

async function benchListing(knex: Knex, store: DatabaseIncidentStore) {
  const loadStarted = performance.now();
  await bulkLoad(knex);
  const loadSeconds = (performance.now() - loadStarted) / 1000;
  const latencies: number[] = [];
  let sum = 0;
  for (let i = 0; i < LISTINGS; i++) {
    const started = performance.now();
    const { items, totalCount } = await store.listIncidents({
      affectedEntityRef: `resource:default/bulk-${(i * 37) % 2_000}`,
      limit: 50,
    });
    latencies.push(performance.now() - started);
    sum += items.length + totalCount;
  }
  return `listing one entity's incidents among ${STORED.toLocaleString(
    'en',
  )} stored (${(sum / LISTINGS / 2).toFixed(
    0,
  )} each; bulk load ${loadSeconds.toFixed(0)} s): ${describe(latencies)}`;
}

async function run(
  label: string,
  connect: () => Promise<Knex>,
  cleanup: () => Promise<void>,
) {
  const knex = await connect();
  try {
    const { line, store } = await benchLaunches(knex);
    process.stdout.write(`${label}: ${line}\n`);
    process.stdout.write(`${label}: ${await benchListing(knex, store)}\n`);
  } finally {
    await knex.destroy();
    await cleanup();
  }
}

async function main() {
  await run(
    'SQLite (in memory)',
    async () =>
      knexFactory({
        client: 'better-sqlite3',
        connection: ':memory:',
        useNullAsDefault: true,
      }),
    async () => {},
  );

  const database = `lr_bench_${randomUUID().slice(0, 8)}`;
  const admin = knexFactory({ client: 'pg', connection: PG });
  try {
    await admin.raw('select 1');
  } catch {
    process.stdout.write(`PostgreSQL: not reachable at ${PG}, skipped\n`);
    await admin.destroy();
    return;
  }
  await admin.raw('create database ??', [database]);
  await run(
    'PostgreSQL 15',
    async () => {
      const url = new URL(PG);
      url.pathname = `/${database}`;
      return knexFactory({
        client: 'pg',
        connection: url.toString(),
        pool: { min: 0, max: 10 },
      });
    },
    async () => {
      await admin.raw('drop database if exists ?? with (force)', [database]);
      await admin.destroy();
    },
  );
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
