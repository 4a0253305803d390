/*
 * Fuzz of the subscriber end to end, on SQLite and PostgreSQL: 1,000
 * generated bad or mutated events through DetectionService.handle (the
 * events subscriber's handler). It never throws and never fails; what it
 * ignores it logs with the reason; whatever it opens is a valid incident.
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import fc from 'fast-check';
import { mutate, VALID_EVENTS } from './__testUtils__/fuzz';
import { detectionHarness } from './__testUtils__/harness';

jest.setTimeout(180_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'DetectionService fuzz on %p',
  databaseId => {
    it('handles 1,000 generated bad events: no throw, no failure, every ignored one logged with its reason', async () => {
      const { service, incidentStore, logger } = await detectionHarness(
        await databases.init(databaseId),
      );
      const payloads = fc.sample(
        fc.oneof(
          fc.jsonValue(),
          fc.string(),
          fc.record({
            source: fc.constantFrom(
              'aws.guardduty',
              'aws.macie',
              'aws.cloudwatch',
              'aws.s3',
            ),
            'detail-type': fc.constantFrom(
              'GuardDuty Finding',
              'Macie Finding',
              'CloudWatch Alarm State Change',
              'Object Created',
            ),
            detail: fc.dictionary(fc.string(), fc.jsonValue()),
          }),
          fc
            .tuple(
              fc.constantFrom(...VALID_EVENTS),
              fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
              fc.oneof(
                fc.jsonValue(),
                fc.constant(null),
                fc.string({ minLength: 3000, maxLength: 3100 }),
                fc.constant('1969-01-01T00:00:00Z'),
              ),
            )
            .map(([event, path, value]) => mutate(event, path, value)),
        ),
        { numRuns: 1000, seed: 11 },
      );
      const outcomes = new Map<string, number>();
      const failures: string[] = [];
      const unlogged: string[] = [];
      for (const payload of payloads) {
        const result = await service.handle(payload, 'fuzz');
        outcomes.set(result.outcome, (outcomes.get(result.outcome) ?? 0) + 1);
        if (result.outcome === 'failed') {
          failures.push(
            `${result.reason} for ${JSON.stringify(payload).slice(0, 300)}`,
          );
        }
        if (result.outcome === 'ignored') {
          const last = logger.info.mock.calls.at(-1);
          const logged =
            result.reason.length > 0 &&
            last?.[0] === `Ignored event on topic fuzz: ${result.reason}` &&
            (last?.[1] as { reason?: string } | undefined)?.reason ===
              result.reason;
          if (!logged) unlogged.push(result.reason);
        }
      }
      expect(failures).toEqual([]);
      expect(unlogged).toEqual([]);
      expect([...outcomes.values()].reduce((a, b) => a + b, 0)).toBe(1000);
      expect(outcomes.get('failed')).toBeUndefined();
      expect(outcomes.get('ignored')).toBeGreaterThan(500);
      // mutations that leave a valid finding open (or update) incidents of known entities only
      const { items } = await incidentStore.listIncidents({ limit: 500 });
      for (const incident of items) {
        expect(incident.status).toBe('triage');
        expect(incident.originEntityRef).toMatch(/^resource:default\//);
      }
      expect(logger.error).not.toHaveBeenCalled();
    });
  },
);
