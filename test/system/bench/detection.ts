/*
 * Detection bench: findings at a steady rate through the HTTP ingress of a
 * real backend process (PostgreSQL, loopback only), some of them repeated as
 * updates of earlier findings; then counts what was lost, what was opened
 * twice, and the detection-to-incident latency.
 *
 *   yarn bench:detection                      # 1,000 findings/min for 5 min
 *   BENCH_MINUTES=1 yarn bench:detection      # a quick check
 *
 * Environment: BENCH_MINUTES (5), BENCH_PER_MINUTE (1000), BENCH_UPDATE_EVERY
 * (5: every 5th finding is an update of an earlier one), BENCH_PORT (7204).
 *
 * Latency, per new finding:
 * - visible: from sending the finding to the incident being listed by
 *   `GET /api/leak-response/v1/incidents` (a watcher lists the newest
 *   incidents every 100 ms, so this includes up to ~100 ms of polling);
 * - acknowledged: sending to the ingress's 202 (the plugin's ingress
 *   handles the finding before answering, so the incident is committed by
 *   then);
 * - createdAt: the incident's createdAt minus the send time (same clock).
 */
import os from 'node:os';
import { Api } from '../lib/api';
import { BackendProcess, sleep } from '../lib/backendProcess';
import { BUCKETS, s3Finding } from '../lib/findings';
import { SystemHarness } from '../lib/harness';
import { pluginDatabase } from '../lib/postgres';

const minutes = Number(process.env.BENCH_MINUTES ?? 5);
const perMinute = Number(process.env.BENCH_PER_MINUTE ?? 1000);
const updateEvery = Number(process.env.BENCH_UPDATE_EVERY ?? 5);
const port = Number(process.env.BENCH_PORT ?? 7204);
const MAX_IN_FLIGHT = 200;

interface Sent {
  findingId: string;
  revision: string;
  update: boolean;
  sentAt: number;
  ackedAt?: number;
  status?: number;
  error?: string;
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  ];
}

function row(label: string, values: number[]) {
  const f = (v: number) => (Number.isNaN(v) ? '-' : `${Math.round(v)} ms`);
  return `${label.padEnd(34)} n=${String(values.length).padEnd(6)} median ${f(
    percentile(values, 50),
  ).padEnd(9)} p99 ${f(percentile(values, 99)).padEnd(9)} max ${f(
    Math.max(...values),
  )}`;
}

async function main() {
  if (!(minutes > 0 && minutes <= 10 && perMinute > 0 && perMinute <= 5000)) {
    throw new Error(
      'BENCH_MINUTES must be in (0, 10], BENCH_PER_MINUTE in (0, 5000]',
    );
  }
  const harness = new SystemHarness('bench');
  const backend: BackendProcess = harness.replica('bench', port);
  const stopOnSignal = () => {
    harness.close().finally(() => process.exit(130));
  };
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  try {
    process.stdout.write(
      `starting a backend on 127.0.0.1:${port} (PostgreSQL, databases ${harness.prefix}*)\n`,
    );
    await backend.start();
    const api: Api = harness.api(backend);

    const total = Math.round(minutes * perMinute);
    const intervalMs = 60_000 / perMinute;
    const sent: Sent[] = [];
    const fresh: Array<{
      findingId: string;
      bucket: string;
      firstSeenAt: string;
      updates: number;
    }> = [];
    const sentAtByTitle = new Map<string, number>();
    const visibleAt = new Map<string, number>();
    let inFlight = 0;
    let maxInFlight = 0;
    let done = false;

    // the watcher: lists the newest incidents every 100 ms
    const watcher = (async () => {
      while (!done) {
        const page = await api
          .request(
            'GET',
            '/v1/incidents?limit=200&orderBy=createdAt&order=desc',
          )
          .catch(() => undefined);
        const now = Date.now();
        for (const item of page?.body?.items ?? []) {
          if (!visibleAt.has(item.title)) visibleAt.set(item.title, now);
        }
        await sleep(100);
      }
    })();

    process.stdout.write(
      `sending ${total} findings over ${minutes} min (${perMinute}/min, every ${updateEvery}th an update)\n`,
    );
    const loadAtStart = os.loadavg()[0];
    const started = Date.now();
    const pending: Promise<void>[] = [];
    for (let i = 0; i < total; i++) {
      const due = started + i * intervalMs;
      const wait = due - Date.now();
      if (wait > 0) await sleep(wait);
      while (inFlight >= MAX_IN_FLIGHT) await sleep(5);
      let event;
      let record: Sent;
      const now = new Date();
      if (i % updateEvery === updateEvery - 1 && fresh.length > 0) {
        const earlier = fresh[(i * 7919) % fresh.length];
        earlier.updates++;
        const revision = new Date(
          now.getTime() + earlier.updates,
        ).toISOString();
        event = s3Finding({
          ...earlier,
          updatedAt: revision,
          title: `bench ${earlier.findingId}`,
          severity: 9,
        });
        record = {
          findingId: earlier.findingId,
          revision,
          update: true,
          sentAt: Date.now(),
        };
      } else {
        const finding = {
          findingId: `bench-${i}`,
          bucket: BUCKETS[i % BUCKETS.length],
          firstSeenAt: new Date(now.getTime() - 60_000).toISOString(),
          updates: 0,
        };
        fresh.push(finding);
        const revision = now.toISOString();
        event = s3Finding({
          ...finding,
          updatedAt: revision,
          title: `bench ${finding.findingId}`,
        });
        record = {
          findingId: finding.findingId,
          revision,
          update: false,
          sentAt: Date.now(),
        };
        sentAtByTitle.set(`bench ${finding.findingId}`, record.sentAt);
      }
      sent.push(record);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      pending.push(
        api
          .ingest(event)
          .then(status => {
            record.status = status;
            record.ackedAt = Date.now();
          })
          .catch(error => {
            record.error = String(error?.cause?.code ?? error);
          })
          .finally(() => {
            inFlight--;
          }),
      );
      if (i > 0 && i % perMinute === 0) {
        process.stdout.write(
          `  ${i} sent after ${Math.round(
            (Date.now() - started) / 1000,
          )} s, ${inFlight} in flight\n`,
        );
      }
    }
    await Promise.all(pending);
    const sendSeconds = (Date.now() - started) / 1000;
    // let the watcher see the last ones
    const settleUntil = Date.now() + 10_000;
    while (Date.now() < settleUntil && visibleAt.size < fresh.length)
      await sleep(200);
    done = true;
    await watcher;

    // what the database holds
    const db = pluginDatabase(harness.prefix, 'leak-response');
    const ids = fresh.map(f => f.findingId);
    const incidents: Array<{
      source_ref: string;
      id: string;
      created_at: Date;
    }> = [];
    for (let k = 0; k < ids.length; k += 1000) {
      incidents.push(
        ...(await db('incidents')
          .whereIn('source_ref', ids.slice(k, k + 1000))
          .select('source_ref', 'id', 'created_at')),
      );
    }
    const timelineUpdates = Number(
      (
        await db('incident_timeline')
          .where({ type: 'detection-updated' })
          .count({ n: '*' })
      )[0].n,
    );
    const detectionRows = await db('detections').select(
      'finding_id',
      'revision',
      'outcome',
    );
    await db.destroy();

    const accepted = sent.filter(s => s.status === 202);
    const refused = sent.filter(
      s => s.status !== undefined && s.status !== 202,
    );
    const failed = sent.filter(s => s.error);
    const perRef = new Map<string, number>();
    for (const x of incidents)
      perRef.set(x.source_ref, (perRef.get(x.source_ref) ?? 0) + 1);
    const acceptedNew = accepted.filter(s => !s.update);
    const acceptedUpdates = accepted.filter(s => s.update);
    const lostNew = acceptedNew.filter(s => !perRef.has(s.findingId));
    const duplicates = [...perRef.values()].filter(n => n > 1).length;
    const stored = new Map(
      detectionRows.map(r => [`${r.finding_id}@${r.revision}`, r.outcome]),
    );
    // an update that overtook its finding's first revision opens the incident itself
    const lostUpdates = acceptedUpdates.filter(
      s =>
        !['incident-created', 'incident-updated'].includes(
          stored.get(`${s.findingId}@${s.revision}`) ?? '',
        ),
    );
    const pendingRows = detectionRows.filter(
      r => r.outcome === 'pending',
    ).length;

    const createdAtOf = new Map(
      incidents.map(x => [x.source_ref, new Date(x.created_at).getTime()]),
    );
    const visible: number[] = [];
    const acknowledged: number[] = [];
    const created: number[] = [];
    let notSeenByWatcher = 0;
    for (const s of acceptedNew) {
      acknowledged.push(s.ackedAt! - s.sentAt);
      const seen = visibleAt.get(`bench ${s.findingId}`);
      if (seen === undefined) notSeenByWatcher++;
      else visible.push(seen - s.sentAt);
      const c = createdAtOf.get(s.findingId);
      if (c !== undefined) created.push(c - s.sentAt);
    }
    const updateAcks = acceptedUpdates.map(s => s.ackedAt! - s.sentAt);

    const lines = [
      '',
      `Detection bench: ${sent.length} findings in ${sendSeconds.toFixed(
        1,
      )} s (${Math.round((sent.length / sendSeconds) * 60)}/min), ` +
        `${sent.length - sent.filter(s => s.update).length} new, ${
          sent.filter(s => s.update).length
        } updates; max ${maxInFlight} in flight; ` +
        `load average ${loadAtStart.toFixed(1)} at the start, ${os
          .loadavg()[0]
          .toFixed(1)} at the end (${os.cpus().length} cores)`,
      `accepted (202): ${accepted.length}, refused: ${refused.length}, transport errors: ${failed.length}`,
      `lost: ${lostNew.length} new findings without an incident, ${lostUpdates.length} updates not recorded; ${pendingRows} deliveries left pending`,
      `duplicate incidents: ${duplicates} (incidents ${incidents.length} for ${fresh.length} new findings); detection-updated timeline events ${timelineUpdates} for ${acceptedUpdates.length} updates`,
      row('send → incident visible via API', visible),
      row('send → 202 (incident committed)', acknowledged),
      row('send → incident createdAt', created),
      row('update: send → 202', updateAcks),
      `not seen by the 100 ms watcher (listed later): ${notSeenByWatcher}`,
      `target: median and p99 of send → visible ≤ 1000 ms: ${
        percentile(visible, 50) <= 1000 && percentile(visible, 99) <= 1000
          ? 'met'
          : 'NOT met'
      }`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    if (
      lostNew.length ||
      lostUpdates.length ||
      duplicates ||
      failed.length ||
      refused.length
    ) {
      process.exitCode = 1;
    }
  } finally {
    await harness.close({ graceful: true });
  }
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
