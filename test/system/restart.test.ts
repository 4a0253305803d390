/*
 * kill -9 of a backend while launches, updates and detections are in
 * flight; then a restart on the same PostgreSQL database. Every write that
 * was acknowledged (2xx) is there, timelines are intact (append-only,
 * ordered) and the obligation clocks are unchanged; retried launches do not
 * open a second incident; a detection the kill left half-handled is handled
 * after the restart (detection.retryAfter is 4 s here, 2 min by default).
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type {
  IncidentRecord,
  TimelineEvent,
} from '@leak-response/plugin-leak-response-common';
import { Api } from './lib/api';
import { BackendProcess, sleep } from './lib/backendProcess';
import { BUCKETS, s3Finding } from './lib/findings';
import { eventually, SystemHarness } from './lib/harness';
import { pluginDatabase } from './lib/postgres';

const HOUR = 3_600_000;

interface Acked {
  launches: Map<
    string,
    { id: string; awareAt: string; dueAt: Record<string, string | undefined> }
  >;
  /** The longest timeline each incident showed in an acknowledged reply. */
  timelines: Map<string, TimelineEvent[]>;
  tasksDone: Array<{ incidentId: string; taskId: string }>;
  transitions: Array<{ incidentId: string; status: string }>;
  findings: string[];
}

type Finding = ReturnType<typeof s3Finding>;

describe('kill -9 during writes, then restart', { timeout: 240_000 }, () => {
  const harness = new SystemHarness('restart');
  let backend: BackendProcess;
  let api: Api;

  before(async () => {
    backend = harness.replica('backend', 7203, {
      escalation: { enabled: false },
      detectionRetryAfterSeconds: 4,
    });
    await backend.start();
    api = await harness.userApi(backend);
  });

  after(async () => {
    await harness.close();
  });

  it('keeps every acknowledged write, the timelines and the clocks', async t => {
    const acked: Acked = {
      launches: new Map(),
      timelines: new Map(),
      tasksDone: [],
      transitions: [],
      findings: [],
    };
    const unackedLaunches = new Map<string, object>();
    const unackedFindings = new Map<string, Finding>();
    const remember = (incident: IncidentRecord) => {
      const known = acked.timelines.get(incident.id);
      if (!known || known.length < incident.timeline.length)
        acked.timelines.set(incident.id, incident.timeline);
    };
    let stop = false;
    let errors = 0;
    let attempts = 0;

    const launch = async (n: number) => {
      const key = `restart-${n}-${randomUUID()}`;
      const body = {
        entityRef: 'resource:default/clickstream-2025q3',
        leakType: 'training-data-exposure',
        awareAt: new Date(Date.now() - (n % 5) * 7 * HOUR).toISOString(),
        title: `Restart test launch ${n}`,
      };
      try {
        const res = await api.request<IncidentRecord>(
          'POST',
          '/v1/incidents',
          body,
          { 'idempotency-key': key },
        );
        assert.equal(res.status, 201, JSON.stringify(res.body));
        acked.launches.set(key, {
          id: res.body.id,
          awareAt: res.body.awareAt,
          dueAt: Object.fromEntries(
            res.body.obligations.map(o => [o.id, o.dueAt]),
          ),
        });
        remember(res.body);
      } catch (error) {
        if (error instanceof assert.AssertionError) throw error;
        unackedLaunches.set(key, body);
        throw error;
      }
    };
    const update = async () => {
      const ids = [...acked.timelines.keys()];
      const id = ids[Math.floor(Math.random() * ids.length)];
      const current = (await api.incident(id)).body;
      const open = current.tasks.find(task => !task.doneAt);
      if (current.status === 'triage') {
        const res = await api.request<IncidentRecord>(
          'POST',
          `/v1/incidents/${id}/status`,
          {
            status: 'investigating',
            reason: 'restart test',
          },
        );
        if (res.status === 200) {
          acked.transitions.push({ incidentId: id, status: 'investigating' });
          remember(res.body);
        }
        return;
      }
      if (open) {
        const res = await api.request<IncidentRecord>(
          'PUT',
          `/v1/incidents/${id}/tasks/${open.id}`,
          { done: true },
        );
        assert.equal(res.status, 200, JSON.stringify(res.body));
        acked.tasksDone.push({ incidentId: id, taskId: open.id });
        remember(res.body);
      }
    };
    const detect = async (n: number) => {
      const findingId = `restart-finding-${n}`;
      const event = s3Finding({
        findingId,
        bucket: BUCKETS[n % BUCKETS.length],
        firstSeenAt: new Date(Date.now() - HOUR).toISOString(),
        updatedAt: new Date().toISOString(),
      });
      unackedFindings.set(findingId, event);
      const status = await api.ingest(event);
      assert.equal(status, 202);
      unackedFindings.delete(findingId);
      acked.findings.push(findingId);
    };

    // a few incidents to update from the start
    for (let n = 0; n < 3; n++) await launch(n);

    let counter = 3;
    const worker = async (w: number) => {
      // bounded: at most 400 requests per worker, and only until the kill
      for (let i = 0; i < 400 && !stop; i++) {
        const n = counter++;
        attempts++;
        try {
          if (w % 3 === 0) await launch(n);
          else if (w % 3 === 1) await update();
          else await detect(n);
        } catch (error) {
          if (error instanceof assert.AssertionError && backend.alive)
            throw error;
          errors++;
          if (!backend.alive) return;
        }
      }
    };
    const traffic = Promise.all(Array.from({ length: 6 }, (_, w) => worker(w)));
    // kill -9 once enough has been acknowledged, with requests in flight
    const deadline = Date.now() + 60_000;
    while (
      acked.launches.size + acked.tasksDone.length + acked.findings.length <
        60 &&
      Date.now() < deadline
    ) {
      await sleep(50);
    }
    await backend.kill();
    stop = true;
    await traffic;
    const ackedAtKill = {
      launches: acked.launches.size,
      tasks: acked.tasksDone.length,
      transitions: acked.transitions.length,
      findings: acked.findings.length,
    };
    assert.ok(
      ackedAtKill.launches > 3 &&
        ackedAtKill.tasks > 0 &&
        ackedAtKill.findings > 0,
      JSON.stringify(ackedAtKill),
    );

    await backend.start();
    const check = pluginDatabase(harness.prefix, 'leak-response');
    const pendingAfterKill = (
      await check('detections').where({ outcome: 'pending' })
    ).length;
    await check.destroy();

    for (const [key, launched] of acked.launches) {
      const res = await api.incident(launched.id);
      assert.equal(res.status, 200, `acknowledged launch ${key} is there`);
      assert.equal(res.body.awareAt, launched.awareAt, 'awareness unchanged');
      const dueAt = Object.fromEntries(
        res.body.obligations.map(o => [o.id, o.dueAt]),
      );
      assert.deepEqual(
        dueAt,
        launched.dueAt,
        `${launched.id}: obligation clocks unchanged`,
      );
    }
    for (const [id, timeline] of acked.timelines) {
      const now = (await api.incident(id)).body.timeline;
      assert.deepEqual(
        now.slice(0, timeline.length),
        timeline,
        `${id}: the acknowledged timeline is a prefix of today's`,
      );
      for (let i = 1; i < now.length; i++) {
        assert.ok(
          now[i].sequence > now[i - 1].sequence,
          `${id}: sequence increases`,
        );
        assert.ok(
          Date.parse(now[i].at) >= Date.parse(now[i - 1].at),
          `${id}: time does not go back`,
        );
      }
    }
    for (const { incidentId, taskId } of acked.tasksDone) {
      const task = (await api.incident(incidentId)).body.tasks.find(
        x => x.id === taskId,
      );
      assert.ok(task?.doneAt, `acknowledged task ${taskId} is done`);
    }
    for (const { incidentId, status } of acked.transitions) {
      assert.notEqual(
        (await api.incident(incidentId)).body.status,
        'triage',
        `${incidentId} left ${status} behind triage`,
      );
    }
    const db = pluginDatabase(harness.prefix, 'leak-response');
    try {
      const detected = await db('incidents')
        .whereIn('source_ref', acked.findings)
        .select('source_ref');
      assert.deepEqual(
        detected.map(r => r.source_ref).sort(),
        [...acked.findings].sort(),
        'one incident per acknowledged detection',
      );

      // the sender redelivers the findings that were not acknowledged; one
      // the kill cut off half-way is pending, and handled once it is stale
      for (const event of unackedFindings.values()) {
        assert.equal(await api.ingest(event), 202);
      }
      await eventually(
        'no detection left pending',
        async () =>
          (await db('detections').where({ outcome: 'pending' })).length === 0
            ? true
            : undefined,
        60_000,
      );
      const sentFindings = [...acked.findings, ...unackedFindings.keys()];
      const perFinding = await db('incidents')
        .whereIn('source_ref', sentFindings)
        .groupBy('source_ref')
        .select('source_ref')
        .count({ n: '*' });
      assert.equal(
        perFinding.length,
        sentFindings.length,
        'every finding sent has its incident',
      );
      assert.deepEqual(
        perFinding.filter(r => Number(r.n) !== 1),
        [],
        'no finding opened twice',
      );

      // the sender retries what was not acknowledged, with the same keys
      for (const [key, body] of unackedLaunches) {
        const res = await api.request('POST', '/v1/incidents', body, {
          'idempotency-key': key,
        });
        assert.ok(
          [200, 201].includes(res.status),
          `retry of ${key}: ${res.status}`,
        );
      }
      const keys = [...acked.launches.keys(), ...unackedLaunches.keys()];
      const perKey = await db('incidents')
        .whereIn('idempotency_key', keys)
        .groupBy('idempotency_key')
        .select('idempotency_key')
        .count({ n: '*' });
      assert.equal(
        perKey.length,
        keys.length,
        'every launch exists once retried',
      );
      assert.deepEqual(
        perKey.filter(r => Number(r.n) !== 1),
        [],
        'no launch twice',
      );
    } finally {
      await db.destroy();
    }
    t.diagnostic(
      `acknowledged before kill -9: ${ackedAtKill.launches} launches, ${ackedAtKill.tasks} task updates, ` +
        `${ackedAtKill.transitions} transitions, ${ackedAtKill.findings} detections; ${attempts} requests, ${errors} failed at or after the kill, ` +
        `${unackedLaunches.size} launches and ${unackedFindings.size} findings sent again (${pendingAfterKill} detections left pending by the kill); ` +
        'all found after restart, none twice',
    );
  });
});
