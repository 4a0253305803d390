import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  authProvidersExtensionPoint,
  createProxyAuthenticator,
  createProxyAuthProviderFactory,
} from '@backstage/plugin-auth-node';

/**
 * A second sign-in identity for the local portal only: with four eyes on,
 * whoever drafts a notice cannot approve it, so a demo (and the end-to-end
 * suite) needs a second member of compliance to act as. Like the guest
 * provider, it answers only in development and only when
 * `auth.providers.localReviewer.userEntityRef` is configured; production
 * configures neither (see app-config.production.yaml).
 */
export default createBackendModule({
  pluginId: 'auth',
  moduleId: 'local-reviewer-provider',
  register(reg) {
    reg.registerInit({
      deps: {
        providers: authProvidersExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ providers, config }) {
        const userEntityRef = config.getOptionalString(
          'auth.providers.localReviewer.userEntityRef',
        );
        if (!userEntityRef || process.env.NODE_ENV !== 'development') {
          return;
        }
        providers.registerProvider({
          providerId: 'localReviewer',
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
      },
    });
  },
});
