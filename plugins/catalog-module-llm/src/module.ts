import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  catalogProcessingExtensionPoint,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import {
  CatalogArnClaims,
  DiscoveredLineageIndex,
  DiscoveredLineageProcessor,
  LlmLineageEntityProvider,
} from './lineage';
import { LlmEntityProcessor } from './processor';
import { LlmAwsEntityProvider } from './providers';

/**
 * Teaches the catalog the LLM entity types of Leak Response.
 *
 * @public
 */
export const catalogModuleLlm = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'llm',
  register(reg) {
    reg.registerInit({
      deps: {
        logger: coreServices.logger,
        config: coreServices.rootConfig,
        scheduler: coreServices.scheduler,
        auth: coreServices.auth,
        catalog: catalogProcessingExtensionPoint,
        catalogApi: catalogServiceRef,
      },
      async init({ logger, config, scheduler, auth, catalog, catalogApi }) {
        logger.info('LLM entity model module registered');
        // Validation, lineage relations and derived labels for LLM Resources.
        catalog.addProcessor(LlmEntityProcessor.fromConfig(config));
        // One provider per catalog.providers.llmAws.<id>; none when unset.
        catalog.addEntityProvider(
          LlmAwsEntityProvider.fromConfig(config, { logger, scheduler }),
        );
        // Lineage read from SageMaker and Bedrock: discovered entities, and
        // the discovered lineage of declared ones through the processor.
        const index = new DiscoveredLineageIndex();
        catalog.addProcessor(new DiscoveredLineageProcessor(index));
        catalog.addEntityProvider(
          LlmLineageEntityProvider.fromConfig(config, {
            logger,
            scheduler,
            index,
            claims: new CatalogArnClaims(catalogApi, auth),
          }),
        );
      },
    });
  },
});
