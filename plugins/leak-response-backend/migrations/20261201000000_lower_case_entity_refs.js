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
 * Owner and system refs of affected entities in lower case, as the store now
 * writes them: entity refs compare without case, and the read permission's
 * owner rule and the owner/system filters match these columns exactly.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex('incident_entities').update({
    owner_ref: knex.raw('lower(owner_ref)'),
    system_ref: knex.raw('lower(system_ref)'),
  });
};

/**
 * Nothing to undo: the spelling of a ref carries no meaning, and the
 * original is still in each row's snapshot.
 *
 * @param {import('knex').Knex} _knex
 */
exports.down = async function down(_knex) {};
