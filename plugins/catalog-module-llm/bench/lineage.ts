/*
 * Lineage bench: an organisation of 10 accounts x 2 regions holding 5,000
 * SageMaker training jobs, 2,000 models, 500 endpoints (with configs and
 * data capture) and 200 Bedrock custom models, served by the local
 * SageMaker and Bedrock servers. Measures, each in a fresh child process so
 * peak RSS is the client's alone:
 *   - baseline: the bare AWS SDK v3 clients making the same list and
 *     describe calls (same page size, same calls in flight), results dropped;
 *   - provider: LlmLineageEntityProvider.refresh(), lineage mapped and the
 *     entities kept as the catalog's full mutation would receive them.
 *
 * Run: yarn bench:lineage   (or node scripts/run.js bench:lineage)
 * Env: BENCH_ROUNDS (default 3), BENCH_LATENCY_MS (default 0: added to
 * every answer to imitate the network, e.g. 30).
 * Exits 1 when a target is missed: <= 60 s, <= 1 GB, <= 1.5x baseline.
 */
import { spawn } from 'node:child_process';
import {
  BedrockClient,
  GetCustomModelCommand,
  GetModelInvocationLoggingConfigurationCommand,
  paginateListCustomModels,
  paginateListImportedModels,
  paginateListProvisionedModelThroughputs,
} from '@aws-sdk/client-bedrock';
import {
  BedrockAgentClient,
  paginateListKnowledgeBases,
} from '@aws-sdk/client-bedrock-agent';
import {
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  DescribeModelCommand,
  DescribeTrainingJobCommand,
  paginateListEndpoints,
  paginateListModelPackages,
  paginateListModels,
  paginateListTrainingJobs,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { LoggerService } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { EntityProviderMutation } from '@backstage/plugin-catalog-node';
import { DiscoveredLineageIndex } from '../src/lineage/DiscoveredLineageIndex';
import { LlmLineageEntityProvider } from '../src/lineage/LlmLineageEntityProvider';
import { forEachLimited } from '../src/lineage/paginate';
import { BedrockTestServer } from '../src/testUtils/BedrockTestServer';
import { SageMakerTestServer } from '../src/testUtils/SageMakerTestServer';

const ACCOUNTS = Array.from({ length: 10 }, (_, i) => ({
  accountId: `1000000000${String(i).padStart(2, '0')}`,
  accessKeyId: `AKIDBENCH${i}`,
  secretAccessKey: 'bench',
}));
const REGIONS = ['eu-west-1', 'us-east-1'];
const SLICES = ACCOUNTS.length * REGIONS.length;
const PER_SLICE = { jobs: 250, models: 100, endpoints: 25, custom: 10 };
const PAGE_SIZE = 100;
const CONCURRENCY = 8;
const SLICES_IN_FLIGHT = 4;
const TARGET_SECONDS = 60;
const TARGET_MB = 1024;
const TARGET_RATIO = 1.5;

interface RunResult {
  mode: 'baseline' | 'provider';
  ms: number;
  cpuMs: number;
  peakRssMb: number;
  /** Describe calls answered (baseline) or entities applied (provider). */
  count: number;
}

async function runBaseline(sagemaker: string, bedrock: string) {
  const counter = { described: 0 };
  const slices = ACCOUNTS.flatMap(a => REGIONS.map(region => ({ a, region })));
  await forEachLimited(slices, SLICES_IN_FLIGHT, async ({ a, region }) => {
    const common = {
      region,
      credentials: {
        accessKeyId: a.accessKeyId,
        secretAccessKey: a.secretAccessKey,
      },
    };
    const sm = new SageMakerClient({ ...common, endpoint: sagemaker });
    const br = new BedrockClient({ ...common, endpoint: bedrock });
    const agent = new BedrockAgentClient({ ...common, endpoint: bedrock });
    const each = async <T>(
      pages: AsyncIterable<T>,
      items: (page: T) => any[] | undefined,
      describe: (item: any) => Promise<unknown>,
    ) => {
      for await (const page of pages) {
        await forEachLimited(items(page) ?? [], CONCURRENCY, async item => {
          await describe(item);
          counter.described += 1;
        });
      }
    };
    const pg = { client: sm, pageSize: PAGE_SIZE };
    await Promise.all([
      each(
        paginateListTrainingJobs(pg, {}),
        p => p.TrainingJobSummaries,
        s =>
          sm.send(
            new DescribeTrainingJobCommand({
              TrainingJobName: s.TrainingJobName,
            }),
          ),
      ),
      each(
        paginateListModels(pg, {}),
        p => p.Models,
        s => sm.send(new DescribeModelCommand({ ModelName: s.ModelName })),
      ),
      each(
        paginateListModelPackages(pg, { ModelPackageType: 'Both' }),
        p => p.ModelPackageSummaryList,
        async () => {},
      ),
      each(
        paginateListEndpoints(pg, {}),
        p => p.Endpoints,
        async s => {
          const e = await sm.send(
            new DescribeEndpointCommand({ EndpointName: s.EndpointName }),
          );
          await sm.send(
            new DescribeEndpointConfigCommand({
              EndpointConfigName: e.EndpointConfigName,
            }),
          );
        },
      ),
      each(
        paginateListCustomModels({ client: br, pageSize: PAGE_SIZE }, {}),
        p => p.modelSummaries,
        s =>
          br.send(new GetCustomModelCommand({ modelIdentifier: s.modelArn })),
      ),
      each(
        paginateListImportedModels({ client: br, pageSize: PAGE_SIZE }, {}),
        p => p.modelSummaries,
        async () => {},
      ),
      each(
        paginateListProvisionedModelThroughputs(
          { client: br, pageSize: PAGE_SIZE },
          {},
        ),
        p => p.provisionedModelSummaries,
        async () => {},
      ),
      each(
        paginateListKnowledgeBases({ client: agent, pageSize: PAGE_SIZE }, {}),
        p => p.knowledgeBaseSummaries,
        async () => {},
      ),
      br.send(new GetModelInvocationLoggingConfigurationCommand({})),
    ]);
    sm.destroy();
    br.destroy();
    agent.destroy();
  });
  return counter.described;
}

const quietLogger = (): LoggerService => ({
  error: (message, meta) =>
    process.stderr.write(`${JSON.stringify({ message, ...meta })}\n`),
  warn: () => {},
  info: () => {},
  debug: () => {},
  child: () => quietLogger(),
});

async function runProvider(sagemaker: string, bedrock: string) {
  const config = new ConfigReader({
    aws: { accounts: ACCOUNTS },
    catalog: {
      providers: {
        llmLineage: {
          bench: {
            accountIds: ACCOUNTS.map(a => a.accountId),
            regions: REGIONS,
            pageSize: PAGE_SIZE,
            concurrency: CONCURRENCY,
            endpoints: { sagemaker, bedrock, bedrockAgent: bedrock },
          },
        },
      },
    },
  });
  const [provider] = LlmLineageEntityProvider.fromConfig(config, {
    logger: quietLogger(),
    schedule: { run: async () => {} },
    index: new DiscoveredLineageIndex(),
    claims: { read: async () => new Map() },
  });
  let last: EntityProviderMutation | undefined;
  await provider.connect({
    async applyMutation(mutation) {
      last = mutation;
    },
    async refresh() {},
  });
  const result = await provider.refresh();
  if (result.failedSlices.length > 0 || last?.type !== 'full') {
    throw new Error(`failed slices: ${result.failedSlices.join(', ')}`);
  }
  return last.entities.length;
}

async function child(mode: RunResult['mode'], sm: string, br: string) {
  const started = process.hrtime.bigint();
  const cpuBefore = process.cpuUsage();
  const count =
    mode === 'baseline' ? await runBaseline(sm, br) : await runProvider(sm, br);
  const cpu = process.cpuUsage(cpuBefore);
  const result: RunResult = {
    mode,
    ms: Number(process.hrtime.bigint() - started) / 1e6,
    cpuMs: (cpu.user + cpu.system) / 1000,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    count,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
}

function runChild(mode: string, sm: string, br: string): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const proc = spawn(
      process.execPath,
      [...process.execArgv, __filename, '--child', mode, sm, br],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    proc.stdout.on('data', d => (out += d));
    proc.stderr.on('data', d => (err += d));
    proc.on('exit', code =>
      code === 0
        ? resolve(JSON.parse(out.trim().split('\n').pop()!))
        : reject(new Error(`${mode} run failed (${code}):\n${err}`)),
    );
  });
}

function seed(sagemaker: SageMakerTestServer, bedrock: BedrockTestServer) {
  for (const account of ACCOUNTS) {
    sagemaker.addAccount(account.accountId, account.accessKeyId);
    bedrock.addAccount(account.accountId, account.accessKeyId);
    for (const region of REGIONS) {
      const tag = `${account.accountId}-${region}`;
      const artifacts = (i: number) =>
        `s3://models-${tag}/job-${i}/model.tar.gz`;
      sagemaker.setAccount(account.accountId, region, {
        trainingJobs: Array.from({ length: PER_SLICE.jobs }, (_, i) => ({
          name: `job-${i}`,
          channels: [
            { name: 'train', s3Uri: `s3://data-${tag}/train/${i % 40}/` },
            { name: 'validation', s3Uri: `s3://data-${tag}/eval/${i % 10}/` },
          ],
          outputPath: `s3://models-${tag}/`,
          artifacts: artifacts(i),
        })),
        models: Array.from({ length: PER_SLICE.models }, (_, i) => ({
          name: `model-${i}`,
          modelDataUrl: artifacts(i),
        })),
        endpointConfigs: Array.from(
          { length: PER_SLICE.endpoints },
          (_, i) => ({
            name: `config-${i}`,
            models: [`model-${i}`],
            captureUri: `s3://capture-${tag}/endpoint-${i}/`,
          }),
        ),
        endpoints: Array.from({ length: PER_SLICE.endpoints }, (_, i) => ({
          name: `endpoint-${i}`,
          config: `config-${i}`,
        })),
      });
      bedrock.setAccount(account.accountId, region, {
        customModels: Array.from({ length: PER_SLICE.custom }, (_, i) => ({
          name: `custom-${i}`,
          baseModelId: 'amazon.titan-text-express-v1',
          trainingS3Uri: `s3://ft-${tag}/custom-${i}/train.jsonl`,
          validationS3Uris: [`s3://ft-${tag}/custom-${i}/validation.jsonl`],
        })),
        logging: { bucket: `invocation-logs-${tag}` },
      });
    }
  }
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main() {
  const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
  const latencyMs = Number(process.env.BENCH_LATENCY_MS ?? 0);
  const sagemaker = await SageMakerTestServer.start();
  const bedrock = await BedrockTestServer.start();
  for (const server of [sagemaker, bedrock]) {
    server.recordRequests = false;
    server.latencyMs = latencyMs;
  }
  seed(sagemaker, bedrock);
  console.log(
    `lineage bench: ${ACCOUNTS.length} accounts x ${REGIONS.length} regions, ` +
      `${PER_SLICE.jobs * SLICES} training jobs, ${
        PER_SLICE.models * SLICES
      } models, ` +
      `${PER_SLICE.endpoints * SLICES} endpoints, ${
        PER_SLICE.custom * SLICES
      } custom models; ` +
      `${latencyMs} ms per answer, ${rounds} round(s), node ${process.version}`,
  );
  const runs: RunResult[] = [];
  try {
    for (let round = 1; round <= rounds; round++) {
      for (const mode of ['baseline', 'provider']) {
        const run = await runChild(mode, sagemaker.endpoint, bedrock.endpoint);
        runs.push(run);
        console.log(
          `  round ${round} ${mode.padEnd(8)} wall ${(run.ms / 1000).toFixed(
            2,
          )} s  cpu ${(run.cpuMs / 1000).toFixed(
            2,
          )} s  peak RSS ${run.peakRssMb.toFixed(0)} MB  ${run.count} ${
            mode === 'baseline' ? 'describes' : 'entities'
          }`,
        );
      }
    }
  } finally {
    await sagemaker.close();
    await bedrock.close();
  }
  const provider = runs.filter(r => r.mode === 'provider');
  const baseline = runs.filter(r => r.mode === 'baseline');
  const providerMs = median(provider.map(r => r.ms));
  const providerRss = Math.max(...provider.map(r => r.peakRssMb));
  const ratio = median(provider.map((r, i) => r.ms / baseline[i].ms));
  const checks: Array<[string, boolean]> = [
    [
      `provider time ${(providerMs / 1000).toFixed(
        2,
      )} s <= ${TARGET_SECONDS} s (baseline ${(
        median(baseline.map(r => r.ms)) / 1000
      ).toFixed(2)} s)`,
      providerMs <= TARGET_SECONDS * 1000,
    ],
    [
      `provider peak RSS ${providerRss.toFixed(
        0,
      )} MB <= ${TARGET_MB} MB (baseline ${Math.max(
        ...baseline.map(r => r.peakRssMb),
      ).toFixed(0)} MB)`,
      providerRss <= TARGET_MB,
    ],
    [
      `provider/baseline wall ${ratio.toFixed(2)}x <= ${TARGET_RATIO}x`,
      ratio <= TARGET_RATIO,
    ],
  ];
  console.log('medians:');
  for (const [label, ok] of checks) {
    console.log(`  ${ok ? 'PASS' : 'FAIL'} ${label}`);
  }
  process.exitCode = checks.every(([, ok]) => ok) ? 0 : 1;
}

if (process.argv[2] === '--child') {
  child(
    process.argv[3] as RunResult['mode'],
    process.argv[4],
    process.argv[5],
  ).catch(error => {
    process.stderr.write(`${error?.stack ?? error}\n`);
    process.exit(1);
  });
} else {
  main().catch(error => {
    console.error(error);
    process.exit(1);
  });
}
