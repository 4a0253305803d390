import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { catalogCollatorExtensionPoint } from '@backstage/plugin-search-backend-module-catalog';
import { searchIndexRegistryExtensionPoint } from '@backstage/plugin-search-backend-node/alpha';
import { readDataCategories } from '@leak-response/plugin-leak-response-common';
import { IncidentCollatorFactory } from './IncidentCollatorFactory';
import { llmEntityTransformer } from './llmEntityTransformer';

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 10 },
  timeout: { minutes: 15 },
  initialDelay: { seconds: 15 },
};

/**
 * Indexes incidents in Backstage search (type `leak-response-incident`,
 * permission-aware) and adds LLM entities' data categories to the catalog
 * collator's documents. Add it next to `@backstage/plugin-search-backend`
 * and its catalog module.
 *
 * @public
 */
export const searchModuleLeakResponse = createBackendModule({
  pluginId: 'search',
  moduleId: 'leak-response',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        indexRegistry: searchIndexRegistryExtensionPoint,
        catalogCollator: catalogCollatorExtensionPoint,
      },
      async init({
        config,
        discovery,
        auth,
        logger,
        scheduler,
        indexRegistry,
        catalogCollator,
      }) {
        const key = 'search.collators.leakResponse.schedule';
        const schedule = config.has(key)
          ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
              config.getConfig(key),
            )
          : DEFAULT_SCHEDULE;
        indexRegistry.addCollator({
          schedule: scheduler.createScheduledTaskRunner(schedule),
          factory: IncidentCollatorFactory.create({
            discovery,
            auth,
            logger: logger.child({ target: 'search-collator' }),
          }),
        });
        catalogCollator.setEntityTransformer(
          llmEntityTransformer(readDataCategories(config)),
        );
      },
    });
  },
});
