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
 * Detections received from AWS (GuardDuty, Macie, CloudWatch alarms), mapped
 * or not, and the claims that make each deadline escalation happen once.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('detections', table => {
    table.comment(
      'Every delivery of an AWS finding, deduplicated by source, finding id and revision',
    );
    table.uuid('id').primary().notNullable();
    table.string('source', 32).notNullable().comment('guardduty | macie | cloudwatch');
    table.string('finding_id', 512).notNullable();
    table
      .string('revision', 256)
      .notNullable()
      .comment('Which update of the finding: its updatedAt, or the EventBridge event id');
    table.string('finding_type', 256).notNullable();
    table.string('title', 500).notNullable();
    table.string('severity', 16).notNullable();
    table.text('resource_arns').notNullable().comment('JSON array of ARNs');
    table
      .string('matched_arn', 2048)
      .nullable()
      .comment('The ARN that mapped to an entity; null when unmapped');
    table.string('entity_ref', 512).nullable();
    table.uuid('incident_id').nullable();
    table
      .string('outcome', 32)
      .notNullable()
      .comment('pending | incident-created | incident-updated | unmapped');
    table.timestamp('first_seen_at', { useTz: true, precision: 3 }).notNullable();
    table.timestamp('received_at', { useTz: true, precision: 3 }).notNullable();
    table.text('summary').nullable().comment('JSON: account, region, type and other facts');
    table.unique(['source', 'finding_id', 'revision'], {
      indexName: 'detections_revision_uniq',
    });
    table.index(['outcome', 'received_at'], 'detections_outcome_idx');
  });

  await knex.schema.createTable('escalation_claims', table => {
    table.comment(
      'One row per obligation and threshold: whoever inserts it sends the escalation',
    );
    table.uuid('obligation_id').notNullable();
    table.uuid('incident_id').notNullable();
    table.string('threshold', 16).notNullable().comment('e.g. 50, 75, 90 or overdue');
    table.string('claimed_by', 256).notNullable();
    table.timestamp('claimed_at', { useTz: true, precision: 3 }).notNullable();
    table
      .string('outcome', 32)
      .notNullable()
      .comment('sending | sent | superseded (a later threshold was sent instead)');
    table.text('recipients').nullable().comment('JSON array of entity refs');
    table.primary(['obligation_id', 'threshold']);
    table.index(['incident_id'], 'escalation_claims_incident_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('escalation_claims');
  await knex.schema.dropTable('detections');
};
