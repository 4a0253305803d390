import { TestDatabases } from '@backstage/backend-test-utils';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

jest.setTimeout(60_000);

const migrationsDir = resolvePackagePath(
  '@leak-response/plugin-leak-response-backend',
  'migrations',
);

async function migrateUntil(knex: Knex, target: string) {
  const [, pending]: [unknown, Array<{ file: string }>] =
    await knex.migrate.list({ directory: migrationsDir });
  for (const migration of pending) {
    await knex.migrate.up({ directory: migrationsDir, name: migration.file });
    if (migration.file === target) return;
  }
  throw new Error(`Migration ${target} not found`);
}

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())('migrations on %p', databaseId => {
  it('20261125000000_incidents.js creates and drops the incidents table', async () => {
    const knex = await databases.init(databaseId);
    await migrateUntil(knex, '20261125000000_incidents.js');

    await knex('incidents').insert({
      id: '2d9c4f8e-7c8b-4d6e-9a5e-1f0b7f6c1a01',
      title: 'Support transcripts copied to a personal bucket',
      leak_type: 'training-data-exposure',
      origin_entity_ref: 'resource:default/support-transcripts-2025',
      severity: 'critical',
      status: 'triage',
      exercise: false,
      aware_at: new Date('2026-11-20T09:30:00Z'),
      created_by: 'user:default/aisha.khan',
      created_at: new Date(),
      updated_at: new Date(),
      source: 'guardduty',
      source_ref: 'f-1',
    });
    await expect(
      knex('incidents').insert({
        id: '2d9c4f8e-7c8b-4d6e-9a5e-1f0b7f6c1a02',
        title: 'duplicate finding',
        leak_type: 'training-data-exposure',
        origin_entity_ref: 'resource:default/support-transcripts-2025',
        severity: 'critical',
        status: 'triage',
        exercise: false,
        aware_at: new Date(),
        created_by: 'user:default/aisha.khan',
        created_at: new Date(),
        updated_at: new Date(),
        source: 'guardduty',
        source_ref: 'f-1',
      }),
    ).rejects.toThrow();
    expect(await knex('incidents').count({ n: '*' })).toEqual([
      { n: databaseId.startsWith('POSTGRES') ? '1' : 1 },
    ]);

    await knex.migrate.down({ directory: migrationsDir });
    expect(await knex.schema.hasTable('incidents')).toBe(false);
    await knex.destroy();
  });
});
