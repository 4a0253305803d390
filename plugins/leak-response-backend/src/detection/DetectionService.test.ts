import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { exampleCatalog } from '../plan/__testUtils__/catalogFixtures';
import {
  cloudWatchEndpointAlarm,
  guardDutyCredentialFinding,
  guardDutyS3Finding,
  guardDutyUnmappedFinding,
  macieObjectFinding,
} from './__testUtils__/events';
import { detectionHarness } from './__testUtils__/harness';
import { DETECTION_ACTOR } from './DetectionService';
import { parseDetectionEvent } from './parseDetection';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

/** The example catalog answering "unavailable" until `recover()` is called. */
function unavailableCatalog() {
  const catalog = catalogServiceMock({ entities: exampleCatalog() });
  const getEntities = catalog.getEntities.bind(catalog);
  let failing = true;
  catalog.getEntities = async (...args: Parameters<typeof getEntities>) => {
    if (failing) throw new Error('catalog unavailable');
    return getEntities(...args);
  };
  return {
    catalog,
    recover: () => {
      failing = false;
    },
  };
}

describe.each(databases.eachSupportedId())(
  'DetectionService on %p',
  databaseId => {
    it('opens a triage incident for a GuardDuty finding on a bucket, detected at first sight', async () => {
      const { service, incidentStore } = await detectionHarness(
        await databases.init(databaseId),
      );
      const result = await service.handle(guardDutyS3Finding(), 'aws');
      expect(result).toMatchObject({
        outcome: 'incident-created',
        entityRef: 'resource:default/clickstream-2025q3',
      });
      const incident = await incidentStore.getIncident(
        (result as { incidentId: string }).incidentId,
      );
      expect(incident).toMatchObject({
        status: 'triage',
        leakType: 'training-data-exposure',
        originEntityRef: 'resource:default/clickstream-2025q3',
        severity: 'high',
        exercise: false,
        detectedAt: '2026-11-27T09:41:17.000Z',
        source: 'guardduty',
        sourceRef: 'gd-clickstream-exfil-1',
        createdBy: DETECTION_ACTOR,
      });
      expect(incident!.obligations.length).toBeGreaterThan(0);
    });

    it('adds a timeline event for an update of the same finding and ignores a redelivery', async () => {
      const { service, incidentStore } = await detectionHarness(
        await databases.init(databaseId),
      );
      const first = await service.handle(guardDutyS3Finding());
      const again = await service.handle(guardDutyS3Finding());
      expect(again).toMatchObject({ outcome: 'duplicate' });
      const update = await service.handle(
        guardDutyS3Finding({
          updatedAt: '2026-11-27T10:30:00.000Z',
          severity: 9.5,
        }),
      );
      expect(update).toMatchObject({
        outcome: 'incident-updated',
        incidentId: (first as { incidentId: string }).incidentId,
      });
      const { items } = await incidentStore.listIncidents({});
      expect(items).toHaveLength(1);
      const incident = await incidentStore.getIncident(items[0].id);
      expect(incident!.timeline.map(e => e.type)).toEqual([
        'launched',
        'detection-updated',
      ]);
      expect(incident!.timeline[1].after).toMatchObject({
        revision: '2026-11-27T10:30:00.000Z',
        severity: 'critical',
      });
    });

    it('maps an S3 object to the entity of its prefix, a model ARN to the model, an alarm to the endpoint', async () => {
      const { service } = await detectionHarness(
        await databases.init(databaseId),
      );
      expect(await service.handle(macieObjectFinding())).toMatchObject({
        outcome: 'incident-created',
        entityRef: 'resource:default/recsys-inference-logs',
      });
      expect(await service.handle(guardDutyCredentialFinding())).toMatchObject({
        outcome: 'incident-created',
        entityRef: 'resource:default/recsys-llm-v3',
      });
      expect(await service.handle(cloudWatchEndpointAlarm())).toMatchObject({
        outcome: 'incident-created',
        entityRef: 'resource:default/recsys-endpoint-eu',
      });
    });

    it('keeps and lists an unmapped finding with its ARN, and opens nothing', async () => {
      const { service, store, incidentStore } = await detectionHarness(
        await databases.init(databaseId),
      );
      expect(await service.handle(guardDutyUnmappedFinding())).toMatchObject({
        outcome: 'unmapped',
        resourceArns: ['arn:aws:s3:::someone-elses-bucket'],
      });
      const unmapped = await store.listUnmapped();
      expect(unmapped.totalCount).toBe(1);
      expect(unmapped.items[0]).toMatchObject({
        source: 'guardduty',
        findingId: 'gd-unknown-bucket-1',
        resourceArns: ['arn:aws:s3:::someone-elses-bucket'],
        firstSeenAt: '2026-11-27T08:00:00.000Z',
        outcome: 'unmapped',
      });
      expect((await incidentStore.listIncidents({})).totalCount).toBe(0);
    });

    it('opens one incident when the same finding arrives many times at once', async () => {
      const knex = await databases.init(databaseId);
      // two services on one database, as two replicas would be
      const a = await detectionHarness(knex);
      const b = await detectionHarness(knex);
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          (i % 2 ? a : b).service.handle(
            guardDutyS3Finding({ updatedAt: `2026-11-27T10:0${i}:00.000Z` }),
          ),
        ),
      );
      const outcomes = results.map(r => r.outcome).sort();
      expect(outcomes.filter(o => o === 'incident-created')).toHaveLength(1);
      expect(outcomes.filter(o => o === 'incident-updated')).toHaveLength(7);
      const { items } = await a.incidentStore.listIncidents({});
      expect(items).toHaveLength(1);
      const incident = await a.incidentStore.getIncident(items[0].id);
      expect(
        incident!.timeline.filter(e => e.type === 'detection-updated'),
      ).toHaveLength(7);
    });

    it('retries a delivery whose first attempt failed, once it is stale', async () => {
      const knex = await databases.init(databaseId);
      const { catalog: flaky, recover } = unavailableCatalog();
      let now = new Date('2026-11-27T12:00:00Z');
      const { service } = await detectionHarness(knex, {
        catalog: flaky,
        clock: () => now,
      });
      expect(await service.handle(guardDutyS3Finding())).toEqual({
        outcome: 'failed',
        reason: 'Error: catalog unavailable',
      });
      recover();
      // the redelivery while the first attempt may still be running is skipped
      expect(await service.handle(guardDutyS3Finding())).toMatchObject({
        outcome: 'duplicate',
      });
      now = new Date('2026-11-27T12:05:00Z');
      expect(await service.handle(guardDutyS3Finding())).toMatchObject({
        outcome: 'incident-created',
      });
    });

    it('keeps a finding the database could not record and records it once the database is back', async () => {
      const knex = await databases.init(databaseId);
      const { service, store, incidentStore, logger } = await detectionHarness(
        knex,
        { unrecordedRetry: { initialDelayMs: 20, maxDelayMs: 50 } },
      );
      const claim = store.claim.bind(store);
      let outage = 3;
      store.claim = async (...args: Parameters<typeof claim>) => {
        if (outage > 0) {
          outage--;
          throw new Error('connection refused');
        }
        return claim(...args);
      };
      const first = await service.handle(guardDutyS3Finding());
      expect(first).toEqual({
        outcome: 'failed',
        reason: 'Error: connection refused (not recorded; retried in 20 ms)',
      });
      expect(service.unrecordedCount).toBe(1);

      // Two more failures (40 ms, then 50 ms: the longest delay), then recorded.
      const deadline = Date.now() + 10_000;
      let incidents = await incidentStore.listIncidents({});
      while (incidents.items.length === 0 && Date.now() < deadline) {
        await new Promise(resolve => setTimeout(resolve, 20));
        incidents = await incidentStore.listIncidents({});
      }
      expect(incidents.items).toHaveLength(1);
      expect(
        await incidentStore.getIncident(incidents.items[0].id),
      ).toMatchObject({
        status: 'triage',
        source: 'guardduty',
        sourceRef: 'gd-clickstream-exfil-1',
        detectedAt: '2026-11-27T09:41:17.000Z',
      });
      expect(service.unrecordedCount).toBe(0);
      expect(outage).toBe(0);
      const held = (logger.error as jest.Mock).mock.calls
        .map(([message]) => message as string)
        .filter(m => m.includes('could not be recorded'));
      expect(held.map(m => m.match(/tried again in (\d+) ms/)?.[1])).toEqual([
        '20',
        '40',
        '50',
      ]);
      // The same finding delivered again now is a duplicate, not a second incident.
      expect(await service.handle(guardDutyS3Finding())).toMatchObject({
        outcome: 'duplicate',
      });
    });

    it('gives up the oldest held finding beyond the limit, naming it in the log, and stops at shutdown', async () => {
      const knex = await databases.init(databaseId);
      const { service, store, logger } = await detectionHarness(knex, {
        unrecordedRetry: { initialDelayMs: 60_000, maxHeld: 1 },
      });
      store.claim = async () => {
        throw new Error('connection refused');
      };
      await service.handle(guardDutyS3Finding());
      await service.handle(macieObjectFinding());
      expect(service.unrecordedCount).toBe(1);
      const errors = () =>
        (logger.error as jest.Mock).mock.calls.map(([m]) => m as string);
      expect(errors().filter(m => m.startsWith('Gave up detection'))).toEqual([
        expect.stringContaining(
          'Gave up detection guardduty/gd-clickstream-exfil-1 revision',
        ),
      ]);
      service.stop();
      expect(service.unrecordedCount).toBe(0);
      expect(
        errors().filter(m => m.includes('was never recorded')),
      ).toHaveLength(1);
    });

    it('retries a finding that keeps failing ever less often, and never gives it up', async () => {
      const knex = await databases.init(databaseId);
      const { catalog: flaky, recover } = unavailableCatalog();
      const start = Date.parse('2026-11-27T12:00:00Z');
      let now = new Date(start);
      const at = (minutes: number) => {
        now = new Date(start + minutes * 60_000);
      };
      const { service } = await detectionHarness(knex, {
        catalog: flaky,
        clock: () => now,
      });
      expect(await service.handle(guardDutyS3Finding())).toMatchObject({
        outcome: 'failed',
      });
      // retryAfter is 2 minutes: the first retry once the delivery is older
      // than that (minute 3 here), then 4, 8, 16, 32 minutes after each
      // attempt (retryAfter × 2^n), capped at an hour.
      const retriedAt: number[] = [];
      const outcomes = new Set<string>();
      for (let minute = 1; minute <= 150; minute++) {
        at(minute);
        const results = await service.retryStale();
        if (results.length > 0) retriedAt.push(minute);
        results.forEach(r => outcomes.add(JSON.stringify(r)));
      }
      expect([...outcomes]).toEqual([
        JSON.stringify({
          outcome: 'failed',
          reason: 'Error: catalog unavailable',
        }),
      ]);
      expect(retriedAt).toEqual([3, 7, 15, 31, 63, 123]);
      recover();
      at(182);
      expect(await service.retryStale()).toEqual([]);
      at(183);
      expect(await service.retryStale()).toEqual([
        expect.objectContaining({ outcome: 'incident-created' }),
      ]);
      expect(await service.retryStale()).toEqual([]);
    });

    it('records an update on the known incident without mapping or planning again', async () => {
      const catalog = catalogServiceMock({ entities: exampleCatalog() });
      const getEntities = catalog.getEntities.bind(catalog);
      let catalogCalls = 0;
      catalog.getEntities = async (...args: Parameters<typeof getEntities>) => {
        catalogCalls++;
        return getEntities(...args);
      };
      const { service, incidentStore } = await detectionHarness(
        await databases.init(databaseId),
        { catalog },
      );
      const first = await service.handle(guardDutyS3Finding());
      const callsToOpen = catalogCalls;
      expect(callsToOpen).toBeGreaterThan(0);
      const update = await service.handle(
        guardDutyS3Finding({ updatedAt: '2026-11-27T11:00:00.000Z' }),
      );
      expect(update).toMatchObject({
        outcome: 'incident-updated',
        incidentId: (first as { incidentId: string }).incidentId,
        entityRef: 'resource:default/clickstream-2025q3',
      });
      expect(catalogCalls).toBe(callsToOpen);
      const incident = await incidentStore.getIncident(
        (first as { incidentId: string }).incidentId,
      );
      expect(incident!.timeline.at(-1)).toMatchObject({
        type: 'detection-updated',
        after: {
          revision: '2026-11-27T11:00:00.000Z',
          resourceArn: 'arn:aws:s3:::shopwise-ml-clickstream-2025q3',
        },
      });
    });

    it('handles again, once, a delivery a crash left pending', async () => {
      const knex = await databases.init(databaseId);
      let now = new Date('2026-11-27T12:00:00Z');
      const clock = () => now;
      const a = await detectionHarness(knex, { clock });
      const b = await detectionHarness(knex, { clock });
      // what a replica killed between recording and settling leaves behind
      const parsed = parseDetectionEvent(guardDutyS3Finding());
      if (!parsed.ok) throw new Error(parsed.reason);
      await a.store.claim(parsed.detection, now);
      expect(await a.service.retryStale()).toEqual([]);
      // the redelivery meanwhile is taken for one in progress
      expect(await a.service.handle(guardDutyS3Finding())).toMatchObject({
        outcome: 'duplicate',
      });
      now = new Date('2026-11-27T12:02:01Z');
      const [fromA, fromB] = await Promise.all([
        a.service.retryStale(),
        b.service.retryStale(),
      ]);
      expect([...fromA, ...fromB]).toEqual([
        expect.objectContaining({
          outcome: 'incident-created',
          entityRef: 'resource:default/clickstream-2025q3',
        }),
      ]);
      const { items } = await a.incidentStore.listIncidents({});
      expect(items).toHaveLength(1);
      expect(await a.incidentStore.getIncident(items[0].id)).toMatchObject({
        detectedAt: '2026-11-27T09:41:17.000Z',
        sourceRef: 'gd-clickstream-exfil-1',
      });
      now = new Date('2026-11-27T12:10:00Z');
      expect(await a.service.retryStale()).toEqual([]);
    });

    it('records an auditor event for each incident it opens or updates and each unmapped finding', async () => {
      const events: Array<{ options: any; result?: any }> = [];
      const auditor = mockServices.auditor.mock({
        createEvent: async options => {
          const entry: { options: any; result?: any } = { options };
          events.push(entry);
          return {
            success: async (o?: any) => {
              entry.result = { ok: true, ...o };
            },
            fail: async (o: any) => {
              entry.result = { ok: false, error: o.error.message };
            },
          };
        },
      });
      const { service } = await detectionHarness(
        await databases.init(databaseId),
        {
          auditor,
        },
      );
      const created = await service.handle(
        guardDutyS3Finding(),
        'aws-findings',
      );
      await service.handle(
        guardDutyS3Finding({ updatedAt: '2026-11-27T10:30:00.000Z' }),
      );
      await service.handle(guardDutyUnmappedFinding());
      await service.handle({ not: 'an event' });
      expect(
        events.map(e => [
          e.options.eventId,
          e.options.severityLevel,
          e.result?.meta?.outcome,
        ]),
      ).toEqual([
        ['detection', 'medium', 'incident-created'],
        ['detection', 'medium', 'incident-updated'],
        ['detection', 'medium', 'unmapped'],
      ]);
      expect(events[0].options.meta).toMatchObject({
        topic: 'aws-findings',
        source: 'guardduty',
        findingId: 'gd-clickstream-exfil-1',
      });
      expect(events[0].result).toMatchObject({
        ok: true,
        meta: {
          incidentId: (created as { incidentId: string }).incidentId,
          entityRef: 'resource:default/clickstream-2025q3',
        },
      });
      expect(events[1].result.meta.incidentId).toBe(
        events[0].result.meta.incidentId,
      );
      expect(events[2].options.meta.resourceArns).toEqual([
        'arn:aws:s3:::someone-elses-bucket',
      ]);
    });

    it('records a failed auditor event when a finding cannot be handled', async () => {
      const fails: string[] = [];
      const auditor = mockServices.auditor.mock({
        createEvent: async () => ({
          success: async () => {},
          fail: async (o: any) => {
            fails.push(o.error.message);
          },
        }),
      });
      const broken = catalogServiceMock({ entities: exampleCatalog() });
      broken.getEntities = async () => {
        throw new Error('catalog unavailable');
      };
      const { service } = await detectionHarness(
        await databases.init(databaseId),
        {
          catalog: broken,
          auditor,
        },
      );
      expect(await service.handle(guardDutyS3Finding())).toMatchObject({
        outcome: 'failed',
      });
      expect(fails).toEqual(['catalog unavailable']);
    });
  },
);
