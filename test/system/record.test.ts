/*
 * The record holds up, black-box (issue 13): one real backend process on
 * PostgreSQL, tried with a static service token (a CI pipeline) and with no
 * credentials at all. Each case prints what it tried and what it got, and
 * the suite prints `N passed, N failed`.
 *
 * What a person outside compliance and a notice's drafter may not do is
 * proven through the same routes in the Jest suites
 * (plugins/leak-response-backend/src/incidents/record.integration.test.ts,
 * on SQLite and PostgreSQL): this process has no sign-in provider to issue
 * user tokens.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { IncidentRecord } from '@leak-response/plugin-leak-response-common';
import { Api, Reply } from './lib/api';
import { BackendProcess } from './lib/backendProcess';
import { SystemHarness } from './lib/harness';

interface Case {
  who: 'service token' | 'anonymous';
  tried: string;
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

describe('the record, black-box', { timeout: 120_000 }, () => {
  const harness = new SystemHarness('record');
  let backend: BackendProcess;
  let service: Api;

  before(async () => {
    backend = harness.replica('backend', 7203, {
      escalation: { enabled: false },
    });
    await backend.start();
    service = harness.api(backend);
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

    // an incident to try things on, launched as a pipeline may
    const key = `pipeline-${randomUUID()}`;
    const launched = await service.request<IncidentRecord>(
      'POST',
      '/v1/incidents',
      { ...LAUNCH, summary: 'opened by the record suite' },
      { 'idempotency-key': key },
    );
    assert.equal(launched.status, 201, JSON.stringify(launched.body));
    const incident = launched.body;
    const obligation = incident.obligations[0];
    assert.ok(obligation, 'the launch has obligations');
    const base = `/v1/incidents/${incident.id}`;
    const someNotice = randomUUID();

    const cases: Case[] = [
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
      {
        who: 'service token',
        tried: 'close with open obligations',
        run: () =>
          service.request('POST', `${base}/status`, { status: 'closed' }),
        expect: refused(403, /service credentials: incident-status/),
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
        tried: 'approve a notice (any version)',
        run: () =>
          service.request('POST', `${base}/notices/${someNotice}/approve`, {
            version: 'a'.repeat(64),
          }),
        expect: refused(403, /service credentials: incident-notice-approve/),
      },
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
        who: 'service token',
        tried: 'launch with awareAt before 2000',
        run: () =>
          service.request('POST', '/v1/incidents', {
            ...LAUNCH,
            awareAt: '1999-12-31T23:59:59Z',
          }),
        expect: refused(400, /^awareAt: must not be before 2000/),
      },
      {
        who: 'service token',
        tried: 'launch with detectedAt in the future',
        run: () =>
          service.request('POST', '/v1/incidents', {
            ...LAUNCH,
            detectedAt: '2999-01-01T00:00:00Z',
          }),
        expect: refused(400, /^detectedAt: must not be in the future/),
      },
      {
        who: 'service token',
        tried: 'inject a heading through a title with \\r',
        run: async () => {
          const forged = await service.request<IncidentRecord>(
            'POST',
            '/v1/incidents',
            { ...LAUNCH, title: 'Leak\r# Injected' },
          );
          if (forged.status !== 201) return forged;
          return service.request(
            'GET',
            `/v1/incidents/${forged.body.id}/report`,
          );
        },
        expect: reply =>
          reply.status === 200 &&
          typeof reply.body === 'string' &&
          !reply.body
            .split(/\r\n|[\n\r\u2028\u2029]/)
            .some((line: string) => /^\s*#+ Injected/.test(line))
            ? undefined
            : 'wanted a report in which no line opens the typed heading',
      },
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
            `${base}/notices/${someNotice}/approve`,
            { version: 'a'.repeat(64) },
          ],
          [
            'launch with awareAt before 2000',
            'POST',
            '/v1/incidents',
            { ...LAUNCH, awareAt: '1999-01-01T00:00:00Z' },
          ],
          ['replay a key', 'POST', '/v1/incidents', LAUNCH],
        ] as const
      ).map(
        ([tried, method, route, body]): Case => ({
          who: 'anonymous',
          tried,
          run: () => anonymous(method, route, body),
          expect: reply => (reply.status === 401 ? undefined : 'wanted 401'),
        }),
      ),
    ];

    let passed = 0;
    const failures: string[] = [];
    for (const c of cases) {
      const reply = await c.run();
      const problem = c.expect(reply);
      const got =
        typeof reply.body === 'object' && reply.body?.error
          ? `${reply.status} ${reply.body.error.message}`
          : `${reply.status}`;
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

    // nothing above changed the incident: still open, nothing decided
    const after = await service.incident(incident.id);
    assert.equal(after.body.status, 'triage');
    assert.deepEqual(
      after.body.obligations.map(o => o.status),
      incident.obligations.map(o => o.status),
    );
    assert.deepEqual(failures, []);
  });
});
