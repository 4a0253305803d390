/*
 * A claim left `sending` (its replica crashed between claiming and
 * sending, or could not give it back) is taken over once it is older than
 * `claimTimeout`, and the reminder goes out with the same scope, so a
 * resend is at most a duplicate of that reminder. On SQLite and PostgreSQL.
 */
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { DatabaseIncidentStore } from '../database/DatabaseIncidentStore';
import { EscalationStore } from './EscalationStore';
import { EscalationService, readEscalationConfig } from './EscalationService';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const AWARE = new Date('2026-11-20T09:00:00.000Z');
const at = (hours: number, minutes = 0) =>
  new Date(AWARE.getTime() + hours * 3_600_000 + minutes * 60_000);

describe.each(databases.eachSupportedId())(
  'escalation claims left sending on %p',
  databaseId => {
    it('takes over a claim left sending after claimTimeout and sends the same reminder', async () => {
      const database = { getClient: async () => databases.init(databaseId) };
      const incidents = await DatabaseIncidentStore.create({ database });
      const claims = await EscalationStore.create({ database });
      const sent: NotificationSendOptions[] = [];
      let now = AWARE;
      const replica = (instanceId: string, config: object = {}) =>
        EscalationService.create({
          incidents,
          claims,
          notifications: {
            send: async (n: NotificationSendOptions) => {
              sent.push(n);
            },
          },
          logger: mockServices.logger.mock(),
          options: readEscalationConfig(
            new ConfigReader({ leakResponse: { escalation: config } }),
          ),
          instanceId,
          clock: () => now,
        });
      const { incident: created } = await incidents.createIncident({
        title: 'Clickstream bucket readable from the internet',
        leakType: 'training-data-exposure',
        originEntityRef: 'resource:default/clickstream-2025q3',
        severity: 'high',
        exercise: false,
        awareAt: AWARE,
        createdBy: 'user:default/noah.fischer',
        tasks: [
          {
            position: 1,
            stepId: 'notify',
            title: 'Notify',
            responsible: ['user:default/aisha.khan'],
            accountable: 'group:default/dpo-office',
          },
        ],
        obligations: [
          {
            ruleId: 'gdpr33',
            regime: 'GDPR',
            recipient: 'Lead supervisory authority',
            stage: 'notification',
            status: 'pending',
            dueAt: at(72).toISOString(),
            evaluation: { status: 'applies' },
          },
        ],
        timeline: [{ type: 'launched', message: 'launched' }],
      });
      const obligation = created.obligations[0];

      // A replica claimed the 50% reminder at 40 h and died before sending.
      expect(
        await claims.claim({
          obligationId: obligation.id,
          incidentId: created.id,
          threshold: '50',
          claimedBy: 'crashed-replica',
          now: at(40),
        }),
      ).toBe(true);

      // Within the default 10 minutes the claim is still its owner's.
      now = at(40, 9);
      expect((await replica('b').runOnce()).sent).toEqual([]);
      expect(sent).toEqual([]);

      now = at(40, 11);
      expect((await replica('b').runOnce()).sent).toEqual([
        {
          incidentId: created.id,
          obligationId: obligation.id,
          threshold: '50',
          recipients: ['group:default/dpo-office', 'user:default/aisha.khan'],
        },
      ]);
      expect(sent).toHaveLength(1);
      expect(sent[0].payload.scope).toBe(
        `leak-response:escalation:${obligation.id}:50`,
      );
      expect(await claims.listClaims({ incidentId: created.id })).toEqual([
        expect.objectContaining({
          threshold: '50',
          outcome: 'sent',
          claimedBy: 'b',
          claimedAt: at(40, 11).toISOString(),
        }),
      ]);
      // settled: nobody takes it over again
      now = at(41);
      expect((await replica('c').runOnce()).sent).toEqual([]);
      expect(sent).toHaveLength(1);
    });

    it('honours a configured claimTimeout, and only one of two replicas takes over', async () => {
      const database = { getClient: async () => databases.init(databaseId) };
      const claims = await EscalationStore.create({ database });
      const claim = (claimedBy: string, now: Date, sendingSince?: Date) =>
        claims.claim({
          obligationId: '6f0a3c1e-0000-4000-8000-000000000001',
          incidentId: '6f0a3c1e-0000-4000-8000-000000000002',
          threshold: '75',
          claimedBy,
          now,
          sendingSince,
        });
      expect(await claim('crashed', at(10))).toBe(true);
      expect(await claim('a', at(10, 1))).toBe(false);
      const timeout = readEscalationConfig(
        new ConfigReader({
          leakResponse: { escalation: { claimTimeout: { minutes: 2 } } },
        }),
      ).claimTimeoutMs;
      expect(timeout).toBe(120_000);
      const since = new Date(at(10, 3).getTime() - timeout);
      const [a, b] = await Promise.all([
        claim('a', at(10, 3), since),
        claim('b', at(10, 3), since),
      ]);
      expect([a, b].filter(Boolean)).toHaveLength(1);
    });
  },
);
