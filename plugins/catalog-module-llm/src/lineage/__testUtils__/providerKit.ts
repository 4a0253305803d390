import { SchedulerServiceTaskRunner } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader, JsonObject } from '@backstage/config';
import {
  EntityProviderConnection,
  EntityProviderMutation,
} from '@backstage/plugin-catalog-node';
import { DiscoveredLineageIndex } from '../DiscoveredLineageIndex';
import { LlmLineageEntityProvider } from '../LlmLineageEntityProvider';

export const ACCOUNT_A = '111122223333';
export const ACCOUNT_B = '444455556666';
export const KEY_A = 'AKIDACCOUNTA';
export const KEY_B = 'AKIDACCOUNTB';

/** Keeps every mutation the provider applies. */
export class RecordingConnection implements EntityProviderConnection {
  readonly mutations: EntityProviderMutation[] = [];
  async applyMutation(mutation: EntityProviderMutation) {
    this.mutations.push(mutation);
  }
  async refresh() {}
  get last(): EntityProviderMutation {
    return this.mutations[this.mutations.length - 1];
  }
  get lastEntities(): Entity[] {
    const last = this.last;
    return (last.type === 'full' ? last.entities : last.added).map(
      d => d.entity,
    );
  }
}

const noSchedule: SchedulerServiceTaskRunner = { run: async () => {} };

/** The test accounts' static keys, as `aws.accounts` gives them. */
export const AWS_TEST_ACCOUNTS = [
  { accountId: ACCOUNT_A, accessKeyId: KEY_A, secretAccessKey: 'secret-a' },
  { accountId: ACCOUNT_B, accessKeyId: KEY_B, secretAccessKey: 'secret-b' },
];

/** One connected lineage provider over the given instance config. */
export async function connectLineageProvider(
  instance: JsonObject,
  claims: Map<string, string> = new Map(),
  extraConfig: JsonObject = {},
) {
  const logger = mockServices.logger.mock();
  logger.child.mockReturnValue(logger);
  const config = new ConfigReader({
    aws: { accounts: AWS_TEST_ACCOUNTS },
    catalog: { providers: { llmLineage: { org: instance } } },
    ...extraConfig,
  });
  const index = new DiscoveredLineageIndex();
  const [provider] = LlmLineageEntityProvider.fromConfig(config, {
    logger,
    schedule: noSchedule,
    index,
    claims: { read: async () => claims },
  });
  const connection = new RecordingConnection();
  await provider.connect(connection);
  return { provider, connection, index, logger };
}

/** The entity claiming `arn`. */
export function byArn(entities: Entity[], arn: string): Entity | undefined {
  return entities.find(
    e => e.metadata.annotations?.['amazonaws.com/arn'] === arn,
  );
}
