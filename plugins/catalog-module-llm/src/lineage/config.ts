import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { DEFAULT_LLM_AWS_OWNER } from '../providers/config';

/** The services lineage is read from. @public */
export const LINEAGE_SERVICES = ['sagemaker', 'bedrock', 'macie'] as const;
/** @public */
export type LineageService = (typeof LINEAGE_SERVICES)[number];

/** Endpoint overrides per client, for VPC endpoints and tests. @public */
export interface LineageEndpoints {
  sagemaker?: string;
  bedrock?: string;
  bedrockAgent?: string;
  macie?: string;
  organizations?: string;
  sts?: string;
}

/**
 * Accounts found through AWS Organizations: the management account lists
 * the members, and a role of the same name is assumed in each. @public
 */
export interface LineageOrganizationConfig {
  managementAccountId: string;
  roleName: string;
  externalId?: string;
  /** Member accounts to leave out. */
  excludeAccountIds: string[];
}

/** One `catalog.providers.llmLineage.<id>`, with defaults applied. @public */
export interface LlmLineageProviderConfig {
  id: string;
  accountIds: string[];
  organization?: LineageOrganizationConfig;
  regions: string[];
  services: LineageService[];
  namespace: string;
  defaultOwner: string;
  pageSize: number;
  concurrency: number;
  maxAttempts?: number;
  endpoints: LineageEndpoints;
  schedule?: SchedulerServiceTaskScheduleDefinition;
}

const REGION_PATTERN = /^[a-z]{2,4}(-[a-z]+)+-\d+$/;
const ACCOUNT_PATTERN = /^\d{12}$/;
const ROLE_NAME_PATTERN = /^[\w+=,.@-]{1,64}$/;

/** Reads every instance; throws on the first bad key, naming it. */
export function readLlmLineageProviderConfigs(
  config: Config,
): LlmLineageProviderConfig[] {
  const providers = config.getOptionalConfig('catalog.providers.llmLineage');
  if (!providers) return [];
  return providers
    .keys()
    .map(id => readProviderConfig(id, providers.getConfig(id)));
}

function readProviderConfig(
  id: string,
  config: Config,
): LlmLineageProviderConfig {
  const where = `catalog.providers.llmLineage.${id}`;
  const accountIds = config.getOptionalStringArray('accountIds') ?? [];
  for (const [i, accountId] of accountIds.entries()) {
    if (!ACCOUNT_PATTERN.test(accountId)) {
      throw new InputError(
        `${where}.accountIds[${i}] must be a 12-digit AWS account id, got '${accountId}'`,
      );
    }
  }

  let organization: LineageOrganizationConfig | undefined;
  const orgConfig = config.getOptionalConfig('organization');
  if (orgConfig) {
    const managementAccountId = orgConfig.getString('managementAccountId');
    if (!ACCOUNT_PATTERN.test(managementAccountId)) {
      throw new InputError(
        `${where}.organization.managementAccountId must be a 12-digit AWS account id, got '${managementAccountId}'`,
      );
    }
    const roleName = orgConfig.getString('roleName');
    if (!ROLE_NAME_PATTERN.test(roleName)) {
      throw new InputError(
        `${where}.organization.roleName is not an IAM role name, got '${roleName}'`,
      );
    }
    organization = {
      managementAccountId,
      roleName,
      externalId: orgConfig.getOptionalString('externalId'),
      excludeAccountIds:
        orgConfig.getOptionalStringArray('excludeAccountIds') ?? [],
    };
  }
  if (accountIds.length === 0 && !organization) {
    throw new InputError(`${where} needs accountIds or organization (or both)`);
  }

  const regions = config.getStringArray('regions');
  if (regions.length === 0) {
    throw new InputError(`${where}.regions must list at least one region`);
  }
  for (const region of regions) {
    if (!REGION_PATTERN.test(region)) {
      throw new InputError(
        `${where}.regions has '${region}', which is not an AWS region code such as eu-west-1`,
      );
    }
  }

  // Macie is opt-in: where it is not enabled its API refuses every call,
  // which would fail the whole account and region.
  const services = (config.getOptionalStringArray('services') ?? [
    'sagemaker',
    'bedrock',
  ]) as LineageService[];
  for (const service of services) {
    if (!(LINEAGE_SERVICES as readonly string[]).includes(service)) {
      throw new InputError(
        `${where}.services has '${service}'; allowed: ${LINEAGE_SERVICES.join(
          ', ',
        )}`,
      );
    }
  }

  const pageSize = config.getOptionalNumber('pageSize') ?? 100;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) {
    throw new InputError(`${where}.pageSize must be an integer from 1 to 100`);
  }
  const concurrency = config.getOptionalNumber('concurrency') ?? 8;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
    throw new InputError(
      `${where}.concurrency must be an integer from 1 to 64`,
    );
  }
  const maxAttempts = config.getOptionalNumber('maxAttempts');
  if (
    maxAttempts !== undefined &&
    (!Number.isInteger(maxAttempts) || maxAttempts < 1)
  ) {
    throw new InputError(`${where}.maxAttempts must be a positive integer`);
  }

  const endpoints = config.getOptionalConfig('endpoints');
  return {
    id,
    accountIds,
    organization,
    regions,
    services,
    namespace: config.getOptionalString('namespace') ?? 'default',
    defaultOwner:
      config.getOptionalString('defaultOwner') ?? DEFAULT_LLM_AWS_OWNER,
    pageSize,
    concurrency,
    maxAttempts,
    endpoints: {
      sagemaker: endpoints?.getOptionalString('sagemaker'),
      bedrock: endpoints?.getOptionalString('bedrock'),
      bedrockAgent: endpoints?.getOptionalString('bedrockAgent'),
      macie: endpoints?.getOptionalString('macie'),
      organizations: endpoints?.getOptionalString('organizations'),
      sts: endpoints?.getOptionalString('sts'),
    },
    schedule: config.has('schedule')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          config.getConfig('schedule'),
        )
      : undefined,
  };
}
