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
 * The record an incident keeps: affected entities, playbook tasks,
 * obligations, notice drafts and the append-only timeline.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('incidents', table => {
    table.string('playbook_id', 128).nullable();
    table.string('playbook_version', 64).nullable();
    table
      .text('assessment')
      .nullable()
      .comment('JSON: the assessment answers the obligations were evaluated with');
    table
      .text('facts')
      .nullable()
      .comment('JSON: the incident facts of the obligations engine, from launch');
  });

  await knex.schema.createTable('incident_entities', table => {
    table.comment('Entities affected by an incident, snapshotted at launch');
    table
      .uuid('incident_id')
      .notNullable()
      .references('id')
      .inTable('incidents')
      .onDelete('CASCADE');
    table.string('entity_ref', 512).notNullable();
    table.string('role', 32).notNullable();
    table.string('owner_ref', 512).nullable();
    table.string('system_ref', 512).nullable();
    table
      .text('snapshot')
      .notNullable()
      .comment('JSON: kind, type, owner, system, data categories, subjects, regions');
    table.timestamp('added_at', { useTz: true, precision: 3 }).notNullable();
    table.string('added_by', 512).notNullable();
    table.timestamp('removed_at', { useTz: true, precision: 3 }).nullable();
    table.primary(['incident_id', 'entity_ref']);
    table.index(['entity_ref'], 'incident_entities_ref_idx');
    table.index(['owner_ref'], 'incident_entities_owner_idx');
    table.index(['system_ref'], 'incident_entities_system_idx');
  });

  await knex.schema.createTable('incident_tasks', table => {
    table.comment('Steps of the playbook, instantiated for one incident');
    table.uuid('id').primary().notNullable();
    table
      .uuid('incident_id')
      .notNullable()
      .references('id')
      .inTable('incidents')
      .onDelete('CASCADE');
    table.integer('position').notNullable();
    table.string('step_id', 128).notNullable();
    table.string('title', 500).notNullable();
    table.text('description').nullable();
    table.text('responsible').notNullable().comment('JSON array of entity refs');
    table.string('accountable', 512).nullable();
    table.timestamp('due_at', { useTz: true, precision: 3 }).nullable();
    table.string('done_by', 512).nullable();
    table.timestamp('done_at', { useTz: true, precision: 3 }).nullable();
    table.index(['incident_id'], 'incident_tasks_incident_idx');
  });

  await knex.schema.createTable('incident_obligations', table => {
    table.comment('Regulatory and contractual obligations of an incident');
    table.uuid('id').primary().notNullable();
    table
      .uuid('incident_id')
      .notNullable()
      .references('id')
      .inTable('incidents')
      .onDelete('CASCADE');
    table.string('rule_id', 128).notNullable();
    table.string('regime', 128).notNullable();
    table.string('recipient', 300).notNullable();
    table.string('stage', 128).notNullable();
    table
      .string('status', 32)
      .notNullable()
      .comment('pending | to-be-determined | drafted | approved | submitted | not-required');
    table.timestamp('due_at', { useTz: true, precision: 3 }).nullable();
    table.string('due_text', 300).nullable();
    table.text('evaluation').notNullable().comment('JSON: the engine output');
    table.text('justification').nullable();
    table
      .string('decided_by', 512)
      .nullable()
      .comment('Who set the status by hand; null while the engine decides it');
    table.timestamp('submitted_at', { useTz: true, precision: 3 }).nullable();
    table.string('submission_ref', 300).nullable();
    table.timestamp('updated_at', { useTz: true, precision: 3 }).notNullable();
    table.unique(['incident_id', 'rule_id'], {
      indexName: 'incident_obligations_rule_uniq',
    });
    table.index(['status', 'due_at'], 'incident_obligations_due_idx');
  });

  await knex.schema.createTable('incident_notices', table => {
    table.comment('Notice drafts rendered from pre-approved templates');
    table.uuid('id').primary().notNullable();
    table
      .uuid('incident_id')
      .notNullable()
      .references('id')
      .inTable('incidents')
      .onDelete('CASCADE');
    table.uuid('obligation_id').nullable();
    table.string('template_id', 128).notNullable();
    table.string('status', 32).notNullable().comment('draft | approved | submitted');
    table.text('body').notNullable();
    table.string('approved_by', 512).nullable();
    table.timestamp('approved_at', { useTz: true, precision: 3 }).nullable();
    table.timestamp('submitted_at', { useTz: true, precision: 3 }).nullable();
    table.string('submission_ref', 300).nullable();
    table.string('created_by', 512).notNullable();
    table.timestamp('created_at', { useTz: true, precision: 3 }).notNullable();
    table.timestamp('updated_at', { useTz: true, precision: 3 }).notNullable();
    table.index(['incident_id'], 'incident_notices_incident_idx');
  });

  await knex.schema.createTable('incident_timeline', table => {
    table.comment('Append-only history of an incident; never updated or deleted by the API');
    table.bigIncrements('sequence').primary();
    table
      .uuid('incident_id')
      .notNullable()
      .references('id')
      .inTable('incidents')
      .onDelete('CASCADE');
    table.timestamp('at', { useTz: true, precision: 3 }).notNullable();
    table.string('actor', 512).notNullable();
    table.string('type', 64).notNullable();
    table.text('message').notNullable();
    table.text('before').nullable().comment('JSON');
    table.text('after').nullable().comment('JSON');
    table.index(['incident_id', 'sequence'], 'incident_timeline_incident_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('incident_timeline');
  await knex.schema.dropTable('incident_notices');
  await knex.schema.dropTable('incident_obligations');
  await knex.schema.dropTable('incident_tasks');
  await knex.schema.dropTable('incident_entities');
  await knex.schema.alterTable('incidents', table => {
    table.dropColumn('playbook_id');
    table.dropColumn('playbook_version');
    table.dropColumn('assessment');
    table.dropColumn('facts');
  });
};
