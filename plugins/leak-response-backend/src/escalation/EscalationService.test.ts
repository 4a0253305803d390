import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { Knex } from 'knex';
import { DatabaseIncidentStore } from '../database/DatabaseIncidentStore';
import { NewIncident } from '../database/IncidentStore';
import { EscalationStore } from './EscalationStore';
import { EscalationService, readEscalationConfig } from './EscalationService';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const AWARE = new Date('2026-11-20T09:00:00.000Z');
const hours = (h: number) => new Date(AWARE.getTime() + h * 3_600_000);

function incident(overrides: Partial<NewIncident> = {}): NewIncident {
  return {
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
        stepId: 'contain',
        title: 'Block public access',
        responsible: ['group:default/ml-platform'],
        accountable: 'group:default/security-ir',
      },
      {
        position: 2,
        stepId: 'decide-notifications',
        title: 'Decide and draft the notifications',
        responsible: ['group:default/dpo-office', 'role:legal'],
        accountable: 'group:default/dpo-office',
      },
      {
        position: 3,
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
        dueAt: hours(72).toISOString(),
        evaluation: { status: 'applies' },
      },
      {
        ruleId: 'done',
        regime: 'UK GDPR',
        recipient: 'ICO',
        stage: 'notification',
        status: 'submitted',
        dueAt: hours(72).toISOString(),
        evaluation: { status: 'applies' },
      },
      {
        ruleId: 'ccpa',
        regime: 'US-CA',
        recipient: 'Individuals',
        stage: 'notification',
        status: 'pending',
        dueText: 'in the most expedient time possible',
        evaluation: { status: 'applies' },
      },
    ],
    timeline: [{ type: 'launched', message: 'launched' }],
    ...overrides,
  };
}

async function setup(
  knex: Knex,
  config: object = {
    leakResponse: { escalation: { alsoNotify: ['group:default/ciso'] } },
  },
) {
  const database = { getClient: async () => knex };
  const incidents = await DatabaseIncidentStore.create({ database });
  const claims = await EscalationStore.create({ database });
  const sent: NotificationSendOptions[] = [];
  const notifications = {
    send: jest.fn(async (n: NotificationSendOptions) => {
      sent.push(n);
    }),
  };
  let now = AWARE;
  const replica = (instanceId: string) =>
    EscalationService.create({
      incidents,
      claims,
      notifications,
      logger: mockServices.logger.mock(),
      options: readEscalationConfig(new ConfigReader(config)),
      instanceId,
      clock: () => now,
    });
  return {
    incidents,
    claims,
    sent,
    notifications,
    replica,
    setNow: (date: Date) => {
      now = date;
    },
  };
}

describe.each(databases.eachSupportedId())(
  'EscalationService on %p',
  databaseId => {
    it('notifies the accountable and responsible people once per threshold, the latest one after a gap', async () => {
      const env = await setup(await databases.init(databaseId));
      const { incident: created } = await env.incidents.createIncident(
        incident(),
      );
      const gdpr33 = created.obligations.find(o => o.ruleId === 'gdpr33')!;
      const service = env.replica('a');

      env.setNow(hours(35));
      expect((await service.runOnce()).sent).toEqual([]);

      env.setNow(hours(40));
      expect((await service.runOnce()).sent).toEqual([
        {
          incidentId: created.id,
          obligationId: gdpr33.id,
          threshold: '50',
          recipients: [
            'group:default/dpo-office',
            'user:default/aisha.khan',
            'group:default/ciso',
          ],
        },
      ]);
      expect((await service.runOnce()).sent).toEqual([]);

      // 75% and 90% both passed while nothing ran: one notification, for 90%
      env.setNow(hours(70));
      const late = await service.runOnce();
      expect(late.sent.map(s => s.threshold)).toEqual(['90']);
      expect(late.superseded).toBe(1);

      env.setNow(hours(73));
      expect((await service.runOnce()).sent.map(s => s.threshold)).toEqual([
        'overdue',
      ]);

      expect(env.sent.map(n => [n.payload.title, n.payload.severity])).toEqual([
        [
          'GDPR: notice to Lead supervisory authority has used 50% of its window',
          'normal',
        ],
        [
          'GDPR: notice to Lead supervisory authority has used 90% of its window',
          'high',
        ],
        ['GDPR: notice to Lead supervisory authority is overdue', 'critical'],
      ]);
      expect(env.sent[0].payload.link).toBe(
        `/leak-response/incidents/${created.id}`,
      );
      expect(
        (await env.claims.listClaims()).map(c => [c.threshold, c.outcome]),
      ).toEqual([
        ['50', 'sent'],
        ['75', 'superseded'],
        ['90', 'sent'],
        ['overdue', 'sent'],
      ]);
    });

    it('sends each threshold once when several replicas run at the same time', async () => {
      const env = await setup(await databases.init(databaseId));
      for (let i = 0; i < 5; i++) {
        await env.incidents.createIncident(
          incident({ title: `incident ${i}` }),
        );
      }
      env.setNow(hours(73));
      const replicas = ['a', 'b', 'c', 'd'].map(env.replica);
      await Promise.all(replicas.map(r => r.runOnce()));
      await Promise.all(replicas.map(r => r.runOnce()));
      // 5 incidents × 1 open obligation with a due time: one overdue notice each
      expect(env.sent).toHaveLength(5);
      expect(new Set(env.sent.map(n => n.payload.scope)).size).toBe(5);
      const claims = await env.claims.listClaims();
      expect(claims.filter(c => c.outcome === 'sent')).toHaveLength(5);
      expect(claims.filter(c => c.outcome === 'superseded')).toHaveLength(15);
    });

    it('keeps exercises among their participants', async () => {
      const env = await setup(await databases.init(databaseId));
      await env.incidents.createIncident(incident({ exercise: true }));
      env.setNow(hours(40));
      const { sent } = await env.replica('a').runOnce();
      expect(sent[0].recipients).toEqual([
        'group:default/dpo-office',
        'user:default/aisha.khan',
      ]);
      expect(env.sent[0].payload.title).toMatch(/^\[Exercise\] /);
    });

    it('skips closed incidents, handled obligations and obligations without a due time', async () => {
      const env = await setup(await databases.init(databaseId));
      const { incident: created } = await env.incidents.createIncident(
        incident(),
      );
      await env.incidents.updateIncident(created.id, 'user:default/x', () => ({
        incident: { status: 'closed' },
        timeline: [{ type: 'status-changed', message: 'closed' }],
      }));
      env.setNow(hours(100));
      expect(await env.replica('a').runOnce()).toMatchObject({
        checked: 0,
        sent: [],
      });
    });

    it('gives the claim back when sending fails, and sends on the next run', async () => {
      const env = await setup(await databases.init(databaseId));
      await env.incidents.createIncident(incident());
      env.setNow(hours(40));
      env.notifications.send.mockRejectedValueOnce(
        new Error('notifications backend down'),
      );
      const service = env.replica('a');
      expect(await service.runOnce()).toMatchObject({ sent: [], failed: 1 });
      expect(await env.claims.listClaims()).toEqual([]);
      expect((await service.runOnce()).sent.map(s => s.threshold)).toEqual([
        '50',
      ]);
    });
  },
);

describe('readEscalationConfig', () => {
  it('defaults to 50/75/90, the notification steps and one minute', () => {
    expect(readEscalationConfig(new ConfigReader({}))).toEqual({
      enabled: true,
      thresholds: [50, 75, 90],
      notifySteps: ['decide-notifications', 'notify'],
      alsoNotify: [],
      frequency: { minutes: 1 },
      claimTimeoutMs: 600_000,
    });
  });

  it('names the key of a bad threshold', () => {
    expect(() =>
      readEscalationConfig(
        new ConfigReader({
          leakResponse: { escalation: { thresholds: [50, 120] } },
        }),
      ),
    ).toThrow('leakResponse.escalation.thresholds: 120 is not a percentage');
  });
});
