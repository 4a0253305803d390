import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { DatabaseIncidentStore } from './DatabaseIncidentStore';
import { NewIncident } from './IncidentStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const launch: NewIncident = {
  title: 'Clickstream bucket readable from the internet',
  leakType: 'training-data-exposure',
  originEntityRef: 'resource:default/clickstream-2025q3',
  severity: 'high',
  exercise: false,
  awareAt: new Date('2026-11-20T09:30:00.000Z'),
  createdBy: 'user:default/noah.fischer',
};

async function createStore(databaseId: TestDatabaseId) {
  const knex = await databases.init(databaseId);
  const store = await DatabaseIncidentStore.create({
    database: { getClient: async () => knex },
  });
  return { knex, store };
}

describe.each(databases.eachSupportedId())('DatabaseIncidentStore on %p', databaseId => {
  it('stores an incident and reads it back with its times in UTC', async () => {
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
    });
    await expect(store.getIncident(incident.id)).resolves.toEqual(incident);
    await expect(store.getIncident('no-such-id')).resolves.toBeUndefined();
  });

  it('creates one incident for two launches with the same idempotency key', async () => {
    const { store } = await createStore(databaseId);
    const first = await store.createIncident({ ...launch, idempotencyKey: 'k-1' });
    const second = await store.createIncident({ ...launch, title: 'again', idempotencyKey: 'k-1' });
    expect(second.created).toBe(false);
    expect(second.incident.id).toBe(first.incident.id);
    expect(second.incident.title).toBe(launch.title);
    expect(await store.listIncidents()).toHaveLength(1);
  });

  it('creates one incident per detection source reference, even when launched concurrently', async () => {
    const { store } = await createStore(databaseId);
    const finding = { ...launch, source: 'guardduty', sourceRef: 'finding-42' };
    const results = await Promise.all(
      Array.from({ length: 5 }, () => store.createIncident(finding)),
    );
    expect(results.filter(r => r.created)).toHaveLength(1);
    expect(new Set(results.map(r => r.incident.id)).size).toBe(1);
    const other = await store.createIncident({ ...finding, sourceRef: 'finding-43' });
    expect(other.created).toBe(true);
    expect(await store.listIncidents()).toHaveLength(2);
  });

  it('lists incidents newest awareness first and filters by status and origin', async () => {
    const { store } = await createStore(databaseId);
    await store.createIncident(launch);
    await store.createIncident({
      ...launch,
      originEntityRef: 'resource:default/recsys-llm-v3',
      awareAt: new Date('2026-11-22T10:00:00.000Z'),
    });
    const all = await store.listIncidents();
    expect(all.map(i => i.originEntityRef)).toEqual([
      'resource:default/recsys-llm-v3',
      'resource:default/clickstream-2025q3',
    ]);
    expect(
      await store.listIncidents({ originEntityRef: 'resource:default/recsys-llm-v3' }),
    ).toHaveLength(1);
    expect(await store.listIncidents({ status: ['closed'] })).toHaveLength(0);
    expect(await store.listIncidents({ status: ['triage'] })).toHaveLength(2);
  });
});
