/*
 * The opening notice through Backstage's own notifications backend and the
 * real catalog (which resolves groups to their members): a launch through
 * the API and an incident opened by a GuardDuty finding each notify the
 * first steps' groups and the people on call, at once; an exercise says so.
 * On SQLite and PostgreSQL.
 */
import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import notificationsPlugin from '@backstage/plugin-notifications-backend';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  IncidentRecord,
  LeakResponsePlan,
} from '@leak-response/plugin-leak-response-common';
import request from 'supertest';
import { startCatalogBackend } from '../__testUtils__/catalogBackend';
import { guardDutyS3Finding } from '../detection/__testUtils__/events';

jest.setTimeout(180_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const header = (userRef: string) =>
  `Bearer ${mockCredentials.user.token(userRef)}`;

interface StoredNotification {
  user: string;
  payload: {
    title: string;
    description?: string;
    link?: string;
    severity?: string;
  };
}

describe.each(databases.eachSupportedId())(
  'the opening notice on %p',
  databaseId => {
    let server: any;
    let backend: Awaited<ReturnType<typeof startCatalogBackend>> | undefined;
    const events = mockServices.events();
    const signals: Array<{ channel: string; message: unknown }> = [];

    beforeAll(async () => {
      await events.subscribe({
        id: 'test-signals',
        topics: ['signals'],
        onEvent: async params => {
          signals.push(params.eventPayload as (typeof signals)[number]);
        },
      });
      backend = await startCatalogBackend({
        databaseId,
        config: { app: { baseUrl: 'http://localhost:3000' } },
        leakResponse: { escalation: { enabled: false } },
        features: [
          notificationsPlugin,
          createServiceFactory({
            service: eventsServiceRef,
            deps: {},
            factory: () => events,
          }),
        ],
      });
      server = backend.server;
      // the catalog has ingested the example users and the lineage
      const started = Date.now();
      for (;;) {
        const res = await request(server)
          .get(
            '/api/leak-response/v1/entities/resource/default/clickstream-2025q3/plan',
          )
          .query({ leakType: 'training-data-exposure' })
          .set('Authorization', header('user:default/noah.fischer'));
        const onCall =
          res.status === 200 &&
          ['security', 'ai-engineering'].every(role =>
            (res.body as LeakResponsePlan).roles.some(
              r => r.role === role && r.onCall?.now,
            ),
          );
        // the notifications backend reaches a group's members by relation
        const group = await request(server)
          .get('/api/catalog/entities/by-name/group/default/security-ir')
          .set('Authorization', header('user:default/noah.fischer'));
        const members = (group.body?.relations ?? []).filter(
          (r: { type: string }) => r.type === 'hasMember',
        );
        if (onCall && members.length > 0) break;
        if (Date.now() - started > 120_000) {
          throw new Error(
            `catalog not ready: plan ${res.status} on call ${onCall}, group ${group.status} with ${members.length} members`,
          );
        }
        await new Promise(resolve => setTimeout(resolve, 500));
      }
    });

    afterAll(async () => {
      await backend?.stop();
    });

    const inbox = async (userRef: string): Promise<StoredNotification[]> => {
      const res = await request(server)
        .get('/api/notifications/notifications')
        .set('Authorization', header(userRef));
      expect(res.status).toBe(200);
      return res.body.notifications;
    };

    const plan = async (entity: string, leakType: string) =>
      (
        await request(server)
          .get(`/api/leak-response/v1/entities/resource/default/${entity}/plan`)
          .query({ leakType })
          .set('Authorization', header('user:default/noah.fischer'))
      ).body as LeakResponsePlan;

    const onCallNow = (p: LeakResponsePlan, role: string) =>
      p.roles.find(r => r.role === role)!.onCall!.now!.userRef;

    it('tells the first steps’ groups and the people on call the moment an incident is launched', async () => {
      const launched = await request(server)
        .post('/api/leak-response/v1/incidents')
        .set('Authorization', header('user:default/noah.fischer'))
        .send({
          entityRef: 'resource:default/recsys-llm-v3',
          leakType: 'model-weight-exfiltration',
          severity: 'critical',
        });
      expect(launched.status).toBe(201);
      const incident: IncidentRecord = launched.body;

      // security-ir is responsible and accountable for the first steps,
      // ml-platform (the model's owner) responsible for containment
      const forWei = await inbox('user:default/wei.tan');
      const opened = forWei.find(n =>
        n.payload.link?.endsWith(`/incidents/${incident.id}`),
      );
      expect(opened?.payload).toMatchObject({
        link: `/leak-response/incidents/${incident.id}`,
        severity: 'critical',
      });
      // the nearest clock of the incident, by its law
      const nearest = incident.obligations
        .filter(o => o.dueAt && o.status !== 'not-required')
        .sort((a, b) => Date.parse(a.dueAt!) - Date.parse(b.dueAt!))[0];
      const law = (nearest.evaluation as { law: string }).law;
      const hours = Math.floor(
        (Date.parse(nearest.dueAt!) - Date.now()) / 3_600_000,
      );
      expect(opened!.payload.title).toMatch(
        /^Model weight exfiltration on Recommendations LLM v3 — .+ due in \d+ h$/,
      );
      expect(opened!.payload.title).toContain(`— ${law} due in`);
      expect(hours - Number(/(\d+) h$/.exec(opened!.payload.title)![1])).toBe(
        0,
      );
      expect(opened!.payload.description).toContain(
        'Do first: Cut the exfiltration path.',
      );
      const forPriya = await inbox('user:default/priya.raman');
      expect(forPriya.some(n => n.payload.link?.endsWith(incident.id))).toBe(
        true,
      );
      // the compliance group is only informed of the first steps
      const forTom = await inbox('user:default/tom.oconnell');
      expect(forTom.some(n => n.payload.link?.endsWith(incident.id))).toBe(
        false,
      );

      const record = await request(server)
        .get(`/api/leak-response/v1/incidents/${incident.id}`)
        .set('Authorization', header('user:default/noah.fischer'));
      const notified = (record.body as IncidentRecord).timeline.find(
        e => e.type === 'responders-notified',
      );
      const p = await plan('recsys-llm-v3', 'model-weight-exfiltration');
      expect(notified?.after).toMatchObject({
        assignees: ['group:default/security-ir', 'group:default/ml-platform'],
        onCall: [onCallNow(p, 'security'), onCallNow(p, 'ai-engineering')],
      });
    });

    it('notifies for an incident a finding opens, and announces it to open pages', async () => {
      await events.publish({
        topic: 'leak-response.aws-findings',
        eventPayload: guardDutyS3Finding(),
      });
      const list = await request(server)
        .get('/api/leak-response/v1/incidents')
        .query({ entityRef: 'resource:default/clickstream-2025q3' })
        .set('Authorization', header('user:default/noah.fischer'));
      const detected = list.body.items.filter(
        (i: IncidentRecord) =>
          i.originEntityRef === 'resource:default/clickstream-2025q3',
      );
      expect(detected).toHaveLength(1);
      const id: string = detected[0].id;
      expect(signals).toContainEqual(
        expect.objectContaining({
          channel: `leak-response:incident:${id}`,
          message: { incidentId: id, change: 'incident-detected' },
        }),
      );
      const p = await plan('clickstream-2025q3', 'training-data-exposure');
      const onCall = onCallNow(p, 'security');
      const forOnCall = await inbox(onCall);
      const opened = forOnCall.find(n => n.payload.link?.endsWith(id));
      expect(opened?.payload.title).toMatch(
        /^Training data exposure on Clickstream 2025 Q3/,
      );
      expect(opened?.payload.severity).toBe('high');
    });

    it('says an exercise is one, and tells only its participants', async () => {
      const launched = await request(server)
        .post('/api/leak-response/v1/incidents')
        .set('Authorization', header('user:default/noah.fischer'))
        .send({
          entityRef: 'resource:default/recsys-llm-v3',
          leakType: 'model-weight-exfiltration',
          exercise: true,
        });
      expect(launched.status).toBe(201);
      const id = launched.body.id;
      const forWei = await inbox('user:default/wei.tan');
      const drill = forWei.find(n => n.payload.link?.endsWith(id));
      expect(drill!.payload.title).toMatch(
        /^\[Exercise\] Model weight exfiltration on Recommendations LLM v3/,
      );
      expect(drill!.payload.description).toMatch(/^This is an exercise/);
      const forTom = await inbox('user:default/tom.oconnell');
      expect(forTom.some(n => n.payload.link?.endsWith(id))).toBe(false);
    });
  },
);
