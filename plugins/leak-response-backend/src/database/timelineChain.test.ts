import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { timelineEventHash } from '@leak-response/plugin-leak-response-common';
import { DatabaseIncidentStore } from './DatabaseIncidentStore';
import { NewIncident } from './IncidentStore';
import { appendChainedEvents, verifyChain } from './timelineChain';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const launch: NewIncident = {
  title: 'Support transcripts copied to a personal bucket',
  leakType: 'training-data-exposure',
  originEntityRef: 'resource:default/support-transcripts-2025',
  severity: 'critical',
  exercise: false,
  awareAt: new Date('2026-12-01T08:00:00.000Z'),
  createdBy: 'user:default/aisha.khan',
  timeline: [
    { type: 'launched', message: 'Playbook launched', after: { a: 1 } },
  ],
};

const verifiedAt = new Date('2026-12-03T12:00:00.000Z');

async function setup(databaseId: TestDatabaseId) {
  const knex = await databases.init(databaseId);
  const store = await DatabaseIncidentStore.create({
    database: { getClient: async () => knex },
  });
  const { incident } = await store.createIncident(launch);
  for (const message of ['Contained', 'Scope widened', 'Notified the DPO']) {
    await store.updateIncident(incident.id, 'user:default/wei.tan', () => ({
      timeline: [{ type: 'note', message, before: { n: 1 }, after: null }],
    }));
  }
  const rows = () =>
    knex('incident_timeline')
      .where({ incident_id: incident.id })
      .orderBy('sequence');
  return { knex, store, id: incident.id, rows };
}

describe.each(databases.eachSupportedId())(
  'timeline chain on %p',
  databaseId => {
    it('chains every appended event to the one before it, and the incident keeps the head', async () => {
      const { knex, store, id, rows } = await setup(databaseId);
      const events = await rows();
      expect(events.map(e => Number(e.position))).toEqual([1, 2, 3, 4]);
      let previous: string | null = null;
      for (const event of events) {
        const expected = timelineEventHash(
          {
            incidentId: id,
            position: Number(event.position),
            at: new Date(event.at).toISOString(),
            type: event.type,
            actor: event.actor,
            message: event.message,
            before: event.before,
            after: event.after,
          },
          previous,
        );
        expect(event.hash).toBe(expected);
        previous = expected;
      }
      const [incident] = await knex('incidents').where({ id });
      expect(incident.timeline_head).toBe(previous);

      expect(await store.verifyTimeline(id, verifiedAt)).toEqual({
        incidentId: id,
        intact: true,
        count: 4,
        head: previous,
        verifiedAt: '2026-12-03T12:00:00.000Z',
      });
    });

    it('names the first event whose content was changed behind the store', async () => {
      const { knex, store, id, rows } = await setup(databaseId);
      const events = await rows();
      await knex('incident_timeline')
        .where({ sequence: events[1].sequence })
        .update({ message: 'Contained (edited)' });
      const result = await store.verifyTimeline(id, verifiedAt);
      expect(result).toMatchObject({
        intact: false,
        count: 4,
        firstBroken: {
          sequence: Number(events[1].sequence),
          position: 2,
          type: 'note',
        },
        reason: expect.stringMatching(/does not match its hash/),
      });
    });

    it('names the event after one that was changed and re-hashed', async () => {
      const { knex, store, id, rows } = await setup(databaseId);
      const events = await rows();
      const forged = timelineEventHash(
        {
          incidentId: id,
          position: 2,
          at: new Date(events[1].at).toISOString(),
          type: events[1].type,
          actor: 'user:default/someone-else',
          message: events[1].message,
          before: events[1].before,
          after: events[1].after,
        },
        events[0].hash,
      );
      await knex('incident_timeline')
        .where({ sequence: events[1].sequence })
        .update({ actor: 'user:default/someone-else', hash: forged });
      const result = await store.verifyTimeline(id, verifiedAt);
      expect(result?.firstBroken?.position).toBe(3);
      expect(result?.firstBroken?.sequence).toBe(Number(events[2].sequence));
    });

    it('names the event after a deleted one, and the last event when the end was cut off', async () => {
      const { knex, store, id, rows } = await setup(databaseId);
      const events = await rows();
      await knex('incident_timeline')
        .where({ sequence: events[3].sequence })
        .delete();
      const cut = await store.verifyTimeline(id, verifiedAt);
      expect(cut).toMatchObject({
        intact: false,
        count: 3,
        firstBroken: { position: 3, sequence: Number(events[2].sequence) },
        reason: expect.stringMatching(/events after it are missing/),
      });

      await knex('incident_timeline')
        .where({ sequence: events[1].sequence })
        .delete();
      const gap = await store.verifyTimeline(id, verifiedAt);
      expect(gap).toMatchObject({
        intact: false,
        count: 2,
        firstBroken: { position: 3, sequence: Number(events[2].sequence) },
        reason: expect.stringMatching(/position 3 where 2 was expected/),
      });
    });

    it('is undefined for an incident that does not exist', async () => {
      const { store } = await setup(databaseId);
      expect(
        await store.verifyTimeline(
          '2d9c4f8e-7c8b-4d6e-9a5e-1f0b7f6c1a99',
          verifiedAt,
        ),
      ).toBeUndefined();
      expect(
        await store.verifyTimeline('not-a-uuid', verifiedAt),
      ).toBeUndefined();
    });

    it('does not fork when many appends race on one incident', async () => {
      const { knex, store, id, rows } = await setup(databaseId);
      // through the store (which locks for its own reasons) and straight
      // through the chain, each in its own transaction
      await Promise.all([
        ...Array.from({ length: 8 }, (_, i) =>
          store.updateIncident(id, 'user:default/wei.tan', () => ({
            timeline: [{ type: 'note', message: `store ${i}` }],
          })),
        ),
        ...Array.from({ length: 8 }, (_, i) =>
          knex.transaction(tx =>
            appendChainedEvents(tx, id, [
              {
                incident_id: id,
                at: new Date(),
                actor: 'user:default/wei.tan',
                type: 'note',
                message: `direct ${i}`,
                before: null,
                after: null,
              },
            ]),
          ),
        ),
      ]);
      const events = await rows();
      expect(events.map(e => Number(e.position))).toEqual(
        Array.from({ length: 20 }, (_, i) => i + 1),
      );
      expect(await store.verifyTimeline(id, verifiedAt)).toMatchObject({
        intact: true,
        count: 20,
        head: events[19].hash,
      });
    });
  },
);

describe('verifyChain', () => {
  const id = '2d9c4f8e-7c8b-4d6e-9a5e-1f0b7f6c1a01';

  it('calls an empty timeline without a head intact', () => {
    expect(verifyChain(id, [], null, verifiedAt)).toEqual({
      incidentId: id,
      intact: true,
      count: 0,
      head: null,
      verifiedAt: '2026-12-03T12:00:00.000Z',
    });
  });

  it('says every event is gone when the incident has a head but no events', () => {
    const result = verifyChain(id, [], 'ab'.repeat(32), verifiedAt);
    expect(result).toMatchObject({ intact: false, count: 0 });
    expect(result.firstBroken).toBeUndefined();
    expect(result.reason).toMatch(/has no events: they were removed/);
  });

  it('names an event stored without a hash', () => {
    const result = verifyChain(
      id,
      [
        {
          sequence: '9',
          incident_id: id,
          at: '2026-12-01T08:00:00.000Z',
          actor: 'user:default/aisha.khan',
          type: 'launched',
          message: 'Launched',
          before: null,
          after: null,
          position: null,
          hash: null,
        },
      ],
      null,
      verifiedAt,
    );
    expect(result).toMatchObject({
      intact: false,
      reason: 'the event has no hash',
      firstBroken: { sequence: 9, type: 'launched' },
    });
  });
});
