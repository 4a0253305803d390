/*
 * The approval chain and idempotency of issue 13:
 * - `incident_notices.edited_by`: who last edited a draft, so that neither
 *   the drafter nor the last editor approves it (four eyes);
 * - idempotency keys belong to their caller: unique per
 *   (`idempotency_caller`, `idempotency_key`) instead of globally, with the
 *   hash of the first request's body (`idempotency_hash`) to refuse a replay
 *   that asks for something else. Existing keys belong to whoever launched.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('incident_notices', table => {
    table.string('edited_by', 512).nullable();
  });
  await knex.schema.alterTable('incidents', table => {
    table.string('idempotency_caller', 512).nullable();
    table.string('idempotency_hash', 64).nullable();
  });
  await knex('incidents')
    .whereNotNull('idempotency_key')
    .update({ idempotency_caller: knex.ref('created_by') });
  await knex.schema.alterTable('incidents', table => {
    table.dropUnique(['idempotency_key'], 'incidents_idempotency_key_uniq');
    table.unique(['idempotency_caller', 'idempotency_key'], {
      indexName: 'incidents_idempotency_caller_key_uniq',
    });
  });
};

/**
 * Back to global keys: of keys two callers share, the later incidents lose
 * theirs (the incidents themselves stay).
 *
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  const rows = await knex('incidents')
    .whereNotNull('idempotency_key')
    .orderBy('created_at')
    .orderBy('id')
    .select('id', 'idempotency_key');
  const seen = new Set();
  for (const row of rows) {
    if (seen.has(row.idempotency_key)) {
      await knex('incidents')
        .where({ id: row.id })
        .update({ idempotency_key: null });
    }
    seen.add(row.idempotency_key);
  }
  await knex.schema.alterTable('incidents', table => {
    table.dropUnique(
      ['idempotency_caller', 'idempotency_key'],
      'incidents_idempotency_caller_key_uniq',
    );
  });
  await knex.schema.alterTable('incidents', table => {
    table.dropColumn('idempotency_hash');
    table.dropColumn('idempotency_caller');
    table.unique(['idempotency_key'], {
      indexName: 'incidents_idempotency_key_uniq',
    });
  });
  await knex.schema.alterTable('incident_notices', table => {
    table.dropColumn('edited_by');
  });
};
