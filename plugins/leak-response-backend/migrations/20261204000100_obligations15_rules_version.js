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
 * Provenance of an incident's obligations: the version (content hash) of
 * the rule table they were decided with at launch. Each obligation's own
 * rule version lives in its stored evaluation.
 *
 * Plain ADD / DROP COLUMN: knex's SQLite alterTable rebuilds `incidents`,
 * and the rebuild's DROP TABLE would cascade-delete every incident's
 * record. Existing incidents keep NULL: their rule table is not known.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.raw('ALTER TABLE incidents ADD COLUMN rules_version varchar(64)');
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.raw('ALTER TABLE incidents DROP COLUMN rules_version');
};
