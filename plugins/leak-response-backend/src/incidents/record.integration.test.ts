/*
 * The record holds up (issue 13), through the HTTP API against the real
 * catalog on SQLite and PostgreSQL: deciding an obligation and closing over
 * open ones are compliance's decisions; four eyes and the version read
 * guard approval; idempotency keys belong to their caller; dates are
 * bounded; a title cannot open a heading in the report.
 *
 * The permission service is the one boundary replaced: a policy in the
 * shape of the portal's (compliance approves and decides, every user does
 * the rest, services pass as the framework lets them).
 */
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  Permission,
} from '@backstage/plugin-permission-common';
import {
  IncidentRecord,
  noticeApprovePermission,
  obligationDecidePermission,
} from '@leak-response/plugin-leak-response-common';
import request from 'supertest';
import {
  startCatalogBackend,
  waitForLineage,
} from '../__testUtils__/catalogBackend';

jest.setTimeout(240_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const COMPLIANCE = ['user:default/eva.lindqvist', 'user:default/tom.oconnell'];
const COMPLIANCE_ONLY = [
  noticeApprovePermission.name,
  obligationDecidePermission.name,
];

/** The portal policy's shape: compliance alone approves and decides. */
const compliancePolicy = createServiceFactory({
  service: coreServices.permissions,
  deps: {},
  factory() {
    const decide = (
      permission: Permission,
      credentials: { principal: unknown },
    ) => {
      const principal = credentials.principal as {
        type: string;
        userEntityRef?: string;
      };
      if (principal.type !== 'user') return AuthorizeResult.ALLOW;
      return COMPLIANCE_ONLY.includes(permission.name) &&
        !COMPLIANCE.includes(principal.userEntityRef!)
        ? AuthorizeResult.DENY
        : AuthorizeResult.ALLOW;
    };
    const answer = async (requests: any[], options: any) =>
      requests.map(r => ({
        result: decide(r.permission, options.credentials),
      })) as any;
    return { authorize: answer, authorizeConditional: answer };
  },
});

const user = (name: string) =>
  `Bearer ${mockCredentials.user.token(`user:default/${name}`)}`;
const responder = user('noah.fischer');
const otherResponder = user('wei.tan');
const eva = user('eva.lindqvist');
const tom = user('tom.oconnell');

describe.each(databases.eachSupportedId())(
  'the record on %p',
  (databaseId: TestDatabaseId) => {
    let server: any;
    let backend: Awaited<ReturnType<typeof startCatalogBackend>> | undefined;
    const api = '/api/leak-response/v1/incidents';

    const launch = (
      auth: string,
      body: object = {},
      key?: string,
    ): request.Test => {
      const req = request(server).post(api).set('Authorization', auth);
      if (key) req.set('Idempotency-Key', key);
      return req.send({
        entityRef: 'resource:default/recsys-llm-v3',
        leakType: 'model-weight-exfiltration',
        awareAt: '2026-11-20T09:30:00Z',
        ...body,
      });
    };

    /** A launched incident with GDPR Art. 33 pending. */
    async function assessed(): Promise<IncidentRecord> {
      const launched = await launch(responder);
      expect(launched.status).toBe(201);
      const res = await request(server)
        .put(`${api}/${launched.body.id}/assessment`)
        .set('Authorization', responder)
        .send({ answers: { risk: 'high', exposure: 'confirmed' } });
      expect(res.status).toBe(200);
      return res.body;
    }

    const gdpr33Of = (incident: IncidentRecord) =>
      incident.obligations.find(o => o.ruleId === 'gdpr33')!;

    beforeAll(async () => {
      backend = await startCatalogBackend({
        databaseId,
        config: { organization: { name: 'Shopwise' } },
        leakResponse: { organisation: { dpoContact: 'dpo@shopwise.example' } },
        features: [compliancePolicy],
      });
      server = backend.server;
      await waitForLineage(server, responder, [
        'resource:default/clickstream-2025q3',
      ]);
    });

    afterAll(async () => {
      await backend?.stop();
    });

    it('lets only compliance decide an obligation, submitted between awareness and now', async () => {
      const incident = await assessed();
      const gdpr33 = gdpr33Of(incident);
      const path = `${api}/${incident.id}/obligations/${gdpr33.id}`;

      for (const body of [
        { status: 'submitted', submissionRef: 'DPC-1' },
        {
          status: 'not-required',
          justification: 'We decided so, without compliance',
        },
      ]) {
        const denied = await request(server)
          .put(path)
          .set('Authorization', responder)
          .send(body);
        expect(denied.status).toBe(403);
        expect(denied.body.error.message).toContain(
          'Not allowed: leak-response.obligation.decide',
        );
      }

      const early = await request(server)
        .put(path)
        .set('Authorization', eva)
        .send({
          status: 'submitted',
          submissionRef: 'DPC-1',
          submittedAt: '2026-11-19T09:30:00Z',
        });
      expect(early.status).toBe(400);
      expect(early.body.error.message).toMatch(
        /^submittedAt: must not be before the organisation became aware/,
      );
      const future = await request(server)
        .put(path)
        .set('Authorization', eva)
        .send({
          status: 'submitted',
          submissionRef: 'DPC-1',
          submittedAt: '2999-01-01T00:00:00Z',
        });
      expect(future.status).toBe(400);
      expect(future.body.error.message).toBe(
        'submittedAt: must not be in the future',
      );

      const decided = await request(server)
        .put(path)
        .set('Authorization', eva)
        .send({
          status: 'submitted',
          submissionRef: 'DPC-1',
          submittedAt: '2026-11-21T09:30:00Z',
        });
      expect(decided.status).toBe(200);
      expect(gdpr33Of(decided.body)).toMatchObject({
        status: 'submitted',
        decidedBy: 'user:default/eva.lindqvist',
      });
      // undoing a decision is one too
      const undo = await request(server)
        .put(path)
        .set('Authorization', responder)
        .send({ status: 'pending' });
      expect(undo.status).toBe(403);
    });

    it('lets only compliance close over open obligations, and records which were open', async () => {
      const incident = await assessed();
      const denied = await request(server)
        .post(`${api}/${incident.id}/status`)
        .set('Authorization', responder)
        .send({ status: 'closed', reason: 'nothing to see' });
      expect(denied.status).toBe(403);
      expect(denied.body.error.message).toMatch(
        /^Not allowed: leak-response\.obligation\.decide \(closing decides the obligations still open: .*gdpr33 \(pending\)/,
      );

      const closed = await request(server)
        .post(`${api}/${incident.id}/status`)
        .set('Authorization', eva)
        .send({ status: 'closed', reason: 'false positive after review' });
      expect(closed.status).toBe(200);
      const event = (closed.body as IncidentRecord).timeline.at(-1)!;
      expect(event.type).toBe('status-changed');
      expect(event.message).toContain('still open: ');
      expect(event.message).toContain('gdpr33 (pending)');
      expect(
        (event.after as { openObligations: Array<{ ruleId: string }> })
          .openObligations,
      ).toContainEqual(expect.objectContaining({ ruleId: 'gdpr33' }));
    });

    it('keeps approval to four eyes and to the version read', async () => {
      const incident = await assessed();
      const drafted = await request(server)
        .post(`${api}/${incident.id}/notices`)
        .set('Authorization', eva)
        .send({ obligationId: gdpr33Of(incident).id });
      expect(drafted.status).toBe(201);
      const draft = drafted.body.notices[0];
      const approve = (auth: string, version: string) =>
        request(server)
          .post(`${api}/${incident.id}/notices/${draft.id}/approve`)
          .set('Authorization', auth)
          .send({ version });

      const edited = await request(server)
        .put(`${api}/${incident.id}/notices/${draft.id}`)
        .set('Authorization', tom)
        .send({ body: draft.body.replace(/\[\[[^\]]+\]\]/g, 'completed') });
      expect(edited.status).toBe(200);
      const current = edited.body.notices[0];
      expect(current.editedBy).toBe('user:default/tom.oconnell');
      expect(current.version).not.toBe(draft.version);

      // the drafter and the last editor may not approve
      for (const auth of [eva, tom]) {
        const own = await approve(auth, current.version);
        expect(own.status).toBe(409);
        expect(own.body.error.message).toMatch(/^four eyes: you /);
      }
      const noVersion = await request(server)
        .post(`${api}/${incident.id}/notices/${draft.id}/approve`)
        .set('Authorization', eva)
        .send({});
      expect(noVersion.status).toBe(400);
      expect(noVersion.body.error.message).toMatch(/^version: /);

      // eva edits again: tom no longer last edited, eva did, so tom approves
      const again = await request(server)
        .put(`${api}/${incident.id}/notices/${draft.id}`)
        .set('Authorization', eva)
        .send({ body: `${current.body}\n\nChecked by the DPO.` });
      expect(again.status).toBe(200);
      const latest = again.body.notices[0];
      const stale = await approve(tom, current.version);
      expect(stale.status).toBe(409);
      expect(stale.body.error.message).toMatch(
        /^version: notice .* was edited since you read it/,
      );
      const approved = await approve(tom, latest.version);
      expect(approved.status).toBe(200);
      expect(approved.body.notices[0]).toMatchObject({
        status: 'approved',
        approvedBy: 'user:default/tom.oconnell',
      });
    });

    it('refuses to approve or submit a draft with an escaped part to complete', async () => {
      const incident = await assessed();
      const drafted = await request(server)
        .post(`${api}/${incident.id}/notices`)
        .set('Authorization', eva)
        .send({ obligationId: gdpr33Of(incident).id });
      const draft = drafted.body.notices[0];
      const body = draft.body
        .replace(/\[\[[^\]]+\]\]/g, 'completed')
        .concat('\n\nDPO: \\[\\[contact details\\]\\]');
      const edited = await request(server)
        .put(`${api}/${incident.id}/notices/${draft.id}`)
        .set('Authorization', eva)
        .send({ body });
      const refused = await request(server)
        .post(`${api}/${incident.id}/notices/${draft.id}/approve`)
        .set('Authorization', tom)
        .send({ version: edited.body.notices[0].version });
      expect(refused.status).toBe(409);
      expect(refused.body.error.message).toBe(
        'body: complete before approval: contact details',
      );
    });

    it('keeps idempotency keys to their caller and refuses a different replay', async () => {
      const first = await launch(responder, {}, 'pipeline-run-7');
      expect(first.status).toBe(201);
      const replay = await launch(responder, {}, 'pipeline-run-7');
      expect(replay.status).toBe(200);
      expect(replay.body.id).toBe(first.body.id);

      // someone else's key is a new key of theirs, not the first incident
      const theirs = await launch(otherResponder, {}, 'pipeline-run-7');
      expect(theirs.status).toBe(201);
      expect(theirs.body.id).not.toBe(first.body.id);

      const different = await launch(
        responder,
        { severity: 'low' },
        'pipeline-run-7',
      );
      expect(different.status).toBe(422);
      expect(different.body.error.message).toMatch(
        /^Idempotency-Key: pipeline-run-7 was first used for a different request/,
      );
    });

    it('bounds dates and keeps a title from opening a heading', async () => {
      const old = await launch(responder, {
        awareAt: '1999-12-31T23:59:59Z',
      });
      expect(old.status).toBe(400);
      expect(old.body.error.message).toBe(
        'awareAt: must not be before 2000-01-01T00:00:00Z',
      );
      const detected = await launch(responder, {
        detectedAt: '2999-01-01T00:00:00Z',
      });
      expect(detected.status).toBe(400);
      expect(detected.body.error.message).toBe(
        'detectedAt: must not be in the future',
      );

      for (const lineBreak of ['\r', '\r\n', '\u2028', '\u2029']) {
        const launched = await launch(responder, {
          title: `Leak${lineBreak}# Injected`,
          summary: `Found${lineBreak}## Also injected`,
        });
        expect(launched.status).toBe(201);
        const report = await request(server)
          .get(`${api}/${launched.body.id}/report`)
          .set('Authorization', responder);
        expect(report.status).toBe(200);
        expect(report.text).toContain('# Incident report: Leak # Injected');
        // no line of the report opens with the typed heading
        expect(
          report.text
            .split(/\r\n|[\n\r\u2028\u2029]/)
            .filter(line => /^\s*#+ (Also )?[Ii]njected/.test(line)),
        ).toEqual([]);
      }
    });
  },
);
