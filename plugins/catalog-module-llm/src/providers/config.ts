import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config, readDurationFromConfig } from '@backstage/config';
import { InputError } from '@backstage/errors';

/**
 * The tag keys the provider reads, per entity field.
 * @public
 */
export interface LlmAwsTagKeys {
  type: string;
  dataCategories: string;
  dataSubjects: string;
  approxDataSubjects: string;
  trainedOn: string;
  fineTunedFrom: string;
  serves: string;
  logsTo: string;
  purpose: string;
  owner: string;
  system: string;
  lifecycle: string;
}

/**
 * Defaults follow the `llm:` prefix for the Leak Response fields and the
 * conventional untagged `owner`/`system`/`lifecycle` keys many AWS
 * organisations already use for cost allocation.
 * @public
 */
export const DEFAULT_LLM_AWS_TAG_KEYS: Readonly<LlmAwsTagKeys> = Object.freeze({
  type: 'llm:type',
  dataCategories: 'llm:data-categories',
  dataSubjects: 'llm:data-subjects',
  approxDataSubjects: 'llm:approx-data-subjects',
  trainedOn: 'llm:trained-on',
  fineTunedFrom: 'llm:fine-tuned-from',
  serves: 'llm:serves',
  logsTo: 'llm:logs-to',
  purpose: 'llm:purpose',
  owner: 'owner',
  system: 'system',
  lifecycle: 'lifecycle',
});

/**
 * The resource types scanned when `resourceTypeFilters` is not configured:
 * the places where LLM weights, endpoints and training data live.
 * @public
 */
export const DEFAULT_LLM_AWS_RESOURCE_TYPE_FILTERS: readonly string[] =
  Object.freeze([
    'sagemaker:model',
    'sagemaker:endpoint',
    'sagemaker:endpoint-config',
    'bedrock:custom-model',
    'bedrock:provisioned-model',
    's3',
  ]);

/** The owner given to resources that carry no owner tag. */
export const DEFAULT_LLM_AWS_OWNER = 'group:default/unknown';

/** The Tagging API refuses pages larger than 100. */
const MAX_PAGE_SIZE = 100;

/** @public */
export interface LlmAwsTagFilter {
  key: string;
  /** Empty means "the key is present, any value". */
  values: string[];
}

/**
 * One `catalog.providers.llmAws.<id>` instance, with defaults applied.
 * @public
 */
export interface LlmAwsProviderConfig {
  id: string;
  accountId?: string;
  regions: string[];
  resourceTypeFilters: string[];
  tagFilters: LlmAwsTagFilter[];
  tagKeys: LlmAwsTagKeys;
  defaultOwner: string;
  namespace: string;
  endpoint?: string;
  pageSize: number;
  maxAttempts?: number;
  requestTimeoutMs?: number;
  schedule?: SchedulerServiceTaskScheduleDefinition;
}

const REGION_PATTERN = /^[a-z]{2,4}(-[a-z]+)+-\d+$/;
const ACCOUNT_PATTERN = /^\d{12}$/;

/**
 * Reads every configured instance. Throws on the first invalid one, naming
 * the config key, because a half-configured provider would silently
 * inventory the wrong account or regions.
 */
export function readLlmAwsProviderConfigs(
  config: Config,
): LlmAwsProviderConfig[] {
  const providersConfig = config.getOptionalConfig('catalog.providers.llmAws');
  if (!providersConfig) {
    return [];
  }
  return providersConfig
    .keys()
    .map(id => readProviderConfig(id, providersConfig.getConfig(id)));
}

function readProviderConfig(id: string, config: Config): LlmAwsProviderConfig {
  const where = `catalog.providers.llmAws.${id}`;

  const accountId = config.getOptionalString('accountId');
  if (accountId !== undefined && !ACCOUNT_PATTERN.test(accountId)) {
    throw new InputError(
      `${where}.accountId must be a 12-digit AWS account id, got '${accountId}'`,
    );
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

  const tagFilters = (config.getOptionalConfigArray('tagFilters') ?? []).map(
    filter => ({
      key: filter.getString('key'),
      values: filter.getOptionalStringArray('values') ?? [],
    }),
  );

  const tagKeysConfig = config.getOptionalConfig('tagKeys');
  const tagKeys: LlmAwsTagKeys = { ...DEFAULT_LLM_AWS_TAG_KEYS };
  for (const field of Object.keys(tagKeys) as Array<keyof LlmAwsTagKeys>) {
    const key = tagKeysConfig?.getOptionalString(field);
    if (key !== undefined) {
      tagKeys[field] = key;
    }
  }

  const pageSize = config.getOptionalNumber('pageSize') ?? MAX_PAGE_SIZE;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    throw new InputError(
      `${where}.pageSize must be an integer from 1 to ${MAX_PAGE_SIZE}`,
    );
  }

  const maxAttempts = config.getOptionalNumber('maxAttempts');
  if (
    maxAttempts !== undefined &&
    (!Number.isInteger(maxAttempts) || maxAttempts < 1)
  ) {
    throw new InputError(`${where}.maxAttempts must be a positive integer`);
  }

  return {
    id,
    accountId,
    regions,
    resourceTypeFilters: config.getOptionalStringArray(
      'resourceTypeFilters',
    ) ?? [...DEFAULT_LLM_AWS_RESOURCE_TYPE_FILTERS],
    tagFilters,
    tagKeys,
    defaultOwner:
      config.getOptionalString('defaultOwner') ?? DEFAULT_LLM_AWS_OWNER,
    namespace: config.getOptionalString('namespace') ?? 'default',
    endpoint: config.getOptionalString('endpoint'),
    pageSize,
    maxAttempts,
    requestTimeoutMs: config.has('requestTimeout')
      ? durationToMs(readDurationFromConfig(config, { key: 'requestTimeout' }))
      : undefined,
    schedule: config.has('schedule')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          config.getConfig('schedule'),
        )
      : undefined,
  };
}

type Duration = ReturnType<typeof readDurationFromConfig>;

// Calendar units are approximated: a request timeout is never months long,
// and this avoids a dependency just for one conversion.
const MS_PER_UNIT: Record<keyof Duration, number> = {
  milliseconds: 1,
  seconds: 1_000,
  minutes: 60_000,
  hours: 3_600_000,
  days: 86_400_000,
  weeks: 604_800_000,
  months: 2_592_000_000,
  years: 31_536_000_000,
};

function durationToMs(duration: Duration): number {
  return (Object.keys(MS_PER_UNIT) as Array<keyof Duration>).reduce(
    (total, unit) => total + (duration[unit] ?? 0) * MS_PER_UNIT[unit],
    0,
  );
}
