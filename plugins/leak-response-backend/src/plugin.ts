import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { leakResponsePermissions } from '@leak-response/plugin-leak-response-common';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { DatabaseIncidentStore } from './database/DatabaseIncidentStore';
import { PlanService } from './plan/PlanService';
import { createRouter } from './service/router';
import { exercisesFromStore, ReadinessService } from './readiness';
import {
  IncidentService,
  incidentPermissionResourceRef,
  incidentPermissionRules,
  PlanServicePlanner,
  SignalsIncidentChangePublisher,
} from './incidents';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { readNoticeTemplates } from './notices';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  createDetectionIngressRouter,
  DETECTION_INGRESS_PATH,
  DetectionService,
  DetectionStore,
  readDetectionConfig,
  ReopenNotifier,
} from './detection';
import {
  EscalationService,
  EscalationStore,
  readEscalationConfig,
} from './escalation';
import { registerLeakResponseActions } from './actions';
import { OpeningNotifier, readOpeningNoticeConfig } from './paging';

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
        config: coreServices.rootConfig,
        catalog: catalogServiceRef,
        auth: coreServices.auth,
        scheduler: coreServices.scheduler,
        events: eventsServiceRef,
        notifications: notificationService,
        signals: signalsServiceRef,
        lifecycle: coreServices.lifecycle,
        actionsRegistry: actionsRegistryServiceRef,
      },
      async init({
        lifecycle,
        httpAuth,
        httpRouter,
        database,
        permissions,
        permissionsRegistry,
        auditor,
        logger,
        config,
        catalog,
        auth,
        scheduler,
        events,
        notifications,
        signals,
        actionsRegistry,
      }) {
        permissionsRegistry.addPermissions(leakResponsePermissions);
        const store = await DatabaseIncidentStore.create({ database });
        permissionsRegistry.addResourceType({
          resourceRef: incidentPermissionResourceRef,
          rules: incidentPermissionRules,
          // lets the permission backend evaluate conditions for a caller
          // that asks about one incident by id (e.g. the frontend)
          getResources: ids =>
            Promise.all(ids.map(id => store.getIncident(id))),
        });
        const plan = PlanService.fromConfig(config, {
          catalog,
          logger: logger.child({ target: 'plan' }),
        });
        const changes = new SignalsIncidentChangePublisher(
          signals,
          logger.child({ target: 'signals' }),
        );
        const incidents = IncidentService.create({
          store,
          planner: new PlanServicePlanner(plan),
          templates: readNoticeTemplates(config),
          organisation: {
            name:
              config.getOptionalString('leakResponse.organisation.name') ??
              config.getOptionalString('organization.name') ??
              'the organisation',
            dpoContact: config.getOptionalString(
              'leakResponse.organisation.dpoContact',
            ),
          },
          fourEyes:
            config.getOptionalBoolean('leakResponse.notices.fourEyes') ?? true,
          opened: new OpeningNotifier({
            notifications,
            store,
            changes,
            logger: logger.child({ target: 'notify' }),
            options: readOpeningNoticeConfig(config),
          }),
        });
        const detections = await DetectionStore.create({ database });
        const detectionConfig = readDetectionConfig(config);
        if (detectionConfig.enabled) {
          const detector = DetectionService.create({
            store: detections,
            incidentStore: store,
            incidents,
            catalog,
            auth,
            logger: logger.child({ target: 'detection' }),
            auditor,
            retryAfterMs: detectionConfig.retryAfterMs,
            reopenNotifier: new ReopenNotifier(
              notifications,
              logger.child({ target: 'detection' }),
            ),
          });
          await detector.schedule(scheduler);
          lifecycle.addShutdownHook(() => detector.stop());
          await events.subscribe({
            id: 'detections',
            topics: detectionConfig.topics,
            onEvent: async params => {
              await detector.handle(params.eventPayload, params.topic);
            },
          });
          // Before the API router, whose JSON parser would take the body.
          httpRouter.use(
            createDetectionIngressRouter({
              detector,
              ingress: detectionConfig.ingress,
            }),
          );
          httpRouter.addAuthPolicy({
            path: DETECTION_INGRESS_PATH,
            allow: 'unauthenticated',
          });
        }
        await EscalationService.create({
          incidents: store,
          claims: await EscalationStore.create({ database }),
          notifications,
          logger: logger.child({ target: 'escalation' }),
          options: readEscalationConfig(config),
        }).schedule(scheduler);
        httpRouter.use(
          await createRouter({
            httpAuth,
            permissions,
            auditor,
            plan,
            incidents,
            detections,
            readiness: ReadinessService.fromConfig(config, {
              catalog,
              exercises: exercisesFromStore(store),
              logger: logger.child({ target: 'readiness' }),
            }),
            changes,
          }),
        );
        registerLeakResponseActions(actionsRegistry, {
          permissions,
          auditor,
          plan,
          incidents,
        });
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
        logger.info('Leak Response backend ready');
      },
    });
  },
});
