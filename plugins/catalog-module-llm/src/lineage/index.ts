export {
  LlmLineageEntityProvider,
  type LlmLineageRefreshResult,
} from './LlmLineageEntityProvider';
export { DiscoveredLineageProcessor } from './DiscoveredLineageProcessor';
export { DiscoveredLineageIndex } from './DiscoveredLineageIndex';
export { CatalogArnClaims, type ArnClaimsSource } from './CatalogArnClaims';
export {
  LINEAGE_SERVICES,
  type LineageEndpoints,
  type LineageOrganizationConfig,
  type LineageService,
  type LlmLineageProviderConfig,
} from './config';
