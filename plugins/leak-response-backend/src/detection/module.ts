import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { eventsExtensionPoint } from '@backstage/plugin-events-node/alpha';
import { readDetectionConfig } from './config';
import { createSharedSecretValidator } from './ingressValidator';
import { strictJsonBodyParser } from './jsonBodyParser';

/**
 * Opens `POST /api/events/http/<topic>` for each detection topic, behind the
 * shared secret header of `leakResponse.detection.ingress`, and answers
 * malformed JSON bodies with 400.
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
        // Malformed JSON answers 400 instead of the stock parser's 500 (for
        // every HTTP ingress topic: parsers are per content type).
        events.addHttpPostBodyParser({
          contentType: 'application/json',
          parser: strictJsonBodyParser,
        });
        const validator = createSharedSecretValidator(detection.ingress);
        for (const topic of detection.topics) {
          events.addHttpPostIngress({ topic, validator });
        }
      },
    });
  },
});
