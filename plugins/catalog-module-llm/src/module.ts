import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';

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
      deps: { logger: coreServices.logger },
      async init({ logger }) {
        logger.info('LLM entity model module registered');
      },
    });
  },
});
