import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
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
        catalog: catalogProcessingExtensionPoint,
      },
      async init({ logger, config, scheduler, catalog }) {
        logger.info('LLM entity model module registered');
        // Validation, lineage relations and derived labels for LLM Resources.
        catalog.addProcessor(LlmEntityProcessor.fromConfig(config));
        // One provider per catalog.providers.llmAws.<id>; none when unset.
        catalog.addEntityProvider(
          LlmAwsEntityProvider.fromConfig(config, { logger, scheduler }),
        );
      },
    });
  },
});
