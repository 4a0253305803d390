/*
 * The plugin's own HTTP ingress: it answers 202 only once the finding is
 * recorded, and 503 with Retry-After while the database cannot record it
 * (the detections table made unreachable for a while), so the sender keeps
 * the finding; sent again once the database is back, it opens exactly one
 * incident. On SQLite and PostgreSQL.
 */
import express from 'express';
import request from 'supertest';
import { Knex } from 'knex';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { ConfigReader } from '@backstage/config';
import {
  guardDutyS3Finding,
  guardDutyUnmappedFinding,
} from './__testUtils__/events';
import { detectionHarness } from './__testUtils__/harness';
import {
  createDetectionIngressRouter,
  DETECTION_INGRESS_PATH,
} from './ingressRoute';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const SECRET = 'ingress-route-secret-0123456789';
const HEADER = 'x-leak-response-ingress-token';

async function ingressApp(knex: Knex) {
  const harness = await detectionHarness(knex);
  const app = express();
  app.use(
    createDetectionIngressRouter({
      detector: harness.service,
      ingress: { header: HEADER, secret: SECRET },
      retryAfterSeconds: 7,
    }),
  );
  app.use(
    MiddlewareFactory.create({
      config: new ConfigReader({}),
      logger: mockServices.logger.mock(),
    }).error(),
  );
  const post = (body: unknown, secret: string | null = SECRET) => {
    const req = request(app)
      .post(DETECTION_INGRESS_PATH)
      .set('Content-Type', 'application/json');
    if (secret !== null) req.set(HEADER, secret);
    return req.send(typeof body === 'string' ? body : JSON.stringify(body));
  };
  return { ...harness, post };
}

describe.each(databases.eachSupportedId())(
  'detection ingress route on %p',
  databaseId => {
    it('refuses a request without the shared secret and a body that is not JSON', async () => {
      const { post, incidentStore } = await ingressApp(
        await databases.init(databaseId),
      );
      const missing = await post(guardDutyS3Finding(), null);
      expect(missing.status).toBe(401);
      expect(missing.body.error.name).toBe('AuthenticationError');
      expect((await post(guardDutyS3Finding(), 'wrong')).status).toBe(401);
      const malformed = await post('{"detail":');
      expect(malformed.status).toBe(400);
      expect(malformed.body.error.message).toMatch(/^body: not valid JSON/);
      expect(
        (await incidentStore.listIncidents({ limit: 10 })).totalCount,
      ).toBe(0);
    });

    it('answers 202 once the finding is recorded: incident, unmapped, duplicate, ignored', async () => {
      const { post, incidentStore } = await ingressApp(
        await databases.init(databaseId),
      );
      const created = await post(guardDutyS3Finding());
      expect(created.status).toBe(202);
      expect(created.body).toMatchObject({
        status: 'accepted',
        outcome: 'incident-created',
        entityRef: 'resource:default/clickstream-2025q3',
      });
      const stored = await incidentStore.getIncident(created.body.incidentId);
      expect(stored?.sourceRef).toBe('gd-clickstream-exfil-1');
      expect((await post(guardDutyS3Finding())).body).toMatchObject({
        status: 'accepted',
        outcome: 'duplicate',
      });
      expect((await post(guardDutyUnmappedFinding())).body).toMatchObject({
        status: 'accepted',
        outcome: 'unmapped',
      });
      const ignored = await post({ source: 'aws.s3', 'detail-type': 'x' });
      expect(ignored.status).toBe(202);
      expect(ignored.body.status).toBe('ignored');
    });

    it('answers 503 with Retry-After while the database cannot record, and holds nothing', async () => {
      const knex = await databases.init(databaseId);
      const { post, service, incidentStore, store } = await ingressApp(knex);
      await knex.schema.renameTable('detections', 'detections_unreachable');
      const refused = await post(guardDutyS3Finding());
      expect(refused.status).toBe(503);
      expect(refused.headers['retry-after']).toBe('7');
      expect(refused.body.error.name).toBe('ServiceUnavailableError');
      expect(refused.body.error.message).toMatch(/could not be recorded/);
      // the sender keeps it: nothing is held in this process
      expect(service.unrecordedCount).toBe(0);
      await knex.schema.renameTable('detections_unreachable', 'detections');

      const resent = await post(guardDutyS3Finding());
      expect(resent.status).toBe(202);
      expect(resent.body.outcome).toBe('incident-created');
      expect((await post(guardDutyS3Finding())).body.outcome).toBe('duplicate');
      const { items } = await incidentStore.listIncidents({ limit: 10 });
      expect(items.map(i => i.id)).toEqual([resent.body.incidentId]);
      expect(
        await store.listForFinding('guardduty', 'gd-clickstream-exfil-1'),
      ).toHaveLength(1);
    });
  },
);
