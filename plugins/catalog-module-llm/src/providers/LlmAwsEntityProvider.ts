import {
  GetResourcesCommand,
  GetResourcesCommandInput,
  ResourceGroupsTaggingAPIClient,
} from '@aws-sdk/client-resource-groups-tagging-api';
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
import { LlmAwsProviderConfig, readLlmAwsProviderConfigs } from './config';
import { DiscoveryRun } from './DiscoveryRun';

/** What one refresh found and applied. @public */
export interface LlmAwsRefreshResult {
  entities: number;
  unclassified: number;
  skipped: number;
  pages: number;
}

/** Thrown when at least one region could not be listed; nothing was applied. @public */
export class LlmAwsDiscoveryError extends Error {
  readonly failedRegions: string[];

  constructor(providerName: string, failures: Map<string, unknown>) {
    const details = [...failures]
      .map(([region, error]) => `${region}: ${stringifyError(error)}`)
      .join('; ');
    super(
      `${providerName} discovery failed in ${failures.size} region(s), no entities were changed: ${details}`,
    );
    this.name = 'LlmAwsDiscoveryError';
    this.failedRegions = [...failures.keys()];
  }
}

/**
 * Inventories LLM models, datasets and endpoints in one AWS account through
 * the Resource Groups Tagging API and keeps them in the catalog as
 * `Resource` entities, one full mutation per run.
 *
 * Use `LlmAwsEntityProvider.fromConfig(...)`: one instance per key under
 * `catalog.providers.llmAws`.
 *
 * @public
 */
export class LlmAwsEntityProvider implements EntityProvider {
  private readonly logger: LoggerService;
  private readonly clients = new Map<string, ResourceGroupsTaggingAPIClient>();
  private connection?: EntityProviderConnection;

  static fromConfig(
    config: Config,
    options: {
      logger: LoggerService;
      scheduler?: SchedulerService;
      /** Overrides the configured schedule for every instance. */
      schedule?: SchedulerServiceTaskRunner;
      /** Defaults to `DefaultAwsCredentialsManager.fromConfig(config)`. */
      credentialsManager?: AwsCredentialsManager;
    },
  ): LlmAwsEntityProvider[] {
    const providerConfigs = readLlmAwsProviderConfigs(config);
    if (providerConfigs.length === 0) {
      return [];
    }
    if (!options.schedule && !options.scheduler) {
      throw new Error(
        'LlmAwsEntityProvider needs either a scheduler or a schedule',
      );
    }
    const credentialsManager =
      options.credentialsManager ??
      DefaultAwsCredentialsManager.fromConfig(config);

    return providerConfigs.map(providerConfig => {
      let taskRunner = options.schedule;
      if (!taskRunner) {
        if (!providerConfig.schedule) {
          throw new Error(
            `catalog.providers.llmAws.${providerConfig.id}.schedule is required`,
          );
        }
        taskRunner = options.scheduler!.createScheduledTaskRunner(
          providerConfig.schedule,
        );
      }
      return new LlmAwsEntityProvider(
        providerConfig,
        credentialsManager,
        taskRunner,
        options.logger,
      );
    });
  }

  private constructor(
    private readonly config: LlmAwsProviderConfig,
    private readonly credentialsManager: AwsCredentialsManager,
    private readonly taskRunner: SchedulerServiceTaskRunner,
    logger: LoggerService,
  ) {
    this.logger = logger.child({ target: this.getProviderName() });
  }

  getProviderName(): string {
    return `llm-aws-provider:${this.config.id}`;
  }

  /**
   * The id of the scheduled task, for the scheduler's REST trigger
   * (`POST /api/catalog/.backstage/scheduler/v1/tasks/<id>/trigger`).
   */
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
        } catch (error) {
          // Already logged with its details by refresh; the scheduler only
          // needs to know the run ended, and the last good state stays.
        }
      },
    });
  }

  /**
   * Lists every configured region and, only if all of them succeed, replaces
   * this provider's entities with what was found. A failure in any region
   * applies nothing, so a partial listing never deletes entities that are
   * still there; the error names the failed regions.
   */
  async refresh(options?: {
    signal?: AbortSignal;
  }): Promise<LlmAwsRefreshResult> {
    if (!this.connection) {
      throw new Error(`${this.getProviderName()} is not connected`);
    }
    const startedAt = Date.now();
    const { regions } = this.config;
    this.logger.info('Discovering LLM resources', {
      regions: regions.join(','),
    });

    const run = new DiscoveryRun({
      tagKeys: this.config.tagKeys,
      namespace: this.config.namespace,
      defaultOwner: this.config.defaultOwner,
      accountId: this.config.accountId,
      locationRef: this.getProviderName(),
    });
    const settled = await Promise.allSettled(
      regions.map(region => this.listRegion(region, run, options?.signal)),
    );
    const failures = new Map<string, unknown>();
    settled.forEach((outcome, index) => {
      if (outcome.status === 'rejected') {
        failures.set(regions[index], outcome.reason);
      }
    });
    if (failures.size > 0) {
      const error = new LlmAwsDiscoveryError(this.getProviderName(), failures);
      this.logger.error(error.message, {
        failedRegions: error.failedRegions.join(','),
      });
      throw error;
    }

    const entities = run.finish();
    const { skipped, unclassified, pages } = run;
    if (skipped.length > 0) {
      // Listed so an operator can tag them; a sample keeps the log line small.
      this.logger.warn(
        `Skipped ${skipped.length} resource(s) whose LLM type is unknown; tag them with ${this.config.tagKeys.type}`,
        {
          sample: skipped
            .slice(0, 10)
            .map(s => `${s.arn} (${s.reason})`)
            .join('; '),
        },
      );
    }

    await this.connection.applyMutation({ type: 'full', entities });

    this.logger.info(`Applied ${entities.length} LLM resource entities`, {
      entities: entities.length,
      unclassified,
      skipped: skipped.length,
      pages,
      durationMs: Date.now() - startedAt,
    });
    return {
      entities: entities.length,
      unclassified,
      skipped: skipped.length,
      pages,
    };
  }

  private async listRegion(
    region: string,
    run: DiscoveryRun,
    signal?: AbortSignal,
  ): Promise<void> {
    const client = await this.clientFor(region);
    const input: GetResourcesCommandInput = {
      ResourcesPerPage: this.config.pageSize,
      ResourceTypeFilters: this.config.resourceTypeFilters,
      TagFilters:
        this.config.tagFilters.length > 0
          ? this.config.tagFilters.map(filter => ({
              Key: filter.key,
              Values: filter.values.length > 0 ? filter.values : undefined,
            }))
          : undefined,
    };

    let pages = 0;
    let token: string | undefined;
    do {
      const output = await client.send(
        new GetResourcesCommand({ ...input, PaginationToken: token }),
        { abortSignal: signal },
      );
      pages += 1;
      run.addPage(output.ResourceTagMappingList, region);
      const next = output.PaginationToken || undefined;
      // A service repeating a token would otherwise loop forever.
      if (next !== undefined && next === token) {
        throw new Error(`GetResources returned the same PaginationToken twice`);
      }
      token = next;
    } while (token);

    this.logger.debug(`Listed ${pages} page(s)`, { region, pages });
  }

  private async clientFor(
    region: string,
  ): Promise<ResourceGroupsTaggingAPIClient> {
    let client = this.clients.get(region);
    if (!client) {
      const { accountId, endpoint, maxAttempts, requestTimeoutMs } =
        this.config;
      const credentials = await this.credentialsManager.getCredentialProvider(
        accountId ? { accountId } : undefined,
      );
      // The SDK's standard retry strategy backs off and retries throttling
      // errors, 5xx responses and timeouts; only its attempt count is tuned.
      client = new ResourceGroupsTaggingAPIClient({
        region,
        endpoint,
        credentials: credentials.sdkCredentialProvider,
        retryMode: 'standard',
        maxAttempts,
        // Without throwOnRequestTimeout the handler only warns and keeps
        // waiting, so a hung region would stall the whole run.
        requestHandler:
          requestTimeoutMs !== undefined
            ? { requestTimeout: requestTimeoutMs, throwOnRequestTimeout: true }
            : undefined,
      });
      this.clients.set(region, client);
    }
    return client;
  }
}
