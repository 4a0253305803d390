/*
 * Copyright 2026 The Leak Response Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('incidents', table => {
    table.comment('One leak, real or exercise, from launch to closure');
    table.uuid('id').primary().notNullable();
    table.string('title', 300).notNullable();
    table.string('leak_type', 64).notNullable();
    table
      .string('origin_entity_ref', 512)
      .notNullable()
      .comment('The catalog entity the leak started from');
    table.string('severity', 16).notNullable();
    table.string('status', 32).notNullable();
    table.boolean('exercise').notNullable().defaultTo(false);
    table.text('summary').nullable();
    table
      .timestamp('aware_at', { useTz: true, precision: 3 })
      .notNullable()
      .comment('When the organisation became aware: most clocks start here');
    table.timestamp('detected_at', { useTz: true, precision: 3 }).nullable();
    table.string('source', 64).nullable();
    table
      .string('source_ref', 512)
      .nullable()
      .comment('e.g. a GuardDuty finding id; unique per source');
    table.string('idempotency_key', 256).nullable();
    table.string('created_by', 512).notNullable();
    table
      .timestamp('created_at', { useTz: true, precision: 3 })
      .notNullable();
    table
      .timestamp('updated_at', { useTz: true, precision: 3 })
      .notNullable();
    table.unique(['source', 'source_ref'], {
      indexName: 'incidents_source_ref_uniq',
    });
    table.unique(['idempotency_key'], {
      indexName: 'incidents_idempotency_key_uniq',
    });
    table.index(['status'], 'incidents_status_idx');
    table.index(['origin_entity_ref'], 'incidents_origin_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('incidents');
};
