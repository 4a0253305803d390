/*
 * The incident lifecycle through the HTTP API, against the real catalog
 * backend with the LLM catalog module and the example catalog, on SQLite and
 * on PostgreSQL: launch → obligations and tasks → assessment → draft →
 * approve → submit → close → export.
 */
import {
  mockCredentials,
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { BackendFeature } from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { IncidentRecord } from '@leak-response/plugin-leak-response-common';
import request from 'supertest';
import { startCatalogBackend } from '../__testUtils__/catalogBackend';

jest.setTimeout(180_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

function startPortalBackend(
  databaseId: TestDatabaseId,
  features: BackendFeature[] = [],
) {
  return startCatalogBackend({
    databaseId,
    config: { organization: { name: 'Shopwise' } },
    leakResponse: { organisation: { dpoContact: 'dpo@shopwise.example' } },
    features,
  });
}

const alice = mockCredentials.user('user:default/noah.fischer');
const dpo = mockCredentials.user('user:default/eva.lindqvist');
/** The second member of compliance: four eyes. */
const secondDpo = mockCredentials.user('user:default/tom.oconnell');
const auth = (credentials: typeof alice) =>
  `Bearer ${mockCredentials.user.token(
    (credentials.principal as { userEntityRef: string }).userEntityRef,
  )}`;

describe.each(databases.eachSupportedId())(
  'incidents API with the real catalog on %p',
  databaseId => {
    let server: any;
    let backend: Awaited<ReturnType<typeof startPortalBackend>> | undefined;

    beforeAll(async () => {
      backend = await startPortalBackend(databaseId);
      server = backend.server;
      // Wait until the catalog has ingested and stitched the lineage.
      const started = Date.now();
      for (;;) {
        const res = await request(server)
          .get(
            '/api/leak-response/v1/entities/resource/default/recsys-llm-v3/plan',
          )
          .query({ leakType: 'model-weight-exfiltration' })
          .set('Authorization', auth(alice));
        const refs: string[] =
          res.status === 200
            ? res.body.impact.entities.map(
                (e: { entityRef: string }) => e.entityRef,
              )
            : [];
        if (
          refs.includes('component:default/account-pages') &&
          refs.includes('resource:default/clickstream-2025q3')
        ) {
          break;
        }
        if (Date.now() - started > 120_000) {
          throw new Error(`catalog not ready: ${res.status}`);
        }
        await new Promise(resolve => setTimeout(resolve, 500));
      }
    });

    afterAll(async () => {
      await backend?.stop();
    });

    it('runs an incident from launch to export', async () => {
      const api = '/api/leak-response/v1/incidents';
      const launch = () =>
        request(server)
          .post(api)
          .set('Authorization', auth(alice))
          .set('Idempotency-Key', 'launch-recsys-1')
          .send({
            entityRef: 'resource:default/recsys-llm-v3',
            leakType: 'model-weight-exfiltration',
            awareAt: '2026-11-20T09:30:00Z',
            severity: 'critical',
            summary: 'Model artefact downloaded by an unknown IAM role',
          });

      const launched = await launch();
      expect(launched.status).toBe(201);
      const incident: IncidentRecord = launched.body;
      expect(incident).toMatchObject({
        status: 'triage',
        leakType: 'model-weight-exfiltration',
        originEntityRef: 'resource:default/recsys-llm-v3',
        awareAt: '2026-11-20T09:30:00.000Z',
        createdBy: 'user:default/noah.fischer',
        playbookId: 'model-weight-exfiltration',
      });
      expect(incident.rulesVersion).toMatch(/^[0-9a-f]{16}$/);
      expect(incident.ruleProvenance).toEqual({
        currentRulesVersion: incident.rulesVersion,
        changedSinceLaunch: false,
        changes: [],
      });
      const roles = Object.fromEntries(
        incident.affected.map(a => [a.entityRef, a.role]),
      );
      expect(roles['resource:default/recsys-llm-v3']).toBe('origin');
      expect(roles['resource:default/clickstream-2025q3']).toBe(
        'upstream-data',
      );
      expect(roles['component:default/account-pages']).toBe(
        'downstream-surface',
      );
      expect(incident.tasks.length).toBeGreaterThan(3);
      expect(incident.tasks[0].responsible.length).toBeGreaterThan(0);
      const gdpr33 = incident.obligations.find(o => o.ruleId === 'gdpr33')!;
      expect(gdpr33).toBeDefined();
      expect(['pending', 'to-be-determined']).toContain(gdpr33.status);
      expect(gdpr33.dueAt).toBe('2026-11-23T09:30:00.000Z');
      expect(incident.timeline.map(e => e.type)).toEqual(['launched']);

      // the same idempotency key opens nothing new
      const again = await launch();
      expect(again.status).toBe(200);
      expect(again.body.id).toBe(incident.id);

      // the entity is now on hold for pipelines
      const hold = await request(server)
        .get('/api/leak-response/v1/holds')
        .query({ entityRef: 'resource:default/clickstream-2025q3' })
        .set('Authorization', mockCredentials.service.header());
      expect(hold.status).toBe(200);
      expect(hold.body).toMatchObject({ onHold: true });
      expect(hold.body.incidents.map((i: { id: string }) => i.id)).toEqual([
        incident.id,
      ]);

      // only suspected from model output: nothing to notify yet
      const suspected = await request(server)
        .put(`${api}/${incident.id}/assessment`)
        .set('Authorization', auth(alice))
        .send({ answers: { risk: 'high', exposure: 'suspected' } });
      expect(suspected.status).toBe(200);
      const suspectedGdpr33 = suspected.body.obligations.find(
        (o: { ruleId: string }) => o.ruleId === 'gdpr33',
      );
      expect(suspectedGdpr33.status).toBe('to-be-determined');
      expect(suspectedGdpr33.evaluation.reasons.join(' ')).toMatch(
        /only suspected/,
      );

      // confirmed and high risk: GDPR Art. 33 and 34 apply
      const assessed = await request(server)
        .put(`${api}/${incident.id}/assessment`)
        .set('Authorization', auth(alice))
        .send({ answers: { exposure: 'confirmed', encrypted: false } });
      expect(assessed.status).toBe(200);
      const byRule = Object.fromEntries(
        (assessed.body as IncidentRecord).obligations.map(o => [o.ruleId, o]),
      );
      expect(byRule.gdpr33.status).toBe('pending');
      expect(byRule.gdpr34.status).toBe('pending');
      expect(byRule.gdpr34.dueText).toBe('without undue delay');
      expect(
        assessed.body.timeline.filter(
          (e: { type: string }) => e.type === 'assessment-changed',
        ),
      ).toHaveLength(2);

      // an illegal move names the allowed ones
      const illegal = await request(server)
        .post(`${api}/${incident.id}/status`)
        .set('Authorization', auth(alice))
        .send({ status: 'notifying' });
      expect(illegal.status).toBe(409);
      expect(illegal.body.error.message).toContain(
        'allowed next: investigating, closed',
      );

      for (const status of ['investigating', 'contained', 'notifying']) {
        const moved = await request(server)
          .post(`${api}/${incident.id}/status`)
          .set('Authorization', auth(alice))
          .send({ status });
        expect(moved.status).toBe(200);
        expect(moved.body.status).toBe(status);
      }

      // draft the Art. 33 notice
      const drafted = await request(server)
        .post(`${api}/${incident.id}/notices`)
        .set('Authorization', auth(dpo))
        .send({ obligationId: byRule.gdpr33.id });
      expect(drafted.status).toBe(201);
      const notice = drafted.body.notices[0];
      expect(notice).toMatchObject({ templateId: 'gdpr33', status: 'draft' });
      expect(notice.body).toContain('Shopwise');
      expect(notice.body).toContain('dpo@shopwise.example');
      expect(notice.body).toContain('personal.behavioral');
      expect(
        drafted.body.obligations.find(
          (o: { id: string }) => o.id === byRule.gdpr33.id,
        ).status,
      ).toBe('drafted');

      // approval waits for the parts a person must complete
      const early = await request(server)
        .post(`${api}/${incident.id}/notices/${notice.id}/approve`)
        .set('Authorization', auth(secondDpo))
        .send({ version: notice.version });
      expect(early.status).toBe(409);
      expect(early.body.error.message).toContain('likely consequences');

      const completed = notice.body.replace(
        /\[\[[^\]]+\]\]/g,
        'completed by the DPO',
      );
      const edited = await request(server)
        .put(`${api}/${incident.id}/notices/${notice.id}`)
        .set('Authorization', auth(dpo))
        .send({ body: completed });
      expect(edited.status).toBe(200);

      const approved = await request(server)
        .post(`${api}/${incident.id}/notices/${notice.id}/approve`)
        .set('Authorization', auth(secondDpo))
        .send({ version: edited.body.notices[0].version });
      expect(approved.status).toBe(200);
      expect(approved.body.notices[0]).toMatchObject({
        status: 'approved',
        approvedBy: 'user:default/tom.oconnell',
      });

      const submitted = await request(server)
        .post(`${api}/${incident.id}/notices/${notice.id}/submit`)
        .set('Authorization', auth(dpo))
        .send({
          submissionRef: 'DPC-2026-4411',
          submittedAt: '2026-11-21T15:00:00Z',
        });
      expect(submitted.status).toBe(200);
      expect(
        submitted.body.obligations.find(
          (o: { id: string }) => o.id === byRule.gdpr33.id,
        ),
      ).toMatchObject({
        status: 'submitted',
        submissionRef: 'DPC-2026-4411',
        submittedAt: '2026-11-21T15:00:00.000Z',
      });

      // a rule judged not required needs a justification
      const noJustification = await request(server)
        .put(`${api}/${incident.id}/obligations/${byRule.gdpr34.id}`)
        .set('Authorization', auth(dpo))
        .send({ status: 'not-required' });
      expect(noJustification.status).toBe(400);
      expect(noJustification.body.error.message).toMatch(/^justification: /);

      const closed = await request(server)
        .post(`${api}/${incident.id}/status`)
        .set('Authorization', auth(alice))
        .send({ status: 'closed', reason: 'contained and notified' });
      expect(closed.status).toBe(200);

      const released = await request(server)
        .get('/api/leak-response/v1/holds')
        .query({ entityRef: 'resource:default/clickstream-2025q3' })
        .set('Authorization', mockCredentials.service.header());
      expect(released.body.onHold).toBe(false);

      const report = await request(server)
        .get(`${api}/${incident.id}/report`)
        .set('Authorization', auth(alice));
      expect(report.status).toBe(200);
      expect(report.headers['content-type']).toMatch(/text\/markdown/);
      expect(report.text).toContain('# Incident report:');
      expect(report.text).toContain('| gdpr33 |');
      // provenance: the rule table at launch, and each obligation's rule version
      expect(report.text).toMatch(
        /- Obligation rule table: [0-9a-f]{16} at launch; [0-9a-f]{16} now/,
      );
      expect(report.text).toMatch(/gdpr33@[0-9a-f]{16}/);
      expect(report.text).toContain('submitted (DPC-2026-4411)');
      expect(report.text).toContain('notice-submitted');
      expect(report.text).toContain('status-changed');

      const listed = await request(server)
        .get(api)
        .query({ entityRef: 'resource:default/recsys-llm-v3', open: 'false' })
        .set('Authorization', auth(alice));
      expect(listed.body.totalCount).toBe(1);
    });

    it('answers 400, 401, 404 and 409 with messages that name the problem', async () => {
      const api = '/api/leak-response/v1/incidents';
      const anonymous = await request(server)
        .get(api)
        .set('Authorization', mockCredentials.none.header());
      expect(anonymous.status).toBe(401);

      const badType = await request(server)
        .post(api)
        .set('Authorization', auth(alice))
        .send({
          entityRef: 'resource:default/recsys-llm-v3',
          leakType: 'oops',
        });
      expect(badType.status).toBe(400);
      expect(badType.body.error.message).toMatch(/^leakType: /);

      const badRef = await request(server)
        .post(api)
        .set('Authorization', auth(alice))
        .send({
          entityRef: 'resource:default/no-such-model',
          leakType: 'model-weight-exfiltration',
        });
      expect(badRef.status).toBe(404);

      const future = await request(server)
        .post(api)
        .set('Authorization', auth(alice))
        .send({
          entityRef: 'resource:default/recsys-llm-v3',
          leakType: 'model-weight-exfiltration',
          awareAt: '2999-01-01T00:00:00Z',
        });
      expect(future.status).toBe(400);
      expect(future.body.error.message).toMatch(/^awareAt: /);

      const unknownField = await request(server)
        .post(api)
        .set('Authorization', auth(alice))
        .send({
          entityRef: 'resource:default/recsys-llm-v3',
          leakType: 'model-weight-exfiltration',
          sneaky: 1,
        });
      expect(unknownField.status).toBe(400);

      const missing = await request(server)
        .get(`${api}/0b5c3f1e-0000-4000-8000-000000000000`)
        .set('Authorization', auth(alice));
      expect(missing.status).toBe(404);

      const badQuery = await request(server)
        .get(api)
        .query({ status: 'sleeping' })
        .set('Authorization', auth(alice));
      expect(badQuery.status).toBe(400);
      expect(badQuery.body.error.message).toMatch(/^status/);

      // an exercise never reaches external recipients
      const drill = await request(server)
        .post(api)
        .set('Authorization', auth(alice))
        .send({
          entityRef: 'resource:default/support-transcripts-2025',
          leakType: 'training-data-exposure',
          exercise: true,
        });
      expect(drill.status).toBe(201);
      expect(drill.body.exercise).toBe(true);
      const obligation = drill.body.obligations.find(
        (o: { status: string }) => o.status !== 'not-required',
      );
      const send = await request(server)
        .put(`${api}/${drill.body.id}/obligations/${obligation.id}`)
        .set('Authorization', auth(alice))
        .send({ status: 'submitted', submissionRef: 'X' });
      expect(send.status).toBe(409);
      expect(send.body.error.message).toContain('exercise');
    });
  },
);

describe('incidents API permissions', () => {
  it('answers 403 naming the permission a denied user lacks', async () => {
    const backend = await startPortalBackend('SQLITE_3', [
      mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
    ]);
    try {
      const res = await request(backend.server)
        .post('/api/leak-response/v1/incidents')
        .set('Authorization', auth(alice))
        .send({
          entityRef: 'resource:default/recsys-llm-v3',
          leakType: 'model-weight-exfiltration',
        });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toContain('leak-response.incident.create');
    } finally {
      await backend.stop();
    }
  });
});
