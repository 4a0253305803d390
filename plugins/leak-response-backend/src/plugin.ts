import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { leakResponsePermissions } from '@leak-response/plugin-leak-response-common';
import { DatabaseIncidentStore } from './database/DatabaseIncidentStore';
import { createRouter } from './service/router';

/**
 * The Leak Response backend plugin: incidents, impact and obligations.
 *
 * @public
 */
export const leakResponsePlugin = createBackendPlugin({
  pluginId: 'leak-response',
  register(env) {
    env.registerInit({
      deps: {
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        database: coreServices.database,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        logger: coreServices.logger,
      },
      async init({
        httpAuth,
        httpRouter,
        database,
        permissions,
        permissionsRegistry,
        auditor,
        logger,
      }) {
        permissionsRegistry.addPermissions(leakResponsePermissions);
        const store = await DatabaseIncidentStore.create({ database });
        httpRouter.use(
          await createRouter({ httpAuth, permissions, auditor, store }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
        logger.info('Leak Response backend ready');
      },
    });
  },
});
