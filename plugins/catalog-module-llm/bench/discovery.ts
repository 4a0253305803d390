/*
 * Discovery bench: 100,000 tagged resources over 4 regions, served by the
 * local Tagging API server at 100 per page. Measures, each in a fresh child
 * process so peak RSS is the client's alone:
 *   - baseline: the bare AWS SDK v3 paginator over the same pages;
 *   - provider: LlmAwsEntityProvider.refresh(), entities kept in memory as
 *     the catalog's full mutation would receive them.
 *
 * Run: yarn bench:discovery   (or node scripts/run.js bench:discovery)
 * Env: BENCH_RESOURCES (default 100000), BENCH_ROUNDS (default 3).
 * Exits 1 when a target is missed: <= 60 s, <= 600 MB, <= 1.5x baseline.
 */
import { spawn } from 'node:child_process';
import {
  paginateGetResources,
  ResourceGroupsTaggingAPIClient,
} from '@aws-sdk/client-resource-groups-tagging-api';
import { LoggerService } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import {
  EntityProviderConnection,
  EntityProviderMutation,
} from '@backstage/plugin-catalog-node';
import { DEFAULT_LLM_AWS_RESOURCE_TYPE_FILTERS } from '../src/providers/config';
import { LlmAwsEntityProvider } from '../src/providers/LlmAwsEntityProvider';
import {
  generateResources,
  TaggingApiTestServer,
} from '../src/testUtils/TaggingApiTestServer';

const REGIONS = ['eu-west-1', 'eu-central-1', 'us-east-1', 'ap-southeast-2'];
const ACCOUNT = '111122223333';
const PAGE_SIZE = 100;
const TARGET_SECONDS = 60;
const TARGET_MB = 600;
const TARGET_RATIO = 1.5;

interface RunResult {
  mode: 'baseline' | 'provider';
  ms: number;
  /** User + system CPU of the child: steadier than wall time on a busy machine. */
  cpuMs: number;
  peakRssMb: number;
  resources: number;
  pages: number;
}

const credentials = { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench' };

async function runBaseline(
  endpoint: string,
): Promise<Omit<RunResult, 'mode' | 'ms' | 'cpuMs' | 'peakRssMb'>> {
  const perRegion = await Promise.all(
    REGIONS.map(async region => {
      const client = new ResourceGroupsTaggingAPIClient({
        region,
        endpoint,
        credentials,
      });
      let resources = 0;
      let pages = 0;
      for await (const page of paginateGetResources(
        { client, pageSize: PAGE_SIZE },
        { ResourceTypeFilters: [...DEFAULT_LLM_AWS_RESOURCE_TYPE_FILTERS] },
      )) {
        pages += 1;
        resources += page.ResourceTagMappingList?.length ?? 0;
      }
      client.destroy();
      return { resources, pages };
    }),
  );
  return {
    resources: perRegion.reduce((n, r) => n + r.resources, 0),
    pages: perRegion.reduce((n, r) => n + r.pages, 0),
  };
}

function stderrLogger(fields: Record<string, unknown> = {}): LoggerService {
  const write = (level: string) => (message: string, meta?: unknown) => {
    if (level === 'debug') return;
    process.stderr.write(
      `${JSON.stringify({ level, message, ...fields, ...(meta as object) })}\n`,
    );
  };
  return {
    error: write('error'),
    warn: write('warn'),
    info: write('info'),
    debug: write('debug'),
    child: meta => stderrLogger({ ...fields, ...meta }),
  };
}

async function runProvider(
  endpoint: string,
): Promise<Omit<RunResult, 'mode' | 'ms' | 'cpuMs' | 'peakRssMb'>> {
  const config = new ConfigReader({
    aws: { accounts: [{ accountId: ACCOUNT, ...credentials }] },
    catalog: {
      providers: {
        llmAws: {
          bench: {
            accountId: ACCOUNT,
            regions: REGIONS,
            endpoint,
            pageSize: PAGE_SIZE,
          },
        },
      },
    },
  });
  const [provider] = LlmAwsEntityProvider.fromConfig(config, {
    logger: stderrLogger(),
    schedule: { run: async () => {} },
  });
  // Keeps the mutation, as the catalog would hold it while applying it.
  let lastMutation: EntityProviderMutation | undefined;
  const connection: EntityProviderConnection = {
    async applyMutation(mutation) {
      lastMutation = mutation;
    },
    async refresh() {},
  };
  await provider.connect(connection);
  const result = await provider.refresh();
  const applied =
    lastMutation?.type === 'full' ? lastMutation.entities.length : 0;
  if (applied !== result.entities) {
    throw new Error(
      `applied ${applied} entities, refresh reported ${result.entities}`,
    );
  }
  return { resources: applied, pages: result.pages };
}

async function child(mode: 'baseline' | 'provider', endpoint: string) {
  const started = process.hrtime.bigint();
  const cpuBefore = process.cpuUsage();
  const outcome =
    mode === 'baseline'
      ? await runBaseline(endpoint)
      : await runProvider(endpoint);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const cpu = process.cpuUsage(cpuBefore);
  const result: RunResult = {
    mode,
    ms,
    cpuMs: (cpu.user + cpu.system) / 1000,
    // maxRSS is in kilobytes.
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    ...outcome,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
}

function runChild(mode: string, endpoint: string): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const proc = spawn(
      process.execPath,
      [...process.execArgv, __filename, '--child', mode, endpoint],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    proc.stdout.on('data', d => (out += d));
    proc.stderr.on('data', d => (err += d));
    proc.on('exit', code => {
      if (code !== 0) {
        reject(new Error(`${mode} run failed (${code}):\n${err}`));
        return;
      }
      resolve(JSON.parse(out.trim().split('\n').pop()!));
    });
  });
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main() {
  const total = Number(process.env.BENCH_RESOURCES ?? 100_000);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
  const server = await TaggingApiTestServer.start();
  server.recordRequests = false;
  const perRegion = Math.ceil(total / REGIONS.length);
  for (const region of REGIONS) {
    server.setResources(
      region,
      generateResources({ region, accountId: ACCOUNT, count: perRegion }),
    );
  }
  const expected = perRegion * REGIONS.length;
  console.log(
    `discovery bench: ${expected} resources over ${REGIONS.length} regions, ${PAGE_SIZE} per page, ${rounds} round(s), node ${process.version}`,
  );

  const runs: RunResult[] = [];
  try {
    for (let round = 1; round <= rounds; round++) {
      for (const mode of ['baseline', 'provider']) {
        const run = await runChild(mode, server.endpoint);
        if (run.resources !== expected) {
          throw new Error(
            `${mode} saw ${run.resources} resources, expected ${expected}`,
          );
        }
        runs.push(run);
        console.log(
          `  round ${round} ${mode.padEnd(8)} wall ${(run.ms / 1000).toFixed(
            2,
          )} s  cpu ${(run.cpuMs / 1000).toFixed(
            2,
          )} s  peak RSS ${run.peakRssMb.toFixed(0)} MB  ${run.pages} pages`,
        );
      }
    }
  } finally {
    await server.close();
  }

  const of = (mode: string) => runs.filter(r => r.mode === mode);
  const baseline = of('baseline');
  const provider = of('provider');
  const providerMs = median(provider.map(r => r.ms));
  const baselineMs = median(baseline.map(r => r.ms));
  const providerRss = Math.max(...provider.map(r => r.peakRssMb));
  const baselineRss = Math.max(...baseline.map(r => r.peakRssMb));
  // Each round runs the two back to back, so their ratio cancels most of the
  // load other processes put on the machine; the median of rounds is reported.
  const wallRatio = median(provider.map((r, i) => r.ms / baseline[i].ms));
  const cpuRatio = median(provider.map((r, i) => r.cpuMs / baseline[i].cpuMs));
  const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const checks: Array<[string, boolean]> = [
    [
      `provider time ${seconds(
        providerMs,
      )} <= ${TARGET_SECONDS} s (baseline ${seconds(baselineMs)})`,
      providerMs <= TARGET_SECONDS * 1000,
    ],
    [
      `provider peak RSS ${providerRss.toFixed(
        0,
      )} MB <= ${TARGET_MB} MB (baseline ${baselineRss.toFixed(0)} MB)`,
      providerRss <= TARGET_MB,
    ],
    [
      `provider/baseline wall ${wallRatio.toFixed(
        2,
      )}x <= ${TARGET_RATIO}x (cpu ${cpuRatio.toFixed(2)}x)`,
      wallRatio <= TARGET_RATIO,
    ],
  ];
  console.log('medians:');
  for (const [label, ok] of checks) {
    console.log(`  ${ok ? 'PASS' : 'FAIL'} ${label}`);
  }
  process.exitCode = checks.every(([, ok]) => ok) ? 0 : 1;
}

if (process.argv[2] === '--child') {
  child(process.argv[3] as 'baseline' | 'provider', process.argv[4]).catch(
    error => {
      process.stderr.write(`${error?.stack ?? error}\n`);
      process.exit(1);
    },
  );
} else {
  main().catch(error => {
    console.error(error);
    process.exit(1);
  });
}
