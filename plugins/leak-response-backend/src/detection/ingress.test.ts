/*
 * The detection path through the real events backend: the HTTP ingress with
 * its shared secret, the subscriber, the incident, the unmapped list; then
 * 1,000+ bad payloads through the ingress and the incidents API: no 5xx.
 * On SQLite and PostgreSQL.
 */
import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import eventsPlugin from '@backstage/plugin-events-backend';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import fc from 'fast-check';
import request from 'supertest';
import { leakResponsePlugin } from '../plugin';
import { ROLES } from '../__testUtils__/config';
import { pluginDatabases } from '../__testUtils__/pluginDatabases';
import { exampleCatalog } from '../plan/__testUtils__/catalogFixtures';
import { eventsModuleLeakResponseIngress } from './module';
import {
  guardDutyS3Finding,
  guardDutyUnmappedFinding,
} from './__testUtils__/events';

jest.setTimeout(180_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const SECRET = 'ingress-test-secret-0123456789';
const HEADER = 'x-leak-response-ingress-token';
const INGRESS = '/api/events/http/leak-response.aws-findings';

/** Runs `task` over `items`, `width` at a time. */
async function pool<T>(
  items: T[],
  width: number,
  task: (item: T, index: number) => Promise<void>,
) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const index = next++;
        await task(items[index], index);
      }
    }),
  );
}

describe.each(databases.eachSupportedId())(
  'detection ingress on %p',
  databaseId => {
    let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
    let backend: Awaited<ReturnType<typeof startTestBackend>> | undefined;
    let pluginDbs: ReturnType<typeof pluginDatabases> | undefined;

    afterAll(async () => {
      await backend?.stop();
      await pluginDbs?.remove();
    });

    beforeAll(async () => {
      pluginDbs = pluginDatabases(databaseId);
      const sharedEvents = mockServices.events();
      backend = await startTestBackend({
        features: [
          eventsPlugin,
          eventsModuleLeakResponseIngress,
          leakResponsePlugin,
          catalogServiceMock.factory({ entities: exampleCatalog() }),
          databaseServiceFactory,
          // one in-process events service shared by the plugins (the test
          // default is one per plugin; the real one long-polls the event bus
          // and makes stopping the backend take a minute)
          createServiceFactory({
            service: eventsServiceRef,
            deps: {},
            factory: () => sharedEvents,
          }),
          mockServices.rootConfig.factory({
            data: {
              backend: { database: pluginDbs.config },
              leakResponse: {
                roles: ROLES,
                detection: { ingress: { secret: SECRET } },
                escalation: { enabled: false },
              },
            },
          }),
        ],
      });
      server = backend.server;
    });

    const post = (body: unknown, secret: string | null = SECRET) => {
      const req = request(server)
        .post(INGRESS)
        .set('Content-Type', 'application/json');
      if (secret !== null) req.set(HEADER, secret);
      return req.send(typeof body === 'string' ? body : JSON.stringify(body));
    };
    const api = (route: string) =>
      request(server)
        .get(`/api/leak-response${route}`)
        .set('Authorization', mockCredentials.user.header());

    it('refuses ingress without the shared secret, or with a wrong one', async () => {
      const missing = await post(guardDutyS3Finding(), null);
      expect(missing.status).toBe(401);
      expect(missing.body.error.name).toBe('AuthenticationError');
      expect((await post(guardDutyS3Finding(), `${SECRET}x`)).status).toBe(401);
      expect((await api('/v1/incidents')).body.totalCount).toBe(0);
    });

    it('turns an accepted finding into one triage incident, and lists the unmapped one', async () => {
      expect((await post(guardDutyS3Finding())).status).toBe(202);
      expect((await post(guardDutyS3Finding())).status).toBe(202);
      expect((await post(guardDutyUnmappedFinding())).status).toBe(202);
      const incidents = await api('/v1/incidents');
      expect(incidents.body.totalCount).toBe(1);
      expect(incidents.body.items[0]).toMatchObject({
        status: 'triage',
        originEntityRef: 'resource:default/clickstream-2025q3',
      });
      const unmapped = await api('/v1/detections/unmapped');
      expect(unmapped.status).toBe(200);
      expect(unmapped.body.items.map((d: any) => d.resourceArns)).toEqual([
        ['arn:aws:s3:::someone-elses-bucket'],
      ]);
      expect((await api('/v1/detections/unmapped?limit=-1')).status).toBe(400);
      expect(
        (
          await request(server)
            .get('/api/leak-response/v1/detections/unmapped')
            .set('Authorization', mockCredentials.none.header())
        ).status,
      ).toBe(401);
    });

    it('answers 1,000 bad ingress payloads with 2xx or 4xx, never 5xx, and opens nothing', async () => {
      const statuses = new Map<number, number>();
      const payloads = fc.sample(
        fc.oneof(
          fc.jsonValue().map(v => JSON.stringify(v)),
          fc.string(), // mostly not JSON at all
          fc
            .record({
              source: fc.constantFrom(
                'aws.guardduty',
                'aws.macie',
                'aws.cloudwatch',
              ),
              'detail-type': fc.constantFrom(
                'GuardDuty Finding',
                'Macie Finding',
                'CloudWatch Alarm State Change',
              ),
              detail: fc.dictionary(fc.string(), fc.jsonValue()),
            })
            .map(v => JSON.stringify(v)),
        ),
        { numRuns: 1000, seed: 4 },
      );
      await pool(payloads, 16, async body => {
        const res = await post(body);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      });
      const fiveHundreds = [...statuses].filter(([s]) => s >= 500);
      expect(fiveHundreds).toEqual([]);
      expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(1000);
      expect((await api('/v1/incidents')).body.totalCount).toBe(1);
    });

    it('answers 1,000 bad requests to the incidents API with 4xx, never 5xx', async () => {
      const { body } = await api('/v1/incidents');
      const id = body.items[0].id;
      const routes: Array<['post' | 'put' | 'get', string]> = [
        ['post', '/v1/incidents'],
        ['post', `/v1/incidents/${id}/status`],
        ['put', `/v1/incidents/${id}/awareness`],
        ['put', `/v1/incidents/${id}/tasks/not-a-task`],
        ['post', `/v1/incidents/${id}/entities`],
        ['post', `/v1/incidents/${id}/entities/remove`],
        ['put', `/v1/incidents/${id}/obligations/not-an-obligation`],
        ['post', `/v1/incidents/${id}/notices`],
        ['put', `/v1/incidents/${id}/notices/not-a-notice`],
        ['post', '/v1/incidents/not-a-uuid/status'],
        ['get', '/v1/incidents/%ZZ'],
        ['get', '/v1/incidents/not-a-uuid/report'],
      ];
      const bodies = fc.sample(
        fc.oneof(
          fc
            .jsonValue()
            .filter(
              v =>
                typeof v !== 'object' ||
                v === null ||
                Array.isArray(v) ||
                Object.keys(v).length > 0,
            ),
          fc.record(
            {
              entityRef: fc.string(),
              leakType: fc.string(),
              awareAt: fc.string(),
              status: fc.string(),
            },
            { requiredKeys: [] },
          ),
        ),
        { numRuns: 1000, seed: 5 },
      );
      const statuses = new Map<number, number>();
      await pool(bodies, 16, async (raw, i) => {
        const [method, route] = routes[i % routes.length];
        const res = await request(server)
          [method](`/api/leak-response${route}`)
          .set('Authorization', mockCredentials.user.header())
          .set('Content-Type', 'application/json')
          .send(JSON.stringify(raw));
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      });
      const notClientErrors = [...statuses].filter(
        ([s]) => s < 400 || s >= 500,
      );
      expect(notClientErrors).toEqual([]);
    });
  },
);
