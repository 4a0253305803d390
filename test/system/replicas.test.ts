/*
 * Two backend processes on one PostgreSQL database, as two replicas behind a
 * load balancer: the same finding delivered to both at once opens one
 * incident, and the escalation task, which runs on both, notifies each
 * obligation's threshold exactly once.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  reachedThresholds,
  thresholdKey,
} from '../../plugins/leak-response-backend/src/escalation/thresholds';
import { Api } from './lib/api';
import { BackendProcess } from './lib/backendProcess';
import { BUCKETS, s3Finding } from './lib/findings';
import { eventually, SystemHarness } from './lib/harness';
import { pluginDatabase } from './lib/postgres';

const HOUR = 3_600_000;
const THRESHOLDS = [50, 75, 90];

describe(
  'two replicas on one PostgreSQL database',
  { timeout: 240_000 },
  () => {
    const harness = new SystemHarness('replicas');
    let a: BackendProcess;
    let b: BackendProcess;
    let apiA: Api;
    let apiB: Api;
    const leakResponseDb = () =>
      pluginDatabase(harness.prefix, 'leak-response');
    const notificationsDb = () =>
      pluginDatabase(harness.prefix, 'notifications');

    before(async () => {
      // Every 6 s: past the scheduler's 5 s poll, so either replica may find
      // the task due first (at a cadence under 5 s the replica that ran it
      // last polls first again and keeps winning).
      const escalation = { frequencySeconds: 6 };
      a = harness.replica('replica-a', 7201, { escalation });
      b = harness.replica('replica-b', 7202, { escalation });
      // one after the other: the first creates and migrates the databases
      await a.start();
      await b.start();
      apiA = harness.api(a);
      apiB = harness.api(b);
    });

    after(async () => {
      await harness.close();
    });

    it('opens one incident per finding delivered to both replicas at once, and records each update once', async () => {
      const firstSeenAt = new Date(Date.now() - 2 * HOUR).toISOString();
      const findings = Array.from({ length: 12 }, (_, i) => ({
        findingId: `replicas-${i}`,
        bucket: BUCKETS[i % BUCKETS.length],
        firstSeenAt,
      }));
      const deliverToBoth = async (updatedAt: string) => {
        const statuses = await Promise.all(
          findings.flatMap(f => {
            const event = s3Finding({ ...f, updatedAt });
            return [apiA.ingest(event), apiB.ingest(event)];
          }),
        );
        assert.deepEqual(
          statuses,
          statuses.map(() => 202),
        );
      };
      await deliverToBoth(new Date(Date.now() - HOUR).toISOString());
      // an update of each finding, again to both at once
      await deliverToBoth(new Date().toISOString());

      const db = leakResponseDb();
      try {
        const rows = await db('incidents')
          .whereIn(
            'source_ref',
            findings.map(f => f.findingId),
          )
          .select('id', 'source_ref');
        assert.equal(rows.length, findings.length, 'one incident per finding');
        assert.equal(
          new Set(rows.map(r => r.source_ref)).size,
          findings.length,
        );
        const detections = await db('detections').whereIn(
          'finding_id',
          findings.map(f => f.findingId),
        );
        assert.equal(
          detections.length,
          2 * findings.length,
          'one detection row per finding revision',
        );
        assert.deepEqual(
          detections.filter(d => d.outcome === 'pending'),
          [],
          'no delivery left pending',
        );
        for (const row of rows) {
          const incident = await apiB.incident(row.id);
          assert.equal(incident.status, 200);
          assert.equal(incident.body.status, 'triage');
          assert.equal(incident.body.detectedAt, firstSeenAt);
          const updates = incident.body.timeline.filter(
            e => e.type === 'detection-updated',
          );
          assert.equal(
            updates.length,
            1,
            `incident ${row.id}: one update event for the one update`,
          );
        }
      } finally {
        await db.destroy();
      }
    });

    it('notifies each open obligation at its reached threshold exactly once, with the task running on both replicas', async t => {
      const instanceOf = (replica: BackendProcess) => {
        const match =
          /Deadline escalation scheduled on instance ([0-9a-f-]{36})/.exec(
            replica.log(),
          );
        assert.ok(match, `${replica.name} scheduled the escalation task`);
        return match[1];
      };
      const instances = new Set([instanceOf(a), instanceOf(b)]);
      assert.equal(instances.size, 2);

      const db = leakResponseDb();
      const notifications = notificationsDb();
      const launched: string[] = [];
      try {
        // Waves of incidents whose awareness lies in the past, so that their
        // obligations sit at different thresholds; launched through both
        // replicas, until each replica has sent escalations (bounded).
        const claimedBy = new Set<string>();
        const ages = [40, 56, 66, 100, 24 * 12, 24 * 25];
        for (
          let wave = 0;
          wave < 8 && (wave < 2 || claimedBy.size < 2);
          wave++
        ) {
          const ids: string[] = [];
          for (const [i, age] of ages.entries()) {
            const api = (wave + i) % 2 ? apiA : apiB;
            const res = await api.request('POST', '/v1/incidents', {
              entityRef: 'resource:default/clickstream-2025q3',
              leakType: 'training-data-exposure',
              awareAt: new Date(Date.now() - age * HOUR).toISOString(),
              title: `Escalation wave ${wave}, aware ${age} h ago`,
            });
            assert.equal(res.status, 201, JSON.stringify(res.body));
            ids.push(res.body.id);
          }
          launched.push(...ids);
          await eventually(
            `claims for wave ${wave}`,
            async () => {
              const rows = await db('escalation_claims')
                .whereIn('incident_id', ids)
                .distinct('incident_id');
              return rows.length === ids.length ? rows : undefined;
            },
            60_000,
          );
          for (const row of await db('escalation_claims').whereIn(
            'incident_id',
            ids,
          )) {
            claimedBy.add(row.claimed_by);
          }
        }
        assert.deepEqual(
          [...claimedBy].sort(),
          [...instances].sort(),
          'both replicas ran the task and sent escalations',
        );

        // several more runs on both replicas: nothing may be sent again
        const settle = async () => {
          const sending = await db('escalation_claims')
            .whereIn('incident_id', launched)
            .where({ outcome: 'sending' });
          return sending.length === 0 ? true : undefined;
        };
        await eventually('claims settled', settle, 30_000);
        await new Promise(resolve => setTimeout(resolve, 8_000));

        const now = Date.now();
        const claims = await db('escalation_claims').whereIn(
          'incident_id',
          launched,
        );
        const claimsOf = (obligationId: string) =>
          claims.filter(c => c.obligation_id === obligationId);
        let checked = 0;
        for (const id of launched) {
          const incident = (await apiA.incident(id)).body;
          const awareAt = new Date(incident.awareAt);
          for (const obligation of incident.obligations) {
            const open = [
              'pending',
              'to-be-determined',
              'drafted',
              'approved',
            ].includes(obligation.status);
            if (!open || !obligation.dueAt) {
              assert.deepEqual(
                claimsOf(obligation.id),
                [],
                `${obligation.ruleId}: not open, never escalated`,
              );
              continue;
            }
            const window = {
              startAt: awareAt,
              dueAt: new Date(obligation.dueAt),
            };
            const reached = reachedThresholds(
              window,
              new Date(now),
              THRESHOLDS,
            ).map(thresholdKey);
            // a threshold crossed while the test ran may legitimately have been sent late
            const before = reachedThresholds(
              window,
              new Date(now - 120_000),
              THRESHOLDS,
            ).map(thresholdKey);
            if (reached.join() !== before.join()) continue;
            const mine = claimsOf(obligation.id);
            assert.deepEqual(
              mine.map(c => c.threshold).sort(),
              [...reached].sort(),
              `${obligation.ruleId} of ${id}: one claim per reached threshold`,
            );
            if (reached.length > 0) {
              const latest = mine.find(
                c => c.threshold === reached[reached.length - 1],
              );
              assert.ok(
                latest && ['sent', 'no-recipients'].includes(latest.outcome),
                `${obligation.ruleId}: latest threshold sent`,
              );
              for (const older of mine.filter(c => c !== latest))
                assert.equal(older.outcome, 'superseded');
              checked++;
            }
          }
        }
        assert.ok(
          checked >= launched.length,
          `escalations checked: ${checked}`,
        );

        const sent = claims.filter(c => c.outcome === 'sent');
        assert.ok(sent.length > 0);
        // escalation reminders only: the opening notice of each incident
        // (scope leak-response:opened:<id>) is sent once at launch, unclaimed
        const rows = await notifications('notification')
          .where('origin', 'plugin:leak-response')
          .where('scope', 'like', 'leak-response:escalation:%')
          .select('user', 'scope', 'updated', 'created');
        for (const claim of sent) {
          const scope = `leak-response:escalation:${claim.obligation_id}:${claim.threshold}`;
          const forScope = rows.filter(r => r.scope === scope);
          const users = JSON.parse(claim.recipients);
          assert.ok(
            forScope.length > 0,
            `${scope}: delivered to someone of ${users.join(', ')}`,
          );
          assert.equal(
            new Set(forScope.map(r => r.user)).size,
            forScope.length,
            `${scope}: once per user`,
          );
          // the notifications backend re-sends a scope by updating the row
          assert.deepEqual(
            forScope.filter(r => r.updated !== null),
            [],
            `${scope}: never sent twice`,
          );
        }
        const scopes = new Set(
          sent.map(
            c => `leak-response:escalation:${c.obligation_id}:${c.threshold}`,
          ),
        );
        assert.deepEqual(
          rows.filter(r => !scopes.has(r.scope)),
          [],
          'no notification without a claim',
        );
        const byReplica = [...instances].map(
          i =>
            claims.filter(c => c.claimed_by === i && c.outcome === 'sent')
              .length,
        );
        t.diagnostic(
          `${
            launched.length
          } incidents, ${checked} obligations at a threshold, ${
            sent.length
          } escalations sent (${byReplica.join(' + ')} by replica), ` +
            `${
              claims.filter(c => c.outcome === 'superseded').length
            } superseded, ${rows.length} notifications, 0 sent twice`,
        );
      } finally {
        await db.destroy();
        await notifications.destroy();
      }
    });
  },
);
