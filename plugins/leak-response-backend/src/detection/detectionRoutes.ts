import {
  AuditorService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import express from 'express';
import { z } from 'zod';
import { InputError } from '@backstage/errors';
import { DetectionStore } from './DetectionStore';

const listQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).optional(),
    offset: z.coerce.number().int().min(0).max(1_000_000).optional(),
  })
  .strict();

/** Mounts the detection routes: the list of unmapped detections. */
export function addDetectionRoutes(
  router: express.Router,
  options: {
    detections: DetectionStore;
    auditor: AuditorService;
    /** Checks the caller may read incidents; throws otherwise. */
    authorizeRead: (req: express.Request) => Promise<BackstageCredentials>;
  },
) {
  router.get('/v1/detections/unmapped', async (req, res) => {
    const auditorEvent = await options.auditor.createEvent({
      eventId: 'detection-fetch',
      request: req,
      meta: { queryType: 'unmapped' },
    });
    try {
      await options.authorizeRead(req);
      const parsed = listQuery.safeParse(req.query);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new InputError(
          `${issue.path.join('.') || 'query'}: ${issue.message}`,
        );
      }
      const body = await options.detections.listUnmapped(parsed.data);
      await auditorEvent.success({ meta: { totalCount: body.totalCount } });
      res.json(body);
    } catch (error) {
      await auditorEvent.fail({ error: error as Error });
      throw error;
    }
  });
}
