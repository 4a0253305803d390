/*
 * A new revision of a finding whose incident is closed reopens it: the
 * status goes back to investigating, the timeline says which finding did
 * it, and the responders get a notification. On SQLite and PostgreSQL.
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { guardDutyS3Finding } from './__testUtils__/events';
import { detectionHarness } from './__testUtils__/harness';
import { DETECTION_ACTOR } from './DetectionService';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'a finding on a closed incident on %p',
  databaseId => {
    it('reopens the incident, says why on the timeline and notifies its responders once per revision', async () => {
      const sent: NotificationSendOptions[] = [];
      const { service, incidents, incidentStore } = await detectionHarness(
        await databases.init(databaseId),
        {
          notifications: {
            send: async (n: NotificationSendOptions) => {
              sent.push(n);
            },
          },
        },
      );
      const first = await service.handle(guardDutyS3Finding());
      expect(first.outcome).toBe('incident-created');
      const id = (first as { incidentId: string }).incidentId;
      // a member of compliance closes over the obligations still open
      await incidents.transition(
        id,
        'closed',
        'user:default/amara.okafor',
        'contained; nothing to notify',
        { mayDecide: true },
      );

      const update = guardDutyS3Finding({
        updatedAt: '2026-12-02T08:00:00.000Z',
        severity: 9.1,
      });
      expect(await service.handle(update)).toMatchObject({
        outcome: 'incident-updated',
        incidentId: id,
      });
      // the same revision again changes nothing and tells nobody twice
      expect((await service.handle(update)).outcome).toBe('duplicate');

      const incident = await incidentStore.getIncident(id);
      expect(incident!.status).toBe('investigating');
      const reopened = incident!.timeline.filter(
        e => e.type === 'status-changed' && e.actor === DETECTION_ACTOR,
      );
      expect(reopened).toHaveLength(1);
      expect(reopened[0].message).toBe(
        'closed → investigating: reopened because guardduty finding gd-clickstream-exfil-1 was reported again (revision 2026-12-02T08:00:00.000Z) after the incident was closed',
      );
      expect(reopened[0].after).toMatchObject({
        status: 'investigating',
        reopenedBy: { findingId: 'gd-clickstream-exfil-1' },
      });

      expect(sent).toHaveLength(1);
      const responders = [
        ...new Set(
          incident!.tasks.flatMap(t => [t.accountable!, ...t.responsible]),
        ),
      ].filter(Boolean);
      expect(responders.length).toBeGreaterThan(0);
      expect(sent[0].recipients).toEqual({
        type: 'entity',
        entityRef: expect.arrayContaining(responders),
      });
      expect(sent[0].payload).toMatchObject({
        title: `Reopened: ${incident!.title}`,
        severity: 'high',
        link: `/leak-response/incidents/${id}`,
        scope: `leak-response:reopened:${id}:2026-12-02T08:00:00.000Z`,
      });
    });

    it('leaves an open incident open and tells nobody', async () => {
      const sent: NotificationSendOptions[] = [];
      const { service, incidentStore } = await detectionHarness(
        await databases.init(databaseId),
        {
          notifications: {
            send: async (n: NotificationSendOptions) => {
              sent.push(n);
            },
          },
        },
      );
      const first = await service.handle(guardDutyS3Finding());
      const id = (first as { incidentId: string }).incidentId;
      await service.handle(
        guardDutyS3Finding({ updatedAt: '2026-12-02T08:00:00.000Z' }),
      );
      const incident = await incidentStore.getIncident(id);
      expect(incident!.status).toBe('triage');
      expect(
        incident!.timeline.filter(e => e.type === 'detection-updated'),
      ).toHaveLength(1);
      expect(sent).toEqual([]);
    });
  },
);
