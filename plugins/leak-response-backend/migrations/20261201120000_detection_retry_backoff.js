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
 * How often a pending delivery has been handled again, and when it may be
 * next: a finding that keeps failing (an entity the plan cannot be made for,
 * a bug) is retried ever less often instead of every `retryAfter` forever.
 * Existing rows start at 0 attempts with no retry time, which means "once
 * `retryAfter` old", as before.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('detections', table => {
    table
      .integer('attempts')
      .notNullable()
      .defaultTo(0)
      .comment('How many times a pending delivery was taken over again');
    table
      .timestamp('retry_at', { useTz: true, precision: 3 })
      .nullable()
      .comment('When a pending delivery may be taken over next; null: once retryAfter old');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('detections', table => {
    table.dropColumn('retry_at');
    table.dropColumn('attempts');
  });
};
