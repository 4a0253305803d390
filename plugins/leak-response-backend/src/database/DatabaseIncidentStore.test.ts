import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import { DatabaseIncidentStore } from './DatabaseIncidentStore';
import {
  IncidentReadCriteria,
  NewIncident,
  NewObligation,
} from './IncidentStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const gdpr33: NewObligation = {
  ruleId: 'gdpr33',
  regime: 'GDPR',
  recipient: 'Lead supervisory authority',
  stage: 'notification',
  status: 'pending',
  dueAt: '2026-11-23T09:30:00.000Z',
  evaluation: { status: 'applies', reasons: ['personal data of EU residents'] },
};

const launch: NewIncident = {
  title: 'Clickstream bucket readable from the internet',
  leakType: 'training-data-exposure',
  originEntityRef: 'resource:default/clickstream-2025q3',
  severity: 'high',
  exercise: false,
  awareAt: new Date('2026-11-20T09:30:00.000Z'),
  createdBy: 'user:default/noah.fischer',
  playbookId: 'training-data-exposure',
  playbookVersion: '1',
  rulesVersion: '0123456789abcdef',
  assessment: { riskToIndividuals: 'high' },
  affected: [
    {
      entityRef: 'resource:default/clickstream-2025q3',
      role: 'origin',
      snapshot: {
        kind: 'Resource',
        type: 'llm-dataset',
        owner: 'group:ml-platform',
        system: 'ml-platform',
        dataCategories: ['personal.behavioral'],
        dataSubjects: ['EU', 'GB'],
        regions: ['eu-west-1'],
        approxDataSubjects: 2400000,
      },
    },
    {
      entityRef: 'resource:default/recsys-llm-v3',
      role: 'downstream-model',
      snapshot: {
        dataCategories: ['proprietary.model-weights'],
        dataSubjects: ['EU'],
        regions: ['eu-west-1'],
      },
    },
  ],
  tasks: [
    {
      position: 1,
      stepId: 'contain',
      title: 'Block public access to the bucket',
      responsible: ['group:default/ml-platform'],
      accountable: 'group:default/security-ir',
      dueAt: '2026-11-20T13:30:00.000Z',
    },
    {
      position: 2,
      stepId: 'notify',
      title: 'Notify the supervisory authority',
      responsible: ['group:default/dpo-office'],
    },
  ],
  obligations: [gdpr33],
  timeline: [{ type: 'launched', message: 'Playbook launched' }],
};

async function createStore(databaseId: TestDatabaseId) {
  const knex = await databases.init(databaseId);
  const store = await DatabaseIncidentStore.create({
    database: { getClient: async () => knex },
  });
  return { knex, store };
}

describe.each(databases.eachSupportedId())(
  'DatabaseIncidentStore on %p',
  databaseId => {
    it('stores an incident with its record and reads it back in UTC', async () => {
      const { store } = await createStore(databaseId);
      const { incident, created } = await store.createIncident(launch);
      expect(created).toBe(true);
      expect(incident).toMatchObject({
        title: launch.title,
        leakType: 'training-data-exposure',
        originEntityRef: 'resource:default/clickstream-2025q3',
        severity: 'high',
        status: 'triage',
        exercise: false,
        awareAt: '2026-11-20T09:30:00.000Z',
        createdBy: 'user:default/noah.fischer',
        playbookId: 'training-data-exposure',
        playbookVersion: '1',
        rulesVersion: '0123456789abcdef',
        assessment: { riskToIndividuals: 'high' },
      });
      expect(incident.affected.map(a => [a.entityRef, a.role])).toEqual([
        ['resource:default/clickstream-2025q3', 'origin'],
        ['resource:default/recsys-llm-v3', 'downstream-model'],
      ]);
      expect(incident.affected[0].snapshot.approxDataSubjects).toBe(2400000);
      expect(incident.affected[0].addedBy).toBe('user:default/noah.fischer');
      expect(incident.tasks.map(t => [t.stepId, t.dueAt])).toEqual([
        ['contain', '2026-11-20T13:30:00.000Z'],
        ['notify', undefined],
      ]);
      expect(incident.tasks[0].responsible).toEqual([
        'group:default/ml-platform',
      ]);
      expect(incident.obligations).toEqual([
        expect.objectContaining({
          ruleId: 'gdpr33',
          status: 'pending',
          dueAt: '2026-11-23T09:30:00.000Z',
          evaluation: gdpr33.evaluation,
        }),
      ]);
      expect(incident.timeline).toEqual([
        expect.objectContaining({
          type: 'launched',
          actor: 'user:default/noah.fischer',
          message: 'Playbook launched',
        }),
      ]);
      await expect(store.getIncident(incident.id)).resolves.toEqual(incident);
      await expect(store.getIncident('no-such-id')).resolves.toBeUndefined();
      await expect(
        store.getIncident('0b5c3f1e-0000-4000-8000-000000000000'),
      ).resolves.toBeUndefined();
    });

    it('creates one incident for two launches with the same idempotency key', async () => {
      const { store } = await createStore(databaseId);
      const first = await store.createIncident({
        ...launch,
        idempotencyKey: 'k-1',
      });
      const second = await store.createIncident({
        ...launch,
        title: 'again',
        idempotencyKey: 'k-1',
      });
      expect(second.created).toBe(false);
      expect(second.incident.id).toBe(first.incident.id);
      expect(second.incident.title).toBe(launch.title);
      expect(second.incident.tasks).toHaveLength(2);
      expect((await store.listIncidents()).totalCount).toBe(1);
    });

    it('creates one incident per detection source reference, even when launched concurrently', async () => {
      const { store } = await createStore(databaseId);
      const finding = {
        ...launch,
        source: 'guardduty',
        sourceRef: 'finding-42',
      };
      const results = await Promise.all(
        Array.from({ length: 5 }, () => store.createIncident(finding)),
      );
      expect(results.filter(r => r.created)).toHaveLength(1);
      expect(new Set(results.map(r => r.incident.id)).size).toBe(1);
      expect(results.every(r => r.incident.timeline.length === 1)).toBe(true);
      const other = await store.createIncident({
        ...finding,
        sourceRef: 'finding-43',
      });
      expect(other.created).toBe(true);
      expect((await store.listIncidents()).totalCount).toBe(2);
    });

    it('lists with filters, paging and order', async () => {
      const { store } = await createStore(databaseId);
      const a = await store.createIncident(launch);
      const b = await store.createIncident({
        ...launch,
        originEntityRef: 'resource:default/recsys-llm-v3',
        leakType: 'model-weight-exfiltration',
        exercise: true,
        affected: [],
        awareAt: new Date('2026-11-22T10:00:00.000Z'),
      });
      const all = await store.listIncidents();
      expect(all.totalCount).toBe(2);
      expect(all.items.map(i => i.id)).toEqual([b.incident.id, a.incident.id]);
      const oldestFirst = await store.listIncidents({ order: 'asc' });
      expect(oldestFirst.items.map(i => i.id)).toEqual([
        a.incident.id,
        b.incident.id,
      ]);
      const page2 = await store.listIncidents({ limit: 1, offset: 1 });
      expect(page2).toEqual({
        items: [a.incident.id].map(id => expect.objectContaining({ id })),
        totalCount: 2,
      });
      expect(
        (
          await store.listIncidents({
            originEntityRef: 'resource:default/recsys-llm-v3',
          })
        ).items.map(i => i.id),
      ).toEqual([b.incident.id]);
      expect(
        (await store.listIncidents({ exercise: true })).items.map(i => i.id),
      ).toEqual([b.incident.id]);
      expect(
        (
          await store.listIncidents({ leakType: ['training-data-exposure'] })
        ).items.map(i => i.id),
      ).toEqual([a.incident.id]);
      expect(
        (await store.listIncidents({ status: ['closed'] })).totalCount,
      ).toBe(0);
      expect((await store.listIncidents({ open: true })).totalCount).toBe(2);
      expect((await store.listIncidents({ open: false })).totalCount).toBe(0);
      // the model is affected by incident a (downstream) but b has no affected rows
      expect(
        (
          await store.listIncidents({
            affectedEntityRef: 'resource:default/recsys-llm-v3',
          })
        ).items.map(i => i.id),
      ).toEqual([a.incident.id]);
    });

    it('lists incidents by the owner and the system of affected entities', async () => {
      const { store } = await createStore(databaseId);
      const { incident } = await store.createIncident(launch);
      const byOwner = await store.listIncidents({
        owner: 'group:default/ml-platform',
      });
      expect(byOwner.items.map(i => i.id)).toEqual([incident.id]);
      const bySystem = await store.listIncidents({
        system: 'system:default/ml-platform',
      });
      expect(bySystem.items.map(i => i.id)).toEqual([incident.id]);
      expect(
        (await store.listIncidents({ owner: 'group:default/checkout' }))
          .totalCount,
      ).toBe(0);
      await store.updateIncident(incident.id, 'user:default/x', () => ({
        removeAffected: ['resource:default/clickstream-2025q3'],
        timeline: [],
      }));
      expect(
        (await store.listIncidents({ owner: 'group:default/ml-platform' }))
          .totalCount,
      ).toBe(0);
    });

    it('lists only the incidents the read criteria allow, in any combination', async () => {
      const { store } = await createStore(databaseId);
      const mlPlatform = await store.createIncident(launch);
      const checkout = await store.createIncident({
        ...launch,
        title: 'Card numbers in support transcripts',
        originEntityRef: 'resource:default/support-transcripts',
        affected: [
          {
            entityRef: 'resource:default/support-transcripts',
            role: 'origin',
            // spelled as a catalog author might: matched without case
            snapshot: {
              owner: 'Checkout',
              dataCategories: ['payment.card'],
              dataSubjects: ['US'],
              regions: ['us-east-1'],
            },
          },
        ],
      });
      const ownedBy = (...values: string[]) => ({
        key: 'affectedOwner' as const,
        values,
      });
      const ids = async (readable: IncidentReadCriteria) =>
        (await store.listIncidents({ readable })).items.map(i => i.id).sort();

      expect(await ids(ownedBy('group:default/ml-platform'))).toEqual([
        mlPlatform.incident.id,
      ]);
      expect(
        await store.listIncidents({
          readable: ownedBy('group:default/checkout'),
        }),
      ).toEqual({
        items: [expect.objectContaining({ id: checkout.incident.id })],
        totalCount: 1,
      });
      expect(await ids(ownedBy())).toEqual([]);
      expect(await ids(ownedBy('user:default/noah.fischer'))).toEqual([]);
      expect(
        await ids({
          anyOf: [
            ownedBy('group:default/checkout'),
            ownedBy('group:default/ml-platform'),
          ],
        }),
      ).toEqual([mlPlatform.incident.id, checkout.incident.id].sort());
      expect(
        await ids({
          allOf: [
            ownedBy('group:default/checkout'),
            ownedBy('group:default/ml-platform'),
          ],
        }),
      ).toEqual([]);
      expect(await ids({ not: ownedBy('group:default/checkout') })).toEqual([
        mlPlatform.incident.id,
      ]);
      // the other filters still apply on top
      expect(
        (
          await store.listIncidents({
            readable: ownedBy('group:default/checkout'),
            affectedEntityRef: 'resource:default/recsys-llm-v3',
          })
        ).totalCount,
      ).toBe(0);
      expect(
        (
          await store.listOpenIncidentsAffecting(
            'resource:default/recsys-llm-v3',
            ownedBy('group:default/ml-platform'),
          )
        ).map(i => i.id),
      ).toEqual([mlPlatform.incident.id]);
      expect(
        await store.listOpenIncidentsAffecting(
          'resource:default/recsys-llm-v3',
          ownedBy('group:default/checkout'),
        ),
      ).toEqual([]);

      // a removed entity no longer makes its owner a reader
      await store.updateIncident(
        checkout.incident.id,
        'user:default/x',
        () => ({
          addAffected: [
            {
              entityRef: 'resource:default/recsys-llm-v3',
              role: 'downstream-model',
              snapshot: {
                owner: 'group:default/ml-platform',
                dataCategories: [],
                dataSubjects: [],
                regions: [],
              },
            },
          ],
          timeline: [],
        }),
      );
      expect(await ids(ownedBy('group:default/ml-platform'))).toEqual(
        [mlPlatform.incident.id, checkout.incident.id].sort(),
      );
      await store.updateIncident(
        checkout.incident.id,
        'user:default/x',
        () => ({
          removeAffected: ['resource:default/recsys-llm-v3'],
          timeline: [],
        }),
      );
      expect(await ids(ownedBy('group:default/ml-platform'))).toEqual([
        mlPlatform.incident.id,
      ]);
    });

    it('lists the incidents a creator criterion allows, without case, alone or with owners', async () => {
      const { store } = await createStore(databaseId);
      // launched on ml-platform's data by someone outside that team, with
      // the ref spelled as their token had it
      const launched = await store.createIncident({
        ...launch,
        createdBy: 'user:default/Sam.Okafor',
      });
      const other = await store.createIncident({
        ...launch,
        title: 'Card numbers in support transcripts',
        originEntityRef: 'resource:default/support-transcripts',
        createdBy: 'user:default/noah.fischer',
        affected: [
          {
            entityRef: 'resource:default/support-transcripts',
            role: 'origin',
            snapshot: {
              owner: 'group:default/checkout',
              dataCategories: ['payment.card'],
              dataSubjects: ['US'],
              regions: ['us-east-1'],
            },
          },
        ],
      });
      const createdBy = (...values: string[]) => ({
        key: 'creator' as const,
        values,
      });
      const ownedBy = (...values: string[]) => ({
        key: 'affectedOwner' as const,
        values,
      });
      const ids = async (readable: IncidentReadCriteria) =>
        (await store.listIncidents({ readable })).items.map(i => i.id).sort();

      expect(
        await store.listIncidents({
          readable: createdBy('user:default/sam.okafor'),
        }),
      ).toEqual({
        items: [
          expect.objectContaining({
            id: launched.incident.id,
            // the stored spelling is kept
            createdBy: 'user:default/Sam.Okafor',
          }),
        ],
        totalCount: 1,
      });
      expect(await ids(createdBy('USER:default/SAM.OKAFOR'))).toEqual([
        launched.incident.id,
      ]);
      expect(await ids(createdBy('user:default/someone-else'))).toEqual([]);
      expect(await ids(createdBy())).toEqual([]);
      // a group claim never makes a launcher
      expect(await ids(createdBy('group:default/ml-platform'))).toEqual([]);

      // the portal policy's combination: owners of an affected entity, or
      // the launcher
      const ownerOrCreator = (
        user: string,
        ...groups: string[]
      ): IncidentReadCriteria => ({
        anyOf: [ownedBy(user, ...groups), createdBy(user)],
      });
      expect(await ids(ownerOrCreator('user:default/sam.okafor'))).toEqual([
        launched.incident.id,
      ]);
      expect(
        await ids(
          ownerOrCreator('user:default/sam.okafor', 'group:default/checkout'),
        ),
      ).toEqual([launched.incident.id, other.incident.id].sort());
      expect(
        await ids(
          ownerOrCreator('user:default/tom.becker', 'group:default/checkout'),
        ),
      ).toEqual([other.incident.id]);
      expect(
        await ids({
          allOf: [
            createdBy('user:default/noah.fischer'),
            ownedBy('group:default/ml-platform'),
          ],
        }),
      ).toEqual([]);
      // any of a rule and a combination: the OR form rather than a UNION
      expect(
        await ids({
          anyOf: [
            createdBy('user:default/sam.okafor'),
            {
              allOf: [
                ownedBy('group:default/checkout'),
                createdBy('user:default/noah.fischer'),
              ],
            },
          ],
        }),
      ).toEqual([launched.incident.id, other.incident.id].sort());
      expect(
        await ids({
          anyOf: [
            createdBy('user:default/sam.okafor'),
            { not: ownedBy('group:default/ml-platform') },
          ],
        }),
      ).toEqual([launched.incident.id, other.incident.id].sort());
      expect(await ids({ not: createdBy('user:default/sam.okafor') })).toEqual([
        other.incident.id,
      ]);
      // the other filters still apply on top
      expect(
        (
          await store.listIncidents({
            readable: createdBy('user:default/sam.okafor'),
            affectedEntityRef: 'resource:default/support-transcripts',
          })
        ).totalCount,
      ).toBe(0);
      expect(
        (
          await store.listOpenIncidentsAffecting(
            'resource:default/clickstream-2025q3',
            createdBy('user:default/sam.okafor'),
          )
        ).map(i => i.id),
      ).toEqual([launched.incident.id]);
    });

    it('applies a change atomically and appends to the timeline', async () => {
      const { store } = await createStore(databaseId);
      const { incident } = await store.createIncident(launch);
      const obligationId = incident.obligations[0].id;
      const taskId = incident.tasks[0].id;

      const updated = await store.updateIncident(
        incident.id,
        'user:default/eva.lindqvist',
        current => ({
          incident: {
            status: 'investigating',
            assessment: { ...current.assessment, encrypted: false },
            awareAt: new Date('2026-11-20T08:00:00.000Z'),
          },
          upsertObligations: [
            { ...gdpr33, dueAt: '2026-11-23T08:00:00.000Z' },
            {
              ruleId: 'gdpr34',
              regime: 'GDPR',
              recipient: 'Data subjects',
              stage: 'communication',
              status: 'to-be-determined',
              dueText: 'without undue delay',
              evaluation: { status: 'to-be-determined' },
            },
          ],
          taskUpdates: [
            {
              id: taskId,
              doneBy: 'user:default/jonas.weber',
              doneAt: '2026-11-20T10:00:00.000Z',
            },
          ],
          addAffected: [
            {
              entityRef: 'component:default/account-pages',
              role: 'downstream-surface',
              snapshot: { dataCategories: [], dataSubjects: [], regions: [] },
            },
          ],
          removeAffected: ['resource:default/recsys-llm-v3'],
          newNotices: [
            {
              templateId: 'gdpr33',
              obligationId,
              status: 'draft',
              body: '# Notification',
              createdBy: 'user:default/eva.lindqvist',
            },
          ],
          timeline: [
            {
              type: 'status-changed',
              message: 'triage → investigating',
              before: { status: current.status },
              after: { status: 'investigating' },
            },
          ],
        }),
      );

      expect(updated).toBeDefined();
      expect(updated!.status).toBe('investigating');
      expect(updated!.awareAt).toBe('2026-11-20T08:00:00.000Z');
      expect(updated!.assessment).toEqual({
        riskToIndividuals: 'high',
        encrypted: false,
      });
      expect(
        updated!.obligations.map(o => [
          o.ruleId,
          o.id === obligationId,
          o.dueAt,
          o.dueText,
        ]),
      ).toEqual([
        ['gdpr33', true, '2026-11-23T08:00:00.000Z', undefined],
        ['gdpr34', false, undefined, 'without undue delay'],
      ]);
      expect(updated!.tasks[0]).toMatchObject({
        doneBy: 'user:default/jonas.weber',
        doneAt: '2026-11-20T10:00:00.000Z',
      });
      const removed = updated!.affected.find(
        a => a.entityRef === 'resource:default/recsys-llm-v3',
      );
      expect(removed?.removedAt).toEqual(expect.any(String));
      expect(
        updated!.affected.find(
          a => a.entityRef === 'component:default/account-pages',
        )?.addedBy,
      ).toBe('user:default/eva.lindqvist');
      expect(updated!.notices).toEqual([
        expect.objectContaining({
          templateId: 'gdpr33',
          status: 'draft',
          obligationId,
        }),
      ]);
      expect(updated!.timeline.map(e => [e.type, e.actor])).toEqual([
        ['launched', 'user:default/noah.fischer'],
        ['status-changed', 'user:default/eva.lindqvist'],
      ]);
      expect(updated!.timeline[1].before).toEqual({ status: 'triage' });
      expect(updated!.timeline[1].sequence).toBeGreaterThan(
        updated!.timeline[0].sequence,
      );

      const noticeId = updated!.notices[0].id;
      const approved = await store.updateIncident(
        incident.id,
        'user:default/tom.oconnell',
        () => ({
          noticeUpdates: [
            {
              id: noticeId,
              status: 'approved',
              approvedBy: 'user:default/tom.oconnell',
              approvedAt: '2026-11-21T09:00:00.000Z',
            },
          ],
          obligationUpdates: [
            {
              id: obligationId,
              status: 'submitted',
              submittedAt: '2026-11-21T10:00:00.000Z',
              submissionRef: 'DPC-2026-1234',
            },
          ],
          timeline: [
            {
              type: 'notice-approved',
              message: 'GDPR Art. 33 notice approved',
            },
          ],
        }),
      );
      expect(approved!.notices[0]).toMatchObject({
        status: 'approved',
        approvedBy: 'user:default/tom.oconnell',
        approvedAt: '2026-11-21T09:00:00.000Z',
      });
      expect(approved!.obligations[0]).toMatchObject({
        status: 'submitted',
        submittedAt: '2026-11-21T10:00:00.000Z',
        submissionRef: 'DPC-2026-1234',
      });
    });

    it('writes nothing when the decision throws, and answers undefined for unknown incidents', async () => {
      const { store } = await createStore(databaseId);
      const { incident } = await store.createIncident(launch);
      await expect(
        store.updateIncident(incident.id, 'user:default/x', () => {
          throw new ConflictError('no');
        }),
      ).rejects.toThrow(ConflictError);
      const after = await store.getIncident(incident.id);
      expect(after!.timeline).toHaveLength(1);
      expect(after!.status).toBe('triage');
      await expect(
        store.updateIncident(
          '0b5c3f1e-0000-4000-8000-000000000000',
          'user:default/x',
          () => ({ timeline: [] }),
        ),
      ).resolves.toBeUndefined();
      await expect(
        store.updateIncident('nope', 'user:default/x', () => ({
          timeline: [],
        })),
      ).resolves.toBeUndefined();
    });

    it('serialises concurrent updates so each sees the previous one', async () => {
      const { store } = await createStore(databaseId);
      const { incident } = await store.createIncident(launch);
      await Promise.all(
        Array.from({ length: 5 }, (_, i) =>
          store.updateIncident(incident.id, 'user:default/x', current => ({
            timeline: [
              {
                type: 'note',
                message: `note ${i} after ${current.timeline.length}`,
              },
            ],
          })),
        ),
      );
      const after = await store.getIncident(incident.id);
      const seen = after!.timeline
        .filter(e => e.type === 'note')
        .map(e => Number(e.message.split(' after ')[1]))
        .sort();
      expect(seen).toEqual([1, 2, 3, 4, 5]);
    });

    it('lists the open incidents that hold an entity', async () => {
      const { store } = await createStore(databaseId);
      const { incident } = await store.createIncident(launch);
      expect(
        (
          await store.listOpenIncidentsAffecting(
            'resource:default/recsys-llm-v3',
          )
        ).map(i => i.id),
      ).toEqual([incident.id]);
      await store.updateIncident(incident.id, 'user:default/x', () => ({
        incident: { status: 'closed' },
        timeline: [{ type: 'status-changed', message: 'closed' }],
      }));
      expect(
        await store.listOpenIncidentsAffecting(
          'resource:default/recsys-llm-v3',
        ),
      ).toEqual([]);
    });
  },
);
