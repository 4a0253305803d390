/*
 * Sign-in for the people of the system tests, through the real auth
 * backend: one provider per person named in `systemTest.signIns`
 * (provider id → user entity ref), each answering `GET /api/auth/<id>/refresh`
 * with a Backstage token of that catalog user. The token carries the user's
 * groups from the catalog, so the permission policy decides as it would
 * for that person. Loaded only by the system tests' backend (backend.ts),
 * on loopback.
 */
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  authProvidersExtensionPoint,
  createProxyAuthenticator,
  createProxyAuthProviderFactory,
} from '@backstage/plugin-auth-node';

export const systemSignInsModule = createBackendModule({
  pluginId: 'auth',
  moduleId: 'system-test-sign-ins',
  register(reg) {
    reg.registerInit({
      deps: {
        providers: authProvidersExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ providers, config }) {
        const people = config.getOptionalConfig('systemTest.signIns');
        for (const providerId of people?.keys() ?? []) {
          const userEntityRef = people!.getString(providerId);
          providers.registerProvider({
            providerId,
            factory: createProxyAuthProviderFactory({
              authenticator: createProxyAuthenticator({
                defaultProfileTransform: async () => ({ profile: {} }),
                initialize: () => undefined,
                authenticate: async () => ({ result: {} }),
              }),
              signInResolver: async (_info, ctx) =>
                ctx.signInWithCatalogUser({ entityRef: userEntityRef }),
            }),
          });
        }
      },
    });
  },
});
