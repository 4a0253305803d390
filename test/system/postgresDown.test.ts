/*
 * PostgreSQL failing under the backend, without restarting the server
 * (other work shares it): every connection of this run's databases is
 * dropped with pg_terminate_backend again and again while launches, status
 * updates and findings flow; then the databases refuse connections
 * altogether ("database down") while findings reach the ingress. Every
 * request is either acknowledged (2xx) and present exactly once
 * afterwards, or refused with a 5xx the client can retry; nothing
 * acknowledged is missing, nothing is there twice. Both cases print their
 * counts.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { IncidentRecord } from '@leak-response/plugin-leak-response-common';
import { Knex } from 'knex';
import knexFactory from 'knex';
import { Api } from './lib/api';
import { BackendProcess, sleep } from './lib/backendProcess';
import { BUCKETS, s3Finding } from './lib/findings';
import { eventually, pool, SystemHarness } from './lib/harness';
import { pluginDatabase } from './lib/postgres';

const HOUR = 3_600_000;

/** The server's admin connection, for this run's databases only. */
function admin(): Knex {
  return knexFactory({
    client: 'pg',
    connection: {
      host: '127.0.0.1',
      port: 5432,
      user: 'postgres',
      database: 'postgres',
    },
    pool: { min: 0, max: 1 },
  });
}

async function databasesOf(db: Knex, prefix: string): Promise<string[]> {
  const { rows } = await db.raw(
    'select datname from pg_database where datname like ?',
    [`${prefix.replace(/_/g, '\\_')}%`],
  );
  return rows.map((r: { datname: string }) => r.datname);
}

/** Drops every connection to this run's databases; returns how many. */
async function terminateConnections(db: Knex, prefix: string) {
  const { rows } = await db.raw(
    `select pg_terminate_backend(pid) as gone from pg_stat_activity
      where datname like ? and pid <> pg_backend_pid()`,
    [`${prefix.replace(/_/g, '\\_')}%`],
  );
  return rows.filter((r: { gone: boolean }) => r.gone).length;
}

async function allowConnections(db: Knex, prefix: string, allow: boolean) {
  for (const name of await databasesOf(db, prefix)) {
    await db.raw(`alter database ?? with allow_connections ${allow}`, [name]);
  }
}

type Outcome = 'acknowledged' | 'refused-retryable' | 'other';

function classify(status: number): Outcome {
  if (status >= 200 && status < 300) return 'acknowledged';
  if (status >= 500) return 'refused-retryable';
  return 'other';
}

function finding(id: string, n: number) {
  return s3Finding({
    findingId: id,
    bucket: BUCKETS[n % BUCKETS.length],
    firstSeenAt: new Date(Date.now() - HOUR).toISOString(),
    updatedAt: new Date(Date.now() - 60_000).toISOString(),
  });
}

/** incidents per detection source reference, from the plugin's database. */
async function incidentsBySourceRef(check: Knex, refs: string[]) {
  const rows: Array<{ source_ref: string; n: string | number }> = await check(
    'incidents',
  )
    .whereIn('source_ref', refs)
    .groupBy('source_ref')
    .select('source_ref')
    .count({ n: '*' });
  return new Map(rows.map(r => [r.source_ref, Number(r.n)]));
}

describe(
  'PostgreSQL connections dropped, then the database down',
  { timeout: 300_000 },
  () => {
    const harness = new SystemHarness('pgdown');
    let backend: BackendProcess;
    let api: Api;
    let db: Knex;
    let check: Knex;

    before(async () => {
      backend = harness.replica('backend', 7203, {
        escalation: { enabled: false },
        detectionRetryAfterSeconds: 4,
      });
      await backend.start();
      api = await harness.userApi(backend);
      db = admin();
      check = pluginDatabase(harness.prefix, 'leak-response');
    });

    after(async () => {
      await allowConnections(db, harness.prefix, true).catch(() => undefined);
      await check?.destroy();
      await db?.destroy();
      await harness.close();
    });

    it('acknowledges only what it keeps while every connection is dropped mid-traffic', async () => {
      const counts = {
        launches: { acknowledged: 0, 'refused-retryable': 0, other: 0 },
        updates: { acknowledged: 0, 'refused-retryable': 0, other: 0 },
        findings: { acknowledged: 0, 'refused-retryable': 0, other: 0 },
      };
      const otherReplies: string[] = [];
      const launched = new Map<string, string>(); // idempotency key → incident id
      const transitioned = new Set<string>();
      const conflicted = new Set<string>();
      const ackedFindings = new Set<string>();
      const sentFindings = new Set<string>();
      const refusedLaunchKeys: string[] = [];
      let stop = false;
      let counter = 0;
      let terminated = 0;
      let rounds = 0;

      const record = (
        kind: keyof typeof counts,
        status: number,
        body: unknown,
      ) => {
        const outcome = classify(status);
        counts[kind][outcome]++;
        if (outcome === 'other') {
          otherReplies.push(`${kind} ${status} ${JSON.stringify(body)}`);
        }
        return outcome;
      };

      const launchBody = (key: string) => ({
        entityRef: 'resource:default/clickstream-2025q3',
        leakType: 'training-data-exposure',
        title: `PostgreSQL drop test launch ${key}`,
      });
      const launch = async (n: number) => {
        const key = `pgdown-${n}-${randomUUID()}`;
        const res = await api.request<IncidentRecord>(
          'POST',
          '/v1/incidents',
          launchBody(key),
          { 'idempotency-key': key },
        );
        const outcome = record('launches', res.status, res.body);
        if (outcome === 'acknowledged') launched.set(key, res.body.id);
        if (outcome === 'refused-retryable') refusedLaunchKeys.push(key);
      };
      const update = async () => {
        const open = [...launched.values()].filter(
          id => !transitioned.has(id) && !conflicted.has(id),
        );
        if (open.length === 0) {
          await sleep(50); // nothing to move yet: let the others run
          return;
        }
        const id = open[Math.floor(Math.random() * open.length)];
        const res = await api.request<IncidentRecord>(
          'POST',
          `/v1/incidents/${id}/status`,
          { status: 'investigating', reason: 'connection drop test' },
        );
        // a transition refused with a 5xx that had in fact been committed
        // answers 409 when tried again; its status is checked below
        if (res.status === 409) {
          conflicted.add(id);
          return;
        }
        if (record('updates', res.status, res.body) === 'acknowledged') {
          transitioned.add(id);
        }
      };
      const detect = async (n: number) => {
        const id = `pgdown-finding-${n}`;
        sentFindings.add(id);
        const status = await api.ingest(finding(id, n));
        if (record('findings', status, undefined) === 'acknowledged') {
          ackedFindings.add(id);
        }
      };

      for (let n = 0; n < 3; n++) await launch(counter++);
      const worker = async (w: number) => {
        // bounded, and every pass waits on I/O or a timer
        for (let i = 0; i < 2000 && !stop; i++) {
          const n = counter++;
          if (w % 3 === 0) await launch(n);
          else if (w % 3 === 1) await update();
          else await detect(n);
        }
      };
      const traffic = Promise.all(
        Array.from({ length: 6 }, (_, w) => worker(w)),
      );
      // drop every connection of this run's databases, over and over
      const until = Date.now() + 15_000;
      while (Date.now() < until) {
        await sleep(700);
        terminated += await terminateConnections(db, harness.prefix);
        rounds++;
      }
      stop = true;
      await traffic;

      // every refused launch may or may not have been committed: retrying
      // it with its key gives the one incident, never a second one
      for (const key of refusedLaunchKeys) {
        const again = await eventually(
          `launch ${key} again`,
          async () => {
            const res = await api.request(
              'POST',
              '/v1/incidents',
              launchBody(key),
              { 'idempotency-key': key },
            );
            return res.status < 300 ? res : undefined;
          },
          30_000,
        );
        launched.set(key, again.body.id);
      }

      // acknowledged launches: there, once per key
      const ids = [...launched.values()];
      assert.equal(new Set(ids).size, ids.length, 'one incident per key');
      const stored = await check('incidents')
        .whereIn('id', ids)
        .count({ n: '*' });
      assert.equal(Number(stored[0].n), ids.length);
      const byKey = await check('incidents')
        .whereNotNull('idempotency_key')
        .groupBy('idempotency_key')
        .havingRaw('count(*) > 1')
        .select('idempotency_key');
      assert.deepEqual(byKey, []);
      // acknowledged transitions hold
      for (const id of [...transitioned, ...conflicted]) {
        const row = await check('incidents').where({ id }).first('status');
        assert.equal(row.status, 'investigating', id);
      }
      // acknowledged findings: each has exactly one incident (a pending one is
      // handled by the retry task once retryAfter, 4 s here, has passed)
      const findings = [...ackedFindings];
      const perFinding = await eventually(
        'an incident for every acknowledged finding',
        async () => {
          const m = await incidentsBySourceRef(check, findings);
          return findings.every(f => m.get(f) === 1) ? m : undefined;
        },
        90_000,
      );
      const anyTwice = await incidentsBySourceRef(check, [...sentFindings]);
      assert.deepEqual(
        [...anyTwice].filter(([, n]) => n > 1),
        [],
        'no finding has two incidents',
      );

      const presentOnce =
        ids.length + transitioned.size + [...perFinding.values()].length;
      console.log(
        `[pg connections dropped] ${rounds} rounds, ${terminated} connections terminated; ` +
          `launches ${JSON.stringify(
            counts.launches,
          )}, updates ${JSON.stringify(
            counts.updates,
          )}, findings ${JSON.stringify(counts.findings)}; ` +
          `present exactly once afterwards: ${
            launched.size - refusedLaunchKeys.length
          } acknowledged launches ` +
          `(+${refusedLaunchKeys.length} refused ones retried with their key), ${transitioned.size} transitions, ` +
          `${perFinding.size} findings (${presentOnce} checks), missing 0, twice 0`,
      );
      assert.deepEqual(otherReplies, [], 'every reply is 2xx or 5xx');
      assert.ok(terminated > 0, 'connections were dropped');
      assert.ok(
        counts.launches.acknowledged > 3 && counts.findings.acknowledged > 0,
        JSON.stringify(counts),
      );
    });

    it('refuses findings with 503 while the database is down, and records each once when sent again', async () => {
      const ids = Array.from({ length: 30 }, (_, n) => `pgdown-ingress-${n}`);
      const counts = { acknowledged: 0, 'refused-retryable': 0, other: 0 };
      const refused: string[] = [];
      await allowConnections(db, harness.prefix, false);
      await terminateConnections(db, harness.prefix);
      try {
        await pool(ids, 5, async (id, n) => {
          const status = await api.ingest(finding(id, n));
          const outcome = classify(status);
          counts[outcome]++;
          if (outcome === 'refused-retryable') refused.push(id);
        });
      } finally {
        await allowConnections(db, harness.prefix, true);
      }
      const whileDown = { ...counts };
      // the sender retries what was refused, until it is acknowledged
      let resent = 0;
      await pool(refused, 5, async (id, n) => {
        await eventually(
          `${id} acknowledged`,
          async () => {
            resent++;
            return (await api.ingest(finding(id, n))) === 202
              ? true
              : undefined;
          },
          60_000,
        );
      });
      const perFinding = await eventually(
        'an incident for every finding',
        async () => {
          const m = await incidentsBySourceRef(check, ids);
          return ids.every(f => m.get(f) === 1) ? m : undefined;
        },
        90_000,
      );
      const held = await check('detections')
        .whereIn('finding_id', ids)
        .count({ n: '*' });
      console.log(
        `[database down at the ingress] while down: acknowledged ${whileDown.acknowledged}, ` +
          `refused-retryable ${whileDown['refused-retryable']}, other ${whileDown.other}; ` +
          `${resent} resends after it came back; present exactly once: ${
            [...perFinding.values()].filter(n => n === 1).length
          } of ${ids.length} (detections rows ${Number(held[0].n)})`,
      );
      assert.equal(whileDown.other, 0);
      assert.equal(
        whileDown.acknowledged,
        0,
        'nothing acknowledged while down',
      );
      assert.equal(whileDown['refused-retryable'], ids.length);
      assert.equal(Number(held[0].n), ids.length);
    });
  },
);
