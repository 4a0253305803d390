/*
 * Every value the parser accepts fits the column it is stored in: a finding
 * id AWS could not have sent is refused once with its reason, the keys the
 * parser composes are hashed, text loses what PostgreSQL cannot hold. A
 * value the database still refuses is rejected once, never held or retried.
 * PostgreSQL enforces the lengths; SQLite runs the same cases.
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import {
  cloudWatchEndpointAlarm,
  guardDutyS3Finding,
} from './__testUtils__/events';
import { detectionHarness } from './__testUtils__/harness';
import { DETECTION_COLUMN_LIMITS } from './limits';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const postgres = TestDatabases.create({ ids: ['POSTGRES_15'] });

function withDetail(detail: Record<string, unknown>, event = {}) {
  const base = guardDutyS3Finding();
  return { ...base, ...event, detail: { ...base.detail, ...detail } };
}

describe.each(databases.eachSupportedId())(
  'finding values and their columns on %p',
  databaseId => {
    it('refuses once, with its reason, a finding id longer than its column', async () => {
      const { service, store, logger } = await detectionHarness(
        await databases.init(databaseId),
      );
      const id = `gd-${'x'.repeat(600)}`;
      const result = await service.handle(withDetail({ id }), 'aws');
      expect(result).toEqual({
        outcome: 'ignored',
        reason: `guardduty finding: detail.id is ${id.length} characters, more than the 512 a finding id is stored with`,
      });
      expect(service.unrecordedCount).toBe(0);
      expect(await store.listForFinding('guardduty', id)).toEqual([]);
      expect(logger.info).toHaveBeenCalledWith(
        expect.stringContaining('detail.id is 603 characters'),
        expect.anything(),
      );
    });

    it('stores a revision from a long event id as its hash, and knows it again', async () => {
      const { service, store } = await detectionHarness(
        await databases.init(databaseId),
      );
      const event = withDetail(
        { updatedAt: undefined },
        { id: `evt-${'r'.repeat(400)}` },
      );
      expect((await service.handle(event)).outcome).toBe('incident-created');
      expect((await service.handle(event)).outcome).toBe('duplicate');
      const [row] = await store.listForFinding(
        'guardduty',
        'gd-clickstream-exfil-1',
      );
      expect(row.revision).toMatch(/^sha256:[0-9a-f]{64}$/);
    });

    it('hashes a CloudWatch alarm episode whose alarm ARN is very long', async () => {
      const { service, store, incidentStore } = await detectionHarness(
        await databases.init(databaseId),
      );
      const alarm = cloudWatchEndpointAlarm();
      const arn = `arn:aws:cloudwatch:eu-west-1:111122223333:alarm:${'a'.repeat(
        700,
      )}`;
      const event = { ...alarm, resources: [arn] };
      const first = await service.handle(event);
      expect(first.outcome).toBe('incident-created');
      expect((await service.handle(event)).outcome).toBe('duplicate');
      const incident = await incidentStore.getIncident(
        (first as { incidentId: string }).incidentId,
      );
      expect(incident!.sourceRef).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(
        await store.listForFinding('cloudwatch', incident!.sourceRef!),
      ).toHaveLength(1);
    });

    it('drops NUL characters that PostgreSQL text cannot hold and cuts the title to its column', async () => {
      const { service, incidentStore, store } = await detectionHarness(
        await databases.init(databaseId),
      );
      const result = await service.handle(
        withDetail({
          title: `Anomalous\u0000 reads ${'t'.repeat(900)}`,
          type: 'Exfiltration:S3/\u0000AnomalousBehavior',
        }),
      );
      expect(result.outcome).toBe('incident-created');
      const incident = await incidentStore.getIncident(
        (result as { incidentId: string }).incidentId,
      );
      expect(incident!.title.startsWith('Anomalous reads tttt')).toBe(true);
      const [row] = await store.listForFinding(
        'guardduty',
        'gd-clickstream-exfil-1',
      );
      expect(row.title).toHaveLength(DETECTION_COLUMN_LIMITS.title);
      expect(row.findingType).toBe('Exfiltration:S3/AnomalousBehavior');
    });
  },
);

describe.each(postgres.eachSupportedId())(
  'a value the database refuses on %p',
  databaseId => {
    it('is rejected once with its reason, neither held in memory nor retried', async () => {
      const knex = await postgres.init(databaseId);
      const { service, store, logger } = await detectionHarness(knex);
      // a narrower column than the parser knows: the database refuses it
      await knex.raw(
        'alter table detections alter column finding_type type varchar(8)',
      );
      const result = await service.handle(guardDutyS3Finding());
      expect(result).toMatchObject({ outcome: 'rejected' });
      expect((result as { reason: string }).reason).toMatch(
        /value too long for type character varying\(8\)/,
      );
      expect(service.unrecordedCount).toBe(0);
      expect(
        await store.listStale({
          now: new Date('2100-01-01T00:00:00Z'),
          staleBefore: new Date('2100-01-01T00:00:00Z'),
        }),
      ).toEqual([]);
      expect(logger.error).toHaveBeenCalledTimes(1);
      expect(logger.error).toHaveBeenCalledWith(
        expect.stringContaining('rejected: the database refused its values'),
        expect.anything(),
      );
    });
  },
);
