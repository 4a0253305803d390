/*
 * In-process cost of a plan, without the catalog: the plan service over the
 * bench catalog held in memory (relations as the catalog would emit them),
 * 500 plans after a warm-up, and the CPU time of each part measured apart.
 * It says where the time of the HTTP bench goes that is not catalog time.
 *
 * Run: `node scripts/run.js bench:plan-cost` from the repository root.
 * Prints a table; a bench may print.
 */
import { LoggerService } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { DateTime } from 'luxon';
import { PlanService } from '../src/plan/PlanService';
import { withRelations } from '../src/plan/__testUtils__/catalogFixtures';
import { BENCH_ROLES, FAMILIES, generateCatalog } from './benchCatalog';

const PLANS = Number(process.env.BENCH_PLANS) || 500;
const WARMUP = 100;

const entities = withRelations(generateCatalog());
const byRef = new Map(
  entities.map(e => [
    `${e.kind}:${e.metadata.namespace ?? 'default'}/${
      e.metadata.name
    }`.toLocaleLowerCase('en-US'),
    e,
  ]),
);
const catalog = {
  async getEntitiesByRefs(request: { entityRefs: string[] }) {
    return {
      items: request.entityRefs.map(
        ref => byRef.get(ref.toLocaleLowerCase('en-US')) ?? null,
      ),
    };
  },
} as unknown as CatalogService;

function quietLogger(): LoggerService {
  const logger: LoggerService = {
    error: () => {},
    warn: () => {},
    info: () => {},
    debug: () => {},
    child: () => logger,
  };
  return logger;
}

const config = new ConfigReader({ leakResponse: { roles: BENCH_ROLES } });
const service = PlanService.fromConfig(config, {
  catalog,
  logger: quietLogger(),
});
// The same responder every time, as in the HTTP bench's first row: the
// people side then comes from the people cache.
const credentials = {
  $$type: '@backstage/BackstageCredentials',
  principal: { type: 'user', userEntityRef: 'user:default/responder' },
} as never;

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
};

async function main() {
  const plan: number[] = [];
  const serialise: number[] = [];
  const sizes: number[] = [];
  for (let i = 0; i < WARMUP + PLANS; i++) {
    const f = (i * 7919) % FAMILIES;
    const [name, leakType] =
      i % 2 === 0
        ? [`f${f}-model`, 'model-weight-exfiltration' as const]
        : [`f${f}-data-0`, 'training-data-exposure' as const];
    let start = process.hrtime.bigint();
    const body = await service.getPlan({
      entity: { kind: 'resource', namespace: 'default', name },
      leakType,
      credentials,
    });
    const planMs = ms(start);
    start = process.hrtime.bigint();
    const json = JSON.stringify(body);
    const jsonMs = ms(start);
    if (i >= WARMUP) {
      plan.push(planMs);
      serialise.push(jsonMs);
      sizes.push(json.length);
    }
  }
  const row = (label: string, values: number[]) =>
    `${label.padEnd(34)}${percentile(values, 0.5)
      .toFixed(2)
      .padStart(8)}${percentile(values, 0.95).toFixed(2).padStart(8)}`;
  // A bench may print.
  // eslint-disable-next-line no-console
  console.log(
    [
      `${PLANS} plans in process (after ${WARMUP} warm-up), ${DateTime.now().toISO()}`,
      `${''.padEnd(34)}  p50 ms  p95 ms`,
      row('plan (no catalog)', plan),
      row('JSON.stringify', serialise),
      `response size: ${(percentile(sizes, 0.5) / 1024).toFixed(1)} KB`,
    ].join('\n'),
  );
}

main();
