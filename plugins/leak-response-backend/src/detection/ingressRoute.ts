import express from 'express';
import Router from 'express-promise-router';
import { InputError, ServiceUnavailableError } from '@backstage/errors';
import { DetectionService } from './DetectionService';
import { createSharedSecretCheck } from './ingressValidator';

/** The plugin's own HTTP ingress for AWS findings. */
export const DETECTION_INGRESS_PATH = '/v1/detections/ingress';

/** What the logs and auditor events name as the topic of this ingress. */
const INGRESS_TOPIC = 'http-ingress';

/**
 * `POST /v1/detections/ingress`: an EventBridge event (API destination, a
 * Lambda), behind the shared secret header. Unlike the events backend's
 * ingress, which acknowledges once its subscribers ran whatever became of
 * them, this answers 202 only once the finding is recorded, and 503 with
 * `Retry-After` when the database could not record it, so the sender
 * keeps it and sends it again.
 */
export function createDetectionIngressRouter(options: {
  detector: DetectionService;
  ingress: { header: string; secret?: string };
  /** Seconds the sender is asked to wait after a 503. */
  retryAfterSeconds?: number;
}): express.Router {
  const checkSecret = createSharedSecretCheck(options.ingress);
  const retryAfter = String(options.retryAfterSeconds ?? 5);
  const router = Router();
  router.post(
    DETECTION_INGRESS_PATH,
    express.raw({ type: '*/*', limit: '1mb' }),
    async (req, res) => {
      const rejection = checkSecret(req.headers);
      if (rejection) {
        res.status(rejection.status).json(rejection.payload);
        return;
      }
      const result = await options.detector.receive(
        parseBody(req.body),
        INGRESS_TOPIC,
      );
      switch (result.outcome) {
        case 'unrecorded':
          res.setHeader('Retry-After', retryAfter);
          throw new ServiceUnavailableError(
            `the finding could not be recorded; send it again (${result.reason})`,
          );
        case 'rejected':
          throw new InputError(
            `the finding can never be stored as sent: ${result.reason}`,
          );
        case 'ignored':
          res.status(202).json({ status: 'ignored', reason: result.reason });
          return;
        case 'failed':
          // Recorded as pending: the retry task handles it again.
          res.status(202).json({ status: 'accepted', outcome: 'pending' });
          return;
        default:
          res.status(202).json({ status: 'accepted', ...result });
      }
    },
  );
  return router;
}

function parseBody(body: unknown): unknown {
  if (!Buffer.isBuffer(body) || body.length === 0) {
    throw new InputError('body: an EventBridge event (JSON) is required');
  }
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new InputError(
      `body: not valid JSON (${(error as Error).message.slice(0, 200)})`,
    );
  }
}
