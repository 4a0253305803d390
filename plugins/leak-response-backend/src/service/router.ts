import {
  AuditorService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import {
  HealthResponse,
  incidentReadPermission,
} from '@leak-response/plugin-leak-response-common';
import { PlanService } from '../plan/PlanService';
import { parsePlanQuery } from '../plan/planQuery';
import { refKey } from '../plan/impact/lineage';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  IncidentChangePublisher,
  IncidentReadAccessResolver,
  IncidentService,
  READ_ALL,
} from '../incidents';
import { addIncidentRoutes, authorizeIncidentRead } from './incidentRoutes';
import { addDetectionRoutes, DetectionStore } from '../detection';
import { addReadinessRoutes, ReadinessService } from '../readiness';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  plan: PlanService;
  incidents: IncidentService;
  /** Live refresh of open incident pages after each change. */
  changes?: IncidentChangePublisher;
  /** Detections received from AWS; the unmapped ones are listed. */
  detections?: DetectionStore;
  /** The readiness dashboard and the inventory export. */
  readiness?: ReadinessService;
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

  const readAccess = new IncidentReadAccessResolver();

  /** The caller and what it may read of incidents (403 on a DENY). */
  async function authorizeRead(req: express.Request) {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const access = await authorizeIncidentRead(
      permissions,
      credentials,
      readAccess,
    );
    return { credentials, access };
  }

  router.get('/health', (_req, res) => {
    const body: HealthResponse = { status: 'ok' };
    res.json(body);
  });

  addIncidentRoutes(router, {
    httpAuth,
    permissions,
    auditor,
    incidents,
    changes: options.changes,
  });
  if (options.readiness) {
    addReadinessRoutes(router, {
      httpAuth,
      permissions,
      auditor,
      readiness: options.readiness,
    });
  }
  if (options.detections) {
    addDetectionRoutes(router, {
      detections: options.detections,
      auditor,
      // Unmapped findings belong to no entity, so no owner: only callers
      // who may read every incident see them.
      authorizeRead: async req => {
        const { credentials, access } = await authorizeRead(req);
        if (access !== READ_ALL) {
          throw new NotAllowedError(
            `Not allowed: ${incidentReadPermission.name} (unmapped detections need it for every incident)`,
          );
        }
        return credentials;
      },
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
      const { credentials, access } = await authorizeRead(req);
      const query = parsePlanQuery(req.params, req.query);
      // The open incidents need only the requested ref, so the store query
      // runs while the plan walks the catalog instead of after it.
      const [body, openIncidents] = await Promise.all([
        plan.getPlan({ ...query, credentials }),
        incidents.holds(refKey(stringifyEntityRef(query.entity)), access),
      ]);
      await auditorEvent.success();
      res.json({ ...body, openIncidents });
    } catch (error) {
      await auditorEvent.fail({ error: error as Error });
      throw error;
    }
  });

  return router;
}
