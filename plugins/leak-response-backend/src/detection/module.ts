import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { eventsExtensionPoint } from '@backstage/plugin-events-node/alpha';
import { readDetectionConfig } from './config';
import { createSharedSecretValidator } from './ingressValidator';

/**
 * Opens `POST /api/events/http/<topic>` for each detection topic, behind the
 * shared secret header of `leakResponse.detection.ingress`.
 *
 * @public
 */
export const eventsModuleLeakResponseIngress = createBackendModule({
  pluginId: 'events',
  moduleId: 'leak-response-ingress',
  register(env) {
    env.registerInit({
      deps: {
        events: eventsExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ events, config, logger }) {
        const detection = readDetectionConfig(config);
        if (!detection.enabled) {
          return;
        }
        if (!detection.ingress.secret) {
          logger.warn(
            'leakResponse.detection.ingress.secret is not set: the detection HTTP ingress refuses every request',
          );
        }
        const validator = createSharedSecretValidator(detection.ingress);
        for (const topic of detection.topics) {
          events.addHttpPostIngress({ topic, validator });
        }
      },
    });
  },
});
