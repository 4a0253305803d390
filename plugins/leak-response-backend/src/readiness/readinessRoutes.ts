import {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  incidentReadPermission,
  INVENTORY_FORMATS,
  InventoryFormat,
  readinessReadPermission,
} from '@leak-response/plugin-leak-response-common';
import express from 'express';
import { IncidentReadAccessResolver } from '../incidents';
import { ReadinessService } from './ReadinessService';

/** `format` of the inventory: csv (the default) or markdown. */
export function parseInventoryFormat(value: unknown): InventoryFormat {
  if (value === undefined) return 'csv';
  if (
    typeof value !== 'string' ||
    !(INVENTORY_FORMATS as readonly string[]).includes(value)
  ) {
    throw new InputError(
      `format: must be one of ${INVENTORY_FORMATS.join(
        ', ',
      )}; got ${JSON.stringify(value)}`,
    );
  }
  return value as InventoryFormat;
}

/**
 * `GET /v1/readiness` (the dashboard) and `GET /v1/inventory?format=`
 * (a download), both behind `leak-response.readiness.read`. The dashboard's
 * exercises also follow the caller's (possibly conditional) incident read
 * permission; the inventory holds no incident data.
 */
export function addReadinessRoutes(
  router: express.Router,
  options: {
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    auditor: AuditorService;
    readiness: ReadinessService;
  },
) {
  const { httpAuth, permissions, auditor, readiness } = options;
  const resolver = new IncidentReadAccessResolver();

  /** Which incidents (exercises) the caller may read; a DENY reads none. */
  async function incidentAccess(credentials: BackstageCredentials) {
    const [decision] = await permissions.authorizeConditional(
      [{ permission: incidentReadPermission }],
      { credentials },
    );
    return resolver.resolve(decision) ?? 'none';
  }

  async function authorize(req: express.Request) {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const [decision] = await permissions.authorize(
      [{ permission: readinessReadPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`Not allowed: ${readinessReadPermission.name}`);
    }
    return credentials;
  }

  router.get('/v1/readiness', async (req, res) => {
    const auditorEvent = await auditor.createEvent({
      eventId: 'readiness-fetch',
      request: req,
    });
    try {
      const credentials = await authorize(req);
      const report = await readiness.report(
        credentials,
        await incidentAccess(credentials),
      );
      await auditorEvent.success({
        meta: { assets: report.assets.length, score: report.score },
      });
      res.json(report);
    } catch (error) {
      await auditorEvent.fail({ error: error as Error });
      throw error;
    }
  });

  router.get('/v1/inventory', async (req, res) => {
    const auditorEvent = await auditor.createEvent({
      eventId: 'inventory-export',
      request: req,
      meta: { format: req.query.format },
    });
    try {
      const credentials = await authorize(req);
      const format = parseInventoryFormat(req.query.format);
      const file = await readiness.inventory(credentials, format);
      await auditorEvent.success({ meta: { format } });
      res
        .status(200)
        // The app runs on another origin in development; without this the
        // browser hides the file name from it.
        .set('Access-Control-Expose-Headers', 'Content-Disposition')
        .type(file.contentType)
        .attachment(file.filename)
        .send(file.body);
    } catch (error) {
      await auditorEvent.fail({ error: error as Error });
      throw error;
    }
  });
}
