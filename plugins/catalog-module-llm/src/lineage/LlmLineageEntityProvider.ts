import { BedrockClient } from '@aws-sdk/client-bedrock';
import { BedrockAgentClient } from '@aws-sdk/client-bedrock-agent';
import { Macie2Client } from '@aws-sdk/client-macie2';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { stringifyError } from '@backstage/errors';
import {
  AwsCredentialsManager,
  DefaultAwsCredentialsManager,
} from '@backstage/integration-aws-node';
import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { LineageAccount, LineageAccounts } from './accounts';
import { ArnClaimsSource } from './CatalogArnClaims';
import {
  LlmLineageProviderConfig,
  readLlmLineageProviderConfigs,
} from './config';
import { DiscoveredLineageIndex } from './DiscoveredLineageIndex';
import { BedrockCollector } from './BedrockCollector';
import { MacieCollector } from './MacieCollector';
import { mapLineage } from './mapLineage';
import { forEachLimited } from './paginate';
import { SageMakerCollector } from './SageMakerCollector';
import { LineageCollector, SliceLineage } from './types';

/** What one refresh found. @public */
export interface LlmLineageRefreshResult {
  entities: number;
  edges: number;
  unclassifiedDatasets: number;
  /** Datasets given data-category suggestions by a scanner (Macie). */
  datasetsWithSuggestions: number;
  pages: number;
  /** `account/region` slices that failed; their last good lineage was kept. */
  failedSlices: string[];
  /** `full` when every slice had a good listing, else `delta` (nothing removed). */
  mutation: 'full' | 'delta';
}

/** How many account/region slices are listed at once. */
const SLICES_IN_FLIGHT = 4;

/**
 * Reads model lineage from SageMaker and Bedrock in every configured
 * account and region, and keeps it in the catalog: discovered models,
 * endpoints and datasets as `Resource` entities whose lineage fields and
 * `leak-response.io/discovered-lineage` annotation say what was read where,
 * and the lineage of declared entities in a `DiscoveredLineageIndex` for
 * the processor.
 *
 * All or nothing per account and region: a slice that fails (after the SDK's
 * standard retries) keeps its last good lineage; if it has none yet, the run
 * adds what it found and removes nothing.
 *
 * @public
 */
export class LlmLineageEntityProvider implements EntityProvider {
  private readonly logger: LoggerService;
  private readonly lastGood = new Map<string, SliceLineage>();
  private readonly accounts: LineageAccounts;
  private readonly clients = new Map<
    string,
    {
      sagemaker: SageMakerClient;
      bedrock: BedrockClient;
      agent: BedrockAgentClient;
      macie: Macie2Client;
    }
  >();
  private connection?: EntityProviderConnection;

  static fromConfig(
    config: Config,
    options: {
      logger: LoggerService;
      claims: ArnClaimsSource;
      index: DiscoveredLineageIndex;
      scheduler?: SchedulerService;
      /** Overrides the configured schedule for every instance. */
      schedule?: SchedulerServiceTaskRunner;
      /** Defaults to `DefaultAwsCredentialsManager.fromConfig(config)`. */
      credentialsManager?: AwsCredentialsManager;
    },
  ): LlmLineageEntityProvider[] {
    const providerConfigs = readLlmLineageProviderConfigs(config);
    if (providerConfigs.length === 0) return [];
    const credentialsManager =
      options.credentialsManager ??
      DefaultAwsCredentialsManager.fromConfig(config);
    return providerConfigs.map(providerConfig => {
      let taskRunner = options.schedule;
      if (!taskRunner) {
        if (!providerConfig.schedule || !options.scheduler) {
          throw new Error(
            `catalog.providers.llmLineage.${providerConfig.id}.schedule is required`,
          );
        }
        taskRunner = options.scheduler.createScheduledTaskRunner(
          providerConfig.schedule,
        );
      }
      return new LlmLineageEntityProvider(
        providerConfig,
        credentialsManager,
        taskRunner,
        options.claims,
        options.index,
        options.logger,
      );
    });
  }

  private constructor(
    private readonly config: LlmLineageProviderConfig,
    credentialsManager: AwsCredentialsManager,
    private readonly taskRunner: SchedulerServiceTaskRunner,
    private readonly claims: ArnClaimsSource,
    private readonly index: DiscoveredLineageIndex,
    logger: LoggerService,
  ) {
    this.logger = logger.child({ target: this.getProviderName() });
    this.accounts = new LineageAccounts(config, credentialsManager, {
      maxAttempts: config.maxAttempts,
    });
  }

  getProviderName(): string {
    return `llm-lineage-provider:${this.config.id}`;
  }

  getTaskId(): string {
    return `${this.getProviderName()}:refresh`;
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    await this.taskRunner.run({
      id: this.getTaskId(),
      fn: async abortSignal => {
        try {
          await this.refresh({ signal: abortSignal });
        } catch {
          // Logged by refresh; the last good state stays.
        }
      },
    });
  }

  async refresh(options?: {
    signal?: AbortSignal;
  }): Promise<LlmLineageRefreshResult> {
    if (!this.connection) {
      throw new Error(`${this.getProviderName()} is not connected`);
    }
    const startedAt = Date.now();
    const signal = options?.signal;
    const accounts = await this.accounts.list(signal);
    const jobs = accounts.flatMap(account =>
      this.config.regions.map(region => ({ account, region })),
    );
    const slices: SliceLineage[] = [];
    const failures = new Map<string, unknown>();
    await forEachLimited(
      jobs,
      SLICES_IN_FLIGHT,
      async ({ account, region }) => {
        const key = `${account.accountId}/${region}`;
        const slice: SliceLineage = {
          accountId: account.accountId,
          region,
          nodes: [],
          edges: [],
          pages: 0,
        };
        try {
          await Promise.all(
            this.collectorsFor(account, region).map(c =>
              c.collect(slice, signal),
            ),
          );
          this.lastGood.set(key, slice);
          slices.push(slice);
        } catch (error) {
          failures.set(key, error);
          const previous = this.lastGood.get(key);
          if (previous) slices.push(previous);
        }
      },
    );

    const claims = await this.claims.read(this.getProviderName());
    const mapping = mapLineage(slices, claims, {
      locationRef: this.getProviderName(),
      namespace: this.config.namespace,
      defaultOwner: this.config.defaultOwner,
    });
    const complete = [...failures.keys()].every(key => this.lastGood.has(key));
    const deferred = mapping.entities.map(entity => ({
      entity,
      locationKey: this.getProviderName(),
    }));
    if (complete) {
      await this.connection.applyMutation({ type: 'full', entities: deferred });
    } else {
      await this.connection.applyMutation({
        type: 'delta',
        added: deferred,
        removed: [],
      });
    }
    this.index.replace(
      this.getProviderName(),
      mapping.declaredLineage,
      mapping.declaredSuggestions,
    );

    const edges = slices.reduce((n, s) => n + s.edges.length, 0);
    const pages = slices.reduce((n, s) => n + s.pages, 0);
    if (failures.size > 0) {
      this.logger.error(
        `Lineage discovery failed in ${
          failures.size
        } account/region slice(s); their last good lineage was kept: ${[
          ...failures,
        ]
          .map(([key, error]) => `${key}: ${stringifyError(error)}`)
          .join('; ')}`,
        { failedSlices: [...failures.keys()].join(',') },
      );
    }
    this.logger.info(
      `Applied ${mapping.entities.length} discovered lineage entities`,
      {
        entities: mapping.entities.length,
        edges,
        pages,
        accounts: accounts.length,
        mutation: complete ? 'full' : 'delta',
        durationMs: Date.now() - startedAt,
      },
    );
    return {
      entities: mapping.entities.length,
      edges,
      unclassifiedDatasets: mapping.unclassifiedDatasets,
      datasetsWithSuggestions: mapping.datasetsWithSuggestions,
      pages,
      failedSlices: [...failures.keys()],
      mutation: complete ? 'full' : 'delta',
    };
  }

  private collectorsFor(
    account: LineageAccount,
    region: string,
  ): LineageCollector[] {
    const collectors: LineageCollector[] = [];
    const { pageSize, concurrency, services } = this.config;
    const clients = this.clientsFor(account, region);
    if (services.includes('sagemaker')) {
      collectors.push(
        new SageMakerCollector(clients.sagemaker, { pageSize, concurrency }),
      );
    }
    if (services.includes('bedrock')) {
      collectors.push(
        new BedrockCollector(clients.bedrock, clients.agent, {
          pageSize,
          concurrency,
        }),
      );
    }
    if (services.includes('macie')) {
      collectors.push(new MacieCollector(clients.macie, { pageSize }));
    }
    return collectors;
  }

  private clientsFor(account: LineageAccount, region: string) {
    const key = `${account.accountId}/${region}`;
    let clients = this.clients.get(key);
    if (!clients) {
      const { endpoints, maxAttempts } = this.config;
      // The SDK's standard retry backs off and retries throttling, 5xx and
      // timeouts; only its attempt count is configurable.
      const common = {
        region,
        credentials: account.credentials,
        retryMode: 'standard',
        maxAttempts,
      };
      clients = {
        sagemaker: new SageMakerClient({
          ...common,
          endpoint: endpoints.sagemaker,
        }),
        bedrock: new BedrockClient({ ...common, endpoint: endpoints.bedrock }),
        agent: new BedrockAgentClient({
          ...common,
          endpoint: endpoints.bedrockAgent,
        }),
        macie: new Macie2Client({ ...common, endpoint: endpoints.macie }),
      };
      this.clients.set(key, clients);
    }
    return clients;
  }
}
