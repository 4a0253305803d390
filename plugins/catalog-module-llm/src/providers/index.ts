export {
  LlmAwsEntityProvider,
  LlmAwsDiscoveryError,
  type LlmAwsRefreshResult,
} from './LlmAwsEntityProvider';
export {
  DEFAULT_LLM_AWS_RESOURCE_TYPE_FILTERS,
  DEFAULT_LLM_AWS_TAG_KEYS,
  type LlmAwsProviderConfig,
  type LlmAwsTagFilter,
  type LlmAwsTagKeys,
} from './config';
export {
  ANNOTATION_AWS_ACCOUNT_ID,
  ANNOTATION_AWS_ARN,
  ANNOTATION_AWS_REGION,
} from './entityMapper';
