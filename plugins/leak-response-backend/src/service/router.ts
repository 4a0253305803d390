import {
  AuditorService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import express from 'express';
import Router from 'express-promise-router';
import { BasicPermission } from '@backstage/plugin-permission-common';
import {
  HealthResponse,
  incidentReadPermission,
} from '@leak-response/plugin-leak-response-common';
import { PlanService } from '../plan/PlanService';
import { parsePlanQuery } from '../plan/planQuery';
import { IncidentService } from '../incidents';
import { addIncidentRoutes } from './incidentRoutes';
import { addDetectionRoutes, DetectionStore } from '../detection';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  plan: PlanService;
  incidents: IncidentService;
  /** Detections received from AWS; the unmapped ones are listed. */
  detections?: DetectionStore;
}

/**
 * The plugin's HTTP API. Every route but `/health` needs user or service
 * credentials and a permission.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, auditor, plan, incidents } = options;
  const router = Router();
  router.use(express.json({ limit: '1mb' }));

  async function authorize(req: express.Request, permission: BasicPermission) {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const [decision] = await permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`Not allowed: ${permission.name}`);
    }
    return credentials;
  }

  router.get('/health', (_req, res) => {
    const body: HealthResponse = { status: 'ok' };
    res.json(body);
  });

  addIncidentRoutes(router, { httpAuth, permissions, auditor, incidents });
  if (options.detections) {
    addDetectionRoutes(router, {
      detections: options.detections,
      auditor,
      authorizeRead: req => authorize(req, incidentReadPermission),
    });
  }

  router.get('/v1/entities/:kind/:namespace/:name/plan', async (req, res) => {
    const auditorEvent = await auditor.createEvent({
      eventId: 'plan-fetch',
      request: req,
      meta: {
        entityRef: `${req.params.kind}:${req.params.namespace}/${req.params.name}`,
        leakType: req.query.leakType,
      },
    });
    try {
      const credentials = await authorize(req, incidentReadPermission);
      const query = parsePlanQuery(req.params, req.query);
      const body = await plan.getPlan({ ...query, credentials });
      const openIncidents = await incidents.holds(body.entityRef);
      await auditorEvent.success();
      res.json({ ...body, openIncidents });
    } catch (error) {
      await auditorEvent.fail({ error: error as Error });
      throw error;
    }
  });

  return router;
}
