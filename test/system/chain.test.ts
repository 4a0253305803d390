/*
 * The timeline as evidence, end to end on PostgreSQL: an incident opened
 * and moved through the real backend's API, one timeline row edited directly
 * in the database behind the API's back, and `GET …/verify` naming exactly
 * that row; the markdown report then says the chain is not intact.
 * Each step prints what it tried and what it got.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type {
  IncidentRecord,
  TimelineVerification,
} from '@leak-response/plugin-leak-response-common';
import { Api } from './lib/api';
import { BackendProcess } from './lib/backendProcess';
import { SystemHarness } from './lib/harness';
import { pluginDatabase } from './lib/postgres';

function say(tried: string, got: unknown) {
  process.stdout.write(
    `tried: ${tried}\n  got: ${
      typeof got === 'string' ? got : JSON.stringify(got)
    }\n`,
  );
}

describe('timeline hash chain', { timeout: 240_000 }, () => {
  const harness = new SystemHarness('chain');
  let backend: BackendProcess;
  let api: Api;

  before(async () => {
    backend = harness.replica('backend', 7203, {
      escalation: { enabled: false },
    });
    await backend.start();
    api = await harness.userApi(backend);
  });

  after(async () => {
    await harness.close();
  });

  it('names the event edited directly in PostgreSQL', async () => {
    const launched = await api.request<IncidentRecord>(
      'POST',
      '/v1/incidents',
      {
        entityRef: 'resource:default/clickstream-2025q3',
        leakType: 'training-data-exposure',
        title: 'Chain test: clickstream bucket readable from the internet',
      },
    );
    say('launch an incident through the API', {
      status: launched.status,
      id: launched.body.id,
      events: launched.body.timeline?.length,
    });
    assert.equal(launched.status, 201, JSON.stringify(launched.body));
    const id = launched.body.id;
    for (const status of ['investigating', 'contained']) {
      const moved = await api.request('POST', `/v1/incidents/${id}/status`, {
        status,
        reason: 'chain test',
      });
      say(`move it to ${status}`, { status: moved.status });
      assert.equal(moved.status, 200, JSON.stringify(moved.body));
    }

    const before_ = await api.request<TimelineVerification>(
      'GET',
      `/v1/incidents/${id}/verify`,
    );
    say('verify before any edit', before_.body);
    assert.equal(before_.status, 200);
    assert.equal(before_.body.intact, true);
    assert.match(String(before_.body.head), /^[0-9a-f]{64}$/);

    const db = pluginDatabase(harness.prefix, 'leak-response');
    let edited: { sequence: string; position: number; type: string };
    try {
      const rows = await db('incident_timeline')
        .where({ incident_id: id })
        .orderBy('sequence')
        .select('sequence', 'position', 'type', 'message');
      assert.ok(rows.length >= 3, `expected 3+ events, got ${rows.length}`);
      edited = rows[1];
      await db('incident_timeline')
        .where({ sequence: edited.sequence })
        .update({ message: 'Nothing to see here' });
      say(
        `UPDATE incident_timeline SET message = 'Nothing to see here' WHERE sequence = ${edited.sequence} (event ${edited.position} of ${rows.length}, "${edited.type}", was "${rows[1].message}")`,
        'done',
      );
    } finally {
      await db.destroy();
    }

    const after_ = await api.request<TimelineVerification>(
      'GET',
      `/v1/incidents/${id}/verify`,
    );
    say('verify after the edit', after_.body);
    assert.equal(after_.status, 200);
    assert.equal(after_.body.intact, false);
    assert.deepEqual(
      {
        sequence: after_.body.firstBroken?.sequence,
        position: after_.body.firstBroken?.position,
        type: after_.body.firstBroken?.type,
      },
      {
        sequence: Number(edited.sequence),
        position: 2,
        type: edited.type,
      },
    );
    assert.equal(after_.body.head, before_.body.head);

    const report = await api.request<string>(
      'GET',
      `/v1/incidents/${id}/report`,
    );
    const line = report.body
      .split('\n')
      .find(l => l.startsWith('- Timeline hash chain:'));
    say('export the markdown report', line);
    assert.match(
      String(line),
      new RegExp(
        `NOT INTACT .*first broken at event 2 \\(sequence ${Number(
          edited.sequence,
        )}\\)`,
      ),
    );
  });
});
