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
 * An index on the launcher's ref in lower case, for the read permission's
 * IS_CREATOR rule: listings filter on lower(created_by) IN (...). The column
 * keeps the spelling the caller's ref had (it is shown as "opened by"), so
 * the index is on the expression rather than on a second, lower-cased column.
 * SQLite and PostgreSQL both index expressions with this statement.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.raw(
    'CREATE INDEX incidents_creator_idx ON incidents (lower(created_by))',
  );
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.raw('DROP INDEX incidents_creator_idx');
};
