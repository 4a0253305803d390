import { TestDatabases } from '@backstage/backend-test-utils';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { verifyChain } from '../database/timelineChain';

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

/**
 * The message of a rejected query. Checked by message, not by class: the
 * SQLite driver's errors come from another realm once the native module has
 * been loaded by an earlier test file of the same worker.
 */
async function rejection(query: PromiseLike<unknown>): Promise<string> {
  try {
    await query;
  } catch (error) {
    return String((error as Error).message);
  }
  return 'no error';
}

/**
 * An `incidents` row with the columns of the first migration: a triage
 * incident on the clickstream bucket, with `overrides` on top.
 */
function incidentRow(overrides: { id: string } & Record<string, unknown>) {
  return {
    title: 'An incident',
    leak_type: 'training-data-exposure',
    origin_entity_ref: 'resource:default/clickstream-2025q3',
    severity: 'high',
    status: 'triage',
    exercise: false,
    aware_at: new Date(),
    created_by: 'user:default/aisha.khan',
    created_at: new Date(),
    updated_at: new Date(),
    ...overrides,
  };
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
    expect(
      await rejection(
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
      ),
    ).toMatch(/unique|duplicate/i);
    expect(await knex('incidents').count({ n: '*' })).toEqual([
      { n: databaseId.startsWith('POSTGRES') ? '1' : 1 },
    ]);

    await knex.migrate.down({ directory: migrationsDir });
    expect(await knex.schema.hasTable('incidents')).toBe(false);
    await knex.destroy();
  });

  it('20261126000000_incident_records.js adds the record tables, keeps incidents, and reverts', async () => {
    const knex = await databases.init(databaseId);
    await migrateUntil(knex, '20261125000000_incidents.js');
    const incidentId = '2d9c4f8e-7c8b-4d6e-9a5e-1f0b7f6c1a03';
    await knex('incidents').insert({
      id: incidentId,
      title: 'Recommendation model weights downloaded by an unknown role',
      leak_type: 'model-weight-exfiltration',
      origin_entity_ref: 'resource:default/recsys-llm-v3',
      severity: 'high',
      status: 'investigating',
      exercise: true,
      aware_at: new Date('2026-11-21T08:00:00Z'),
      created_by: 'user:default/wei.tan',
      created_at: new Date(),
      updated_at: new Date(),
    });

    await migrateUntil(knex, '20261126000000_incident_records.js');
    for (const table of [
      'incident_entities',
      'incident_tasks',
      'incident_obligations',
      'incident_notices',
      'incident_timeline',
    ]) {
      expect(await knex.schema.hasTable(table)).toBe(true);
    }
    const [kept] = await knex('incidents').where({ id: incidentId });
    expect(kept.title).toBe(
      'Recommendation model weights downloaded by an unknown role',
    );
    expect(kept.playbook_id).toBeNull();
    await knex('incident_timeline').insert([
      {
        incident_id: incidentId,
        at: new Date(),
        actor: 'a',
        type: 't',
        message: 'first',
      },
      {
        incident_id: incidentId,
        at: new Date(),
        actor: 'a',
        type: 't',
        message: 'second',
      },
    ]);
    const events = await knex('incident_timeline').orderBy('sequence');
    expect(events.map(e => e.message)).toEqual(['first', 'second']);
    expect(Number(events[1].sequence)).toBeGreaterThan(
      Number(events[0].sequence),
    );
    const obligation = {
      incident_id: incidentId,
      rule_id: 'gdpr33',
      regime: 'GDPR',
      recipient: 'Lead supervisory authority',
      stage: 'notification',
      status: 'pending',
      evaluation: '{}',
      updated_at: new Date(),
    };
    await knex('incident_obligations').insert({
      id: '2d9c4f8e-7c8b-4d6e-9a5e-1f0b7f6c1b01',
      ...obligation,
    });
    expect(
      await rejection(
        knex('incident_obligations').insert({
          id: '2d9c4f8e-7c8b-4d6e-9a5e-1f0b7f6c1b02',
          ...obligation,
        }),
      ),
    ).toMatch(/unique|duplicate/i);

    await knex.migrate.down({ directory: migrationsDir });
    expect(await knex.schema.hasTable('incident_timeline')).toBe(false);
    expect(await knex.schema.hasColumn('incidents', 'playbook_id')).toBe(false);
    expect(await knex('incidents').count({ n: '*' })).toEqual([
      { n: databaseId.startsWith('POSTGRES') ? '1' : 1 },
    ]);
    await knex.destroy();
  });

  it('20261128000000_detections_and_escalations.js adds detections and escalation claims, unique per revision and threshold, and reverts', async () => {
    const knex = await databases.init(databaseId);
    await migrateUntil(knex, '20261128000000_detections_and_escalations.js');
    const detection = {
      source: 'guardduty',
      finding_id: 'gd-1',
      revision: '2026-11-27T10:04:00.000Z',
      finding_type: 'Exfiltration:S3/AnomalousBehavior',
      title: 'Anomalous S3 reads',
      severity: 'high',
      resource_arns: '["arn:aws:s3:::someone-elses-bucket"]',
      outcome: 'unmapped',
      first_seen_at: new Date('2026-11-27T09:41:17Z'),
      received_at: new Date(),
    };
    await knex('detections').insert({
      id: '2d9c4f8e-7c8b-4d6e-9a5e-1f0b7f6c1c01',
      ...detection,
    });
    expect(
      await rejection(
        knex('detections').insert({
          id: '2d9c4f8e-7c8b-4d6e-9a5e-1f0b7f6c1c02',
          ...detection,
        }),
      ),
    ).toMatch(/unique|duplicate/i);
    await knex('detections').insert({
      id: '2d9c4f8e-7c8b-4d6e-9a5e-1f0b7f6c1c03',
      ...detection,
      revision: '2026-11-27T10:30:00.000Z',
    });
    const claim = {
      obligation_id: '2d9c4f8e-7c8b-4d6e-9a5e-1f0b7f6c1d01',
      incident_id: '2d9c4f8e-7c8b-4d6e-9a5e-1f0b7f6c1a01',
      threshold: '75',
      claimed_by: 'replica-a',
      claimed_at: new Date(),
      outcome: 'sent',
    };
    await knex('escalation_claims').insert(claim);
    expect(
      await rejection(
        knex('escalation_claims').insert({ ...claim, claimed_by: 'replica-b' }),
      ),
    ).toMatch(/unique|duplicate/i);
    await knex('escalation_claims').insert({ ...claim, threshold: 'overdue' });

    await knex.migrate.down({ directory: migrationsDir });
    expect(await knex.schema.hasTable('detections')).toBe(false);
    expect(await knex.schema.hasTable('escalation_claims')).toBe(false);
    expect(await knex.schema.hasTable('incident_timeline')).toBe(true);
    await knex.destroy();
  });

  it('20261201000000_lower_case_entity_refs.js lower-cases owner and system refs, and reverts', async () => {
    const knex = await databases.init(databaseId);
    await migrateUntil(knex, '20261128000000_detections_and_escalations.js');
    const id = '2d9c4f8e-7c8b-4d6e-9a5e-1f0b7f6c1e01';
    await knex('incidents').insert(
      incidentRow({ id, title: 'Mixed-case owner' }),
    );
    const entity = {
      incident_id: id,
      role: 'origin',
      snapshot: '{}',
      added_at: new Date(),
      added_by: 'user:default/aisha.khan',
    };
    await knex('incident_entities').insert([
      {
        ...entity,
        entity_ref: 'resource:default/clickstream-2025q3',
        owner_ref: 'group:default/ML-Platform',
        system_ref: 'system:default/Product-Discovery',
      },
      {
        ...entity,
        entity_ref: 'resource:default/orphan',
        owner_ref: null,
        system_ref: null,
      },
    ]);

    await migrateUntil(knex, '20261201000000_lower_case_entity_refs.js');
    expect(
      await knex('incident_entities')
        .select('entity_ref', 'owner_ref', 'system_ref')
        .orderBy('entity_ref'),
    ).toEqual([
      {
        entity_ref: 'resource:default/clickstream-2025q3',
        owner_ref: 'group:default/ml-platform',
        system_ref: 'system:default/product-discovery',
      },
      {
        entity_ref: 'resource:default/orphan',
        owner_ref: null,
        system_ref: null,
      },
    ]);

    await knex.migrate.down({ directory: migrationsDir });
    expect(await knex('incident_entities').count({ n: '*' })).toEqual([
      { n: databaseId.startsWith('POSTGRES') ? '2' : 2 },
    ]);
    expect(await knex.schema.hasTable('detections')).toBe(true);
    await knex.destroy();
  });

  it('20261201060000_incidents_creator_index.js indexes the launcher in lower case, and reverts', async () => {
    const knex = await databases.init(databaseId);
    await migrateUntil(knex, '20261201000000_lower_case_entity_refs.js');
    const incident = (id: string, createdBy: string) =>
      incidentRow({
        id,
        title: `Launched by ${createdBy}`,
        created_by: createdBy,
      });
    await knex('incidents').insert(
      incident(
        '2d9c4f8e-7c8b-4d6e-9a5e-1f0b7f6c1f01',
        'user:default/Sam.Okafor',
      ),
    );
    const indexes = async () =>
      databaseId.startsWith('POSTGRES')
        ? (
            await knex('pg_indexes')
              .where({ tablename: 'incidents' })
              .select({ name: 'indexname', sql: 'indexdef' })
          ).filter(i => i.name === 'incidents_creator_idx')
        : await knex('sqlite_master')
            .where({ type: 'index', name: 'incidents_creator_idx' })
            .select('name', 'sql');
    expect(await indexes()).toEqual([]);

    await migrateUntil(knex, '20261201060000_incidents_creator_index.js');
    const [index] = await indexes();
    expect(index.name).toBe('incidents_creator_idx');
    expect(index.sql).toMatch(/lower\(\(?"?created_by"?/i);
    await knex('incidents').insert(
      incident(
        '2d9c4f8e-7c8b-4d6e-9a5e-1f0b7f6c1f02',
        'user:default/noah.fischer',
      ),
    );
    // the spelling is kept; the lookup the store makes finds it without case
    const lookup = knex('incidents')
      .whereRaw('lower(??) in (?)', [
        'incidents.created_by',
        'user:default/sam.okafor',
      ])
      .select('id', 'created_by');
    expect(await lookup.clone()).toEqual([
      {
        id: '2d9c4f8e-7c8b-4d6e-9a5e-1f0b7f6c1f01',
        created_by: 'user:default/Sam.Okafor',
      },
    ]);
    // and can use the index: SQLite picks it without statistics; PostgreSQL
    // rightly scans a two-row table unless told not to
    const plan = await knex.transaction(async tx => {
      if (databaseId.startsWith('POSTGRES')) {
        await tx.raw('SET LOCAL enable_seqscan = off');
        return tx.raw(`EXPLAIN ${lookup.toString()}`);
      }
      return tx.raw(`EXPLAIN QUERY PLAN ${lookup.toString()}`);
    });
    expect(JSON.stringify(plan)).toContain('incidents_creator_idx');

    await knex.migrate.down({ directory: migrationsDir });
    expect(await indexes()).toEqual([]);
    expect(await knex('incidents').count({ n: '*' })).toEqual([
      { n: databaseId.startsWith('POSTGRES') ? '2' : 2 },
    ]);
    await knex.destroy();
  });
  it('20261201120000_detection_retry_backoff.js counts retries of pending deliveries, keeps the rows, and reverts', async () => {
    const knex = await databases.init(databaseId);
    await migrateUntil(knex, '20261201060000_incidents_creator_index.js');
    await knex('detections').insert({
      id: '2d9c4f8e-7c8b-4d6e-9a5e-1f0b7f6c1e01',
      source: 'guardduty',
      finding_id: 'gd-1',
      revision: '2026-11-27T10:04:00.000Z',
      finding_type: 'Exfiltration:S3/AnomalousBehavior',
      title: 'Anomalous S3 reads',
      severity: 'high',
      resource_arns: '[]',
      outcome: 'pending',
      first_seen_at: new Date('2026-11-27T09:41:17Z'),
      received_at: new Date('2026-11-27T09:41:20Z'),
    });

    await migrateUntil(knex, '20261201120000_detection_retry_backoff.js');
    // an existing pending row: never retried, due once retryAfter old
    expect(
      await knex('detections').select('finding_id', 'attempts', 'retry_at'),
    ).toEqual([{ finding_id: 'gd-1', attempts: 0, retry_at: null }]);
    await knex('detections')
      .where({ finding_id: 'gd-1' })
      .update({ attempts: 3, retry_at: new Date('2026-11-27T10:00:00Z') });
    const [row] = await knex('detections').select('attempts', 'retry_at');
    expect(row.attempts).toBe(3);
    expect(new Date(row.retry_at).toISOString()).toBe(
      '2026-11-27T10:00:00.000Z',
    );

    await knex.migrate.down({ directory: migrationsDir });
    expect(await knex.schema.hasColumn('detections', 'attempts')).toBe(false);
    expect(await knex.schema.hasColumn('detections', 'retry_at')).toBe(false);
    expect(await knex('detections').select('finding_id')).toEqual([
      { finding_id: 'gd-1' },
    ]);
    await knex.destroy();
  });
  it('20261203201500_timeline_hash_chain.js chains the timeline of existing incidents, refuses a fork, and reverts', async () => {
    const knex = await databases.init(databaseId);
    await migrateUntil(knex, '20261201120000_detection_retry_backoff.js');
    const chained = '2d9c4f8e-7c8b-4d6e-9a5e-1f0b7f6c2a01';
    const empty = '2d9c4f8e-7c8b-4d6e-9a5e-1f0b7f6c2a02';
    await knex('incidents').insert([
      incidentRow({ id: chained }),
      incidentRow({ id: empty }),
    ]);
    const event = (message: string, at: string) => ({
      incident_id: chained,
      at: new Date(at),
      actor: 'user:default/aisha.khan',
      type: 'note',
      message,
      before: null,
      after: '{"status":"triage"}',
    });
    await knex('incident_timeline').insert(
      event('Launched', '2026-12-01T08:00:00.000Z'),
    );
    await knex('incident_timeline').insert(
      event('Contained', '2026-12-01T09:00:00.000Z'),
    );
    await knex('incident_timeline').insert(
      event('Closed', '2026-12-02T10:00:00.000Z'),
    );

    await migrateUntil(knex, '20261203201500_timeline_hash_chain.js');
    const rows = await knex('incident_timeline')
      .where({ incident_id: chained })
      .orderBy('sequence');
    expect(rows.map(r => [Number(r.position), r.message])).toEqual([
      [1, 'Launched'],
      [2, 'Contained'],
      [3, 'Closed'],
    ]);
    const heads = await knex('incidents')
      .select('id', 'timeline_head')
      .orderBy('id');
    expect(heads).toEqual([
      { id: chained, timeline_head: rows[2].hash },
      { id: empty, timeline_head: null },
    ]);
    const now = new Date('2026-12-03T12:00:00.000Z');
    expect(verifyChain(chained, rows, rows[2].hash, now)).toMatchObject({
      intact: true,
      count: 3,
    });
    expect(
      await rejection(
        knex('incident_timeline').insert({
          ...event('A fork', '2026-12-02T11:00:00.000Z'),
          position: 3,
          hash: 'f'.repeat(64),
        }),
      ),
    ).toMatch(/unique|duplicate/i);

    await knex.migrate.down({ directory: migrationsDir });
    expect(await knex.schema.hasColumn('incident_timeline', 'hash')).toBe(
      false,
    );
    expect(await knex.schema.hasColumn('incident_timeline', 'position')).toBe(
      false,
    );
    expect(await knex.schema.hasColumn('incidents', 'timeline_head')).toBe(
      false,
    );
    expect(
      (await knex('incident_timeline').orderBy('sequence')).map(r => r.message),
    ).toEqual(['Launched', 'Contained', 'Closed']);
    await knex.destroy();
  });
  it('20261203202000_record_integrity.js makes idempotency keys unique per caller, records the last editor, and reverts', async () => {
    const knex = await databases.init(databaseId);
    await migrateUntil(knex, '20261201120000_detection_retry_backoff.js');
    await knex('incidents').insert(
      incidentRow({
        id: '2d9c4f8e-7c8b-4d6e-9a5e-1f0b7f6c1f01',
        idempotency_key: 'k-1',
      }),
    );

    await migrateUntil(knex, '20261203202000_record_integrity.js');
    // an existing key belongs to whoever launched
    expect(
      await knex('incidents').select('idempotency_caller', 'idempotency_hash'),
    ).toEqual([
      { idempotency_caller: 'user:default/aisha.khan', idempotency_hash: null },
    ]);
    // another caller may use the same key; the same caller may not
    await knex('incidents').insert(
      incidentRow({
        id: '2d9c4f8e-7c8b-4d6e-9a5e-1f0b7f6c1f02',
        created_by: 'user:default/wei.tan',
        idempotency_key: 'k-1',
        idempotency_caller: 'user:default/wei.tan',
      }),
    );
    expect(
      await rejection(
        knex('incidents').insert(
          incidentRow({
            id: '2d9c4f8e-7c8b-4d6e-9a5e-1f0b7f6c1f03',
            idempotency_key: 'k-1',
            idempotency_caller: 'user:default/aisha.khan',
          }),
        ),
      ),
    ).toMatch(/unique/i);
    expect(await knex.schema.hasColumn('incident_notices', 'edited_by')).toBe(
      true,
    );

    await knex.migrate.down({ directory: migrationsDir });
    expect(await knex.schema.hasColumn('incidents', 'idempotency_caller')).toBe(
      false,
    );
    expect(await knex.schema.hasColumn('incident_notices', 'edited_by')).toBe(
      false,
    );
    // the later of two shared keys gives its key up; both incidents stay
    expect(
      await knex('incidents').orderBy('id').select('id', 'idempotency_key'),
    ).toEqual([
      { id: '2d9c4f8e-7c8b-4d6e-9a5e-1f0b7f6c1f01', idempotency_key: 'k-1' },
      { id: '2d9c4f8e-7c8b-4d6e-9a5e-1f0b7f6c1f02', idempotency_key: null },
    ]);
    await knex.destroy();
  });

  it('20261204000100_obligations15_rules_version.js adds the rule-table version without touching the record, and reverts', async () => {
    const knex = await databases.init(databaseId);
    await migrateUntil(knex, '20261203202000_record_integrity.js');
    const id = '2d9c4f8e-7c8b-4d6e-9a5e-1f0b7f6c1f11';
    await knex('incidents').insert(incidentRow({ id }));
    await knex('incident_timeline').insert({
      incident_id: id,
      at: new Date(),
      actor: 'user:default/aisha.khan',
      type: 'launched',
      message: 'launched',
    });

    await migrateUntil(knex, '20261204000100_obligations15_rules_version.js');
    expect(await knex('incidents').select('rules_version')).toEqual([
      { rules_version: null },
    ]);
    await knex('incidents')
      .where({ id })
      .update({ rules_version: '0123456789abcdef' });
    expect(await knex('incident_timeline').count({ n: '*' })).toEqual([
      { n: databaseId.startsWith('POSTGRES') ? '1' : 1 },
    ]);

    await knex.migrate.down({ directory: migrationsDir });
    expect(await knex.schema.hasColumn('incidents', 'rules_version')).toBe(
      false,
    );
    // the timeline survives the way back too
    expect(await knex('incident_timeline').count({ n: '*' })).toEqual([
      { n: databaseId.startsWith('POSTGRES') ? '1' : 1 },
    ]);
    await knex.destroy();
  });
});
