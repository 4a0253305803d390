/*
 * The record holds up, black-box (issue 13): one real backend process on
 * PostgreSQL, with the portal's own permission policy (packages/backend)
 * and people signed in through the real auth backend (lib/signIns.ts):
 * someone outside compliance, a compliance member who drafts a notice and
 * another who reviews it; and a static service token (a CI pipeline) and
 * no credentials at all. Each of them tries every way around the approval
 * chain and every forged shape of the issue; each case prints what it
 * tried and what it got, and the suite prints `N passed, N failed`.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type {
  IncidentRecord,
  TimelineVerification,
} from '@leak-response/plugin-leak-response-common';
import { Api, Reply } from './lib/api';
import { BackendProcess, PEOPLE } from './lib/backendProcess';
import { SystemHarness } from './lib/harness';
import { pluginDatabase } from './lib/postgres';

type Who =
  | 'outside compliance'
  | 'drafter'
  | 'reviewer'
  | 'service token'
  | 'anonymous';

interface Case {
  who: Who;
  tried: string;
  /** undefined when the reply is what the rule says; else what was wanted. */
  expect: (reply: Reply) => string | undefined;
  run: () => Promise<Reply>;
}

const LAUNCH = {
  entityRef: 'resource:default/recsys-llm-v3',
  leakType: 'model-weight-exfiltration',
  awareAt: '2026-11-20T09:30:00Z',
};

/** undefined when the reply is `status` with a message matching `message`. */
function refused(status: number, message: RegExp) {
  return (reply: Reply) => {
    const text = String(reply.body?.error?.message ?? '');
    return reply.status === status && message.test(text)
      ? undefined
      : `wanted ${status} matching ${message}`;
  };
}

/** A report in which no line opens the heading typed into the title. */
function noInjectedHeading(reply: Reply) {
  return reply.status === 200 &&
    typeof reply.body === 'string' &&
    reply.body.includes('Injected') &&
    !reply.body
      .split(/\r\n|[\n\r\u2028\u2029]/)
      .some((line: string) => /^\s*#+ Injected/.test(line))
    ? undefined
    : 'wanted a report that holds the title but in which no line opens the typed heading';
}

/** Launches with `Leak\r# Injected` as the title, then exports the report. */
async function injectHeading(api: Api): Promise<Reply> {
  const forged = await api.request<IncidentRecord>('POST', '/v1/incidents', {
    ...LAUNCH,
    title: 'Leak\r# Injected',
  });
  if (forged.status !== 201) return forged;
  return api.request('GET', `/v1/incidents/${forged.body.id}/report`);
}

/** What a reply said, in one line. */
function summary(body: any): string {
  if (typeof body === 'string') {
    const title = body.split('\n').find(line => line.includes('Injected'));
    return title ? `report; the title's line: ${JSON.stringify(title)}` : '';
  }
  if (body?.error) return body.error.message;
  if (typeof body?.intact === 'boolean') {
    return body.intact
      ? 'intact'
      : `not intact, first broken at sequence ${body.firstBroken?.sequence}`;
  }
  if (body?.id) {
    const approved = (body as IncidentRecord).notices?.find(n => n.approvedBy);
    return `incident ${body.id}, ${body.status}, launched by ${body.createdBy}${
      approved ? `; notice approved by ${approved.approvedBy}` : ''
    }`;
  }
  return '';
}

/** A new incident of the caller's own: 201, and not `other`. */
function newIncidentNot(other: string) {
  return (reply: Reply) =>
    reply.status === 201 && reply.body?.id && reply.body.id !== other
      ? undefined
      : `wanted 201 with a new incident of the caller's, not ${other}`;
}

describe('the record, black-box', { timeout: 180_000 }, () => {
  const harness = new SystemHarness('record');
  let backend: BackendProcess;
  let service: Api;
  let outsider: Api;
  let drafter: Api;
  let reviewer: Api;

  before(async () => {
    backend = harness.replica('backend', 7203, {
      escalation: { enabled: false },
      permissionPolicy: true,
    });
    await backend.start();
    service = harness.api(backend);
    [outsider, drafter, reviewer] = await Promise.all([
      harness.personApi(backend, 'outsider'),
      harness.personApi(backend, 'drafter'),
      harness.personApi(backend, 'reviewer'),
    ]);
  });

  after(async () => {
    await harness.close();
  });

  it('refuses every way around the approval chain and every forged shape', async () => {
    const anonymous = async (method: string, route: string, body?: unknown) => {
      const res = await fetch(`${backend.baseUrl}/api/leak-response${route}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      let parsed: any = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // not JSON
      }
      return { status: res.status, body: parsed };
    };
    const must = <T>(reply: Reply<T>, status: number, what: string): T => {
      assert.equal(
        reply.status,
        status,
        `${what}: ${JSON.stringify(reply.body)}`,
      );
      return reply.body;
    };

    // the incident to try things on, launched as a pipeline may
    const key = `pipeline-${randomUUID()}`;
    const incident = must(
      await service.request<IncidentRecord>(
        'POST',
        '/v1/incidents',
        { ...LAUNCH, summary: 'opened by the record suite' },
        { 'idempotency-key': key },
      ),
      201,
      'the pipeline launches',
    );
    const obligation = incident.obligations[0];
    assert.ok(obligation, 'the launch has obligations');
    const base = `/v1/incidents/${incident.id}`;

    // the drafter's own incident (with a key of theirs), to close over
    // its open obligations, as compliance may
    const drafterKey = `drafter-${randomUUID()}`;
    const drafterLaunch = { ...LAUNCH, summary: 'opened by the drafter' };
    const closable = must(
      await drafter.request<IncidentRecord>(
        'POST',
        '/v1/incidents',
        drafterLaunch,
        { 'idempotency-key': drafterKey },
      ),
      201,
      'the drafter launches',
    );
    assert.equal(closable.createdBy, PEOPLE.drafter);

    // a notice the drafter drafts, then completes (a new version): the
    // first version is stale from then on
    const templates = must(
      await drafter.request<{ items: Array<{ id: string }> }>(
        'GET',
        '/v1/notice-templates',
      ),
      200,
      'the templates',
    );
    const drafted = must(
      await drafter.request<IncidentRecord>('POST', `${base}/notices`, {
        templateId: templates.items[0].id,
      }),
      201,
      'the drafter drafts a notice',
    );
    const notice = drafted.notices.at(-1)!;
    const stale = notice.version;
    const edited = must(
      await drafter.request<IncidentRecord>(
        'PUT',
        `${base}/notices/${notice.id}`,
        {
          body: `Notice of a personal data breach (${incident.id}).\n\nEvery part is complete; contact the DPO office.`,
        },
      ),
      200,
      'the drafter completes the notice',
    );
    const current = edited.notices.find(n => n.id === notice.id)!.version;
    assert.notEqual(current, stale);
    const approve = (api: Api, version: string) =>
      api.request('POST', `${base}/notices/${notice.id}/approve`, { version });

    // one incident's timeline edited in PostgreSQL, behind the API's back
    const tampered = must(
      await service.request<IncidentRecord>('POST', '/v1/incidents', {
        ...LAUNCH,
        summary: 'its timeline is edited in the database',
      }),
      201,
      'the incident to tamper with',
    );
    const db = pluginDatabase(harness.prefix, 'leak-response');
    let editedSequence: number;
    try {
      const [first] = await db('incident_timeline')
        .where({ incident_id: tampered.id })
        .orderBy('sequence')
        .select('sequence');
      editedSequence = Number(first.sequence);
      await db('incident_timeline')
        .where({ sequence: first.sequence })
        .update({ message: 'Nothing to see here' });
    } finally {
      await db.destroy();
    }
    const namesTheEditedRow = (reply: Reply<TimelineVerification>) =>
      reply.status === 200 &&
      reply.body.intact === false &&
      reply.body.firstBroken?.sequence === editedSequence
        ? undefined
        : `wanted 200, not intact, first broken at sequence ${editedSequence}`;
    const verifyRoute = `/v1/incidents/${tampered.id}/verify`;

    const cases: Case[] = [
      // deciding an obligation
      {
        who: 'outside compliance',
        tried: 'decide an obligation (submitted, with a reference)',
        run: () =>
          outsider.request('PUT', `${base}/obligations/${obligation.id}`, {
            status: 'submitted',
            submissionRef: 'ICO-123',
          }),
        expect: refused(403, /^Not allowed: leak-response\.obligation\.decide/),
      },
      {
        who: 'outside compliance',
        tried: 'decide an obligation (not required)',
        run: () =>
          outsider.request('PUT', `${base}/obligations/${obligation.id}`, {
            status: 'not-required',
            justification: 'someone outside compliance decided this',
          }),
        expect: refused(403, /^Not allowed: leak-response\.obligation\.decide/),
      },
      {
        who: 'drafter',
        tried: 'decide an obligation submitted before the awareness',
        run: () =>
          drafter.request('PUT', `${base}/obligations/${obligation.id}`, {
            status: 'submitted',
            submissionRef: 'ICO-123',
            submittedAt: '2001-01-01T00:00:00Z',
          }),
        expect: refused(400, /^submittedAt: must not be before/),
      },
      {
        who: 'drafter',
        tried: 'decide an obligation submitted in the future',
        run: () =>
          drafter.request('PUT', `${base}/obligations/${obligation.id}`, {
            status: 'submitted',
            submissionRef: 'ICO-123',
            submittedAt: '2999-01-01T00:00:00Z',
          }),
        expect: refused(400, /^submittedAt: must not be in the future/),
      },
      {
        who: 'service token',
        tried: 'decide an obligation (not required)',
        run: () =>
          service.request('PUT', `${base}/obligations/${obligation.id}`, {
            status: 'not-required',
            justification: 'a pipeline decided this alone',
          }),
        expect: refused(403, /service credentials: incident-obligation/),
      },
      // closing over open obligations
      {
        who: 'outside compliance',
        tried: 'close with open obligations',
        run: () =>
          outsider.request('POST', `${base}/status`, { status: 'closed' }),
        expect: refused(
          403,
          /^Not allowed: leak-response\.obligation\.decide \(closing decides the obligations still open: /,
        ),
      },
      {
        who: 'service token',
        tried: 'close with open obligations',
        run: () =>
          service.request('POST', `${base}/status`, { status: 'closed' }),
        expect: refused(403, /service credentials: incident-status/),
      },
      {
        who: 'drafter',
        tried:
          'close their own incident with open obligations (compliance may)',
        run: () =>
          drafter.request('POST', `/v1/incidents/${closable.id}/status`, {
            status: 'closed',
            reason: 'closed by compliance',
          }),
        expect: reply =>
          reply.status === 200 &&
          reply.body.status === 'closed' &&
          (reply.body as IncidentRecord).timeline.some(
            e =>
              e.type === 'status-changed' &&
              e.message.includes('still open:') &&
              e.actor === PEOPLE.drafter,
          )
            ? undefined
            : 'wanted 200, closed, and a timeline event by the drafter naming what was still open',
      },
      // approving
      {
        who: 'drafter',
        tried: 'approve their own notice (the current version)',
        run: () => approve(drafter, current),
        expect: refused(409, /^four eyes: you drafted or last edited notice/),
      },
      {
        who: 'outside compliance',
        tried: 'approve a notice (the current version)',
        run: () => approve(outsider, current),
        expect: refused(403, /^Not allowed: leak-response\.notice\.approve$/),
      },
      {
        who: 'reviewer',
        tried: 'approve a stale version of the notice',
        run: () => approve(reviewer, stale),
        expect: refused(
          409,
          /^version: notice .* was edited since you read it \(last by user:default\/eva\.lindqvist\)/,
        ),
      },
      {
        who: 'drafter',
        tried: 'approve a stale version of their own notice',
        run: () => approve(drafter, stale),
        expect: refused(
          409,
          /^version: notice .* was edited since you read it/,
        ),
      },
      {
        who: 'outside compliance',
        tried: 'approve a stale version of the notice',
        run: () => approve(outsider, stale),
        expect: refused(403, /^Not allowed: leak-response\.notice\.approve$/),
      },
      {
        who: 'service token',
        tried: 'draft a notice (to approve it next)',
        run: () =>
          service.request('POST', `${base}/notices`, {
            obligationId: obligation.id,
          }),
        expect: refused(403, /service credentials: incident-notice-draft/),
      },
      {
        who: 'service token',
        tried: 'approve the notice (the current version)',
        run: () => approve(service, current),
        expect: refused(403, /service credentials: incident-notice-approve/),
      },
      // idempotency keys
      {
        who: 'service token',
        tried: 'replay its key with the same body',
        run: () =>
          service.request(
            'POST',
            '/v1/incidents',
            { ...LAUNCH, summary: 'opened by the record suite' },
            { 'idempotency-key': key },
          ),
        expect: reply =>
          reply.status === 200 && reply.body.id === incident.id
            ? undefined
            : 'wanted 200 with the first incident',
      },
      {
        who: 'service token',
        tried: "replay the drafter's key with the drafter's body",
        run: () =>
          service.request('POST', '/v1/incidents', drafterLaunch, {
            'idempotency-key': drafterKey,
          }),
        expect: newIncidentNot(closable.id),
      },
      {
        who: 'outside compliance',
        tried: "replay the drafter's key with the drafter's body",
        run: () =>
          outsider.request('POST', '/v1/incidents', drafterLaunch, {
            'idempotency-key': drafterKey,
          }),
        expect: newIncidentNot(closable.id),
      },
      {
        who: 'drafter',
        tried: "replay the pipeline's key with the pipeline's body",
        run: () =>
          drafter.request(
            'POST',
            '/v1/incidents',
            { ...LAUNCH, summary: 'opened by the record suite' },
            { 'idempotency-key': key },
          ),
        expect: newIncidentNot(incident.id),
      },
      {
        who: 'service token',
        tried: 'replay its key with a different body',
        run: () =>
          service.request(
            'POST',
            '/v1/incidents',
            { ...LAUNCH, severity: 'low' },
            { 'idempotency-key': key },
          ),
        expect: refused(422, /^Idempotency-Key: .* different request/),
      },
      {
        who: 'outside compliance',
        tried: 'replay its key with a different body',
        run: () =>
          outsider.request(
            'POST',
            '/v1/incidents',
            { ...drafterLaunch, severity: 'low' },
            { 'idempotency-key': drafterKey },
          ),
        expect: refused(422, /^Idempotency-Key: .* different request/),
      },
      {
        who: 'drafter',
        tried: 'replay its key with a different body',
        run: () =>
          drafter.request(
            'POST',
            '/v1/incidents',
            { ...drafterLaunch, severity: 'low' },
            { 'idempotency-key': drafterKey },
          ),
        expect: refused(422, /^Idempotency-Key: .* different request/),
      },
      // forged shapes
      ...(
        [
          ['service token', service],
          ['outside compliance', outsider],
          ['drafter', drafter],
        ] as const
      ).flatMap(([who, api]): Case[] => [
        {
          who,
          tried: 'inject a heading through a title with \\r',
          run: () => injectHeading(api),
          expect: noInjectedHeading,
        },
        {
          who,
          tried: 'launch with awareAt before 2000',
          run: () =>
            api.request('POST', '/v1/incidents', {
              ...LAUNCH,
              awareAt: '1999-12-31T23:59:59Z',
            }),
          expect: refused(400, /^awareAt: must not be before 2000/),
        },
        {
          who,
          tried: 'launch with detectedAt in the future',
          run: () =>
            api.request('POST', '/v1/incidents', {
              ...LAUNCH,
              detectedAt: '2999-01-01T00:00:00Z',
            }),
          expect: refused(400, /^detectedAt: must not be in the future/),
        },
        {
          who,
          tried: `verify a timeline whose first event was edited in PostgreSQL (sequence ${editedSequence})`,
          run: () => api.request<TimelineVerification>('GET', verifyRoute),
          expect: namesTheEditedRow,
        },
      ]),
      ...(
        [
          [
            'decide an obligation',
            'PUT',
            `${base}/obligations/${obligation.id}`,
            { status: 'not-required', justification: 'nobody at all decided' },
          ],
          [
            'close with open obligations',
            'POST',
            `${base}/status`,
            { status: 'closed' },
          ],
          [
            'approve a notice',
            'POST',
            `${base}/notices/${notice.id}/approve`,
            { version: current },
          ],
          [
            'launch with awareAt before 2000',
            'POST',
            '/v1/incidents',
            { ...LAUNCH, awareAt: '1999-01-01T00:00:00Z' },
          ],
          ['replay a key', 'POST', '/v1/incidents', LAUNCH],
          ['verify the edited timeline', 'GET', verifyRoute, undefined],
        ] as const
      ).map(
        ([tried, method, route, body]): Case => ({
          who: 'anonymous',
          tried,
          run: () => anonymous(method, route, body),
          expect: reply => (reply.status === 401 ? undefined : 'wanted 401'),
        }),
      ),
      // and the chain holds for the one who may: someone else in
      // compliance approves the version they read
      {
        who: 'reviewer',
        tried: 'approve the current version of a notice someone else drafted',
        run: () => approve(reviewer, current),
        expect: reply =>
          reply.status === 200 &&
          (reply.body as IncidentRecord).notices.find(n => n.id === notice.id)
            ?.approvedBy === PEOPLE.reviewer
            ? undefined
            : 'wanted 200 with the notice approved by the reviewer',
      },
    ];

    let passed = 0;
    const failures: string[] = [];
    for (const c of cases) {
      const reply = await c.run();
      const problem = c.expect(reply);
      const got = `${reply.status} ${summary(reply.body)}`.trimEnd();
      // eslint-disable-next-line no-console
      console.log(
        `${problem ? 'FAIL' : 'ok  '} as ${c.who}: tried to ${
          c.tried
        }; got ${got}${problem ? ` (${problem})` : ''}`,
      );
      if (problem) failures.push(`${c.who}: ${c.tried}: ${problem}`);
      else passed += 1;
    }
    // eslint-disable-next-line no-console
    console.log(`${passed} passed, ${failures.length} failed`);

    // nothing above decided anything on the incident: still open, the
    // obligations as launched, the only approval the reviewer's
    const after_ = must(await service.incident(incident.id), 200, 're-read');
    assert.equal(after_.status, 'triage');
    assert.deepEqual(
      after_.obligations.map(o => o.status),
      incident.obligations.map(o => o.status),
    );
    assert.deepEqual(
      after_.notices.map(n => [n.status, n.approvedBy]),
      [['approved', PEOPLE.reviewer]],
    );
    assert.deepEqual(failures, []);
  });
});
