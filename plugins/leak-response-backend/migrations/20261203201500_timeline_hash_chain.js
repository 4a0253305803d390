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

const {
  timelineEventHash,
} = require('@leak-response/plugin-leak-response-common');

/**
 * A hash chain per incident over its timeline: each event stores its
 * position in the incident and a hash over its content and the previous
 * event's hash; the incident stores the last hash (the head), so that a
 * removed last event shows too. Existing incidents are chained here, in
 * the order of their sequence, with the same function the store uses.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('incident_timeline', table => {
    table
      .integer('position')
      .nullable()
      .comment('1, 2, 3… within the incident; unique per incident');
    table
      .string('hash', 64)
      .nullable()
      .comment('SHA-256 over the event and the previous hash (hex)');
    table.unique(['incident_id', 'position'], {
      indexName: 'incident_timeline_position_uniq',
    });
  });
  await knex.schema.alterTable('incidents', table => {
    table
      .string('timeline_head', 64)
      .nullable()
      .comment('The hash of the last timeline event');
  });

  const incidents = await knex('incidents').select('id');
  for (const { id } of incidents) {
    const events = await knex('incident_timeline')
      .where({ incident_id: id })
      .orderBy('sequence');
    /** @type {string | null} */
    let previous = null;
    for (const [index, event] of events.entries()) {
      const position = index + 1;
      const hash = timelineEventHash(
        {
          incidentId: id,
          position,
          at: new Date(event.at).toISOString(),
          type: event.type,
          actor: event.actor,
          message: event.message,
          before: event.before,
          after: event.after,
        },
        previous,
      );
      await knex('incident_timeline')
        .where({ sequence: event.sequence })
        .update({ position, hash });
      previous = hash;
    }
    await knex('incidents').where({ id }).update({ timeline_head: previous });
  }
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('incident_timeline', table => {
    table.dropUnique(
      ['incident_id', 'position'],
      'incident_timeline_position_uniq',
    );
  });
  // Plain DROP COLUMN (SQLite 3.35+ and PostgreSQL): knex would rebuild the
  // table on SQLite, and rebuilding `incidents` cascades to the timeline.
  await knex.raw('ALTER TABLE incidents DROP COLUMN timeline_head');
  await knex.raw('ALTER TABLE incident_timeline DROP COLUMN hash');
  await knex.raw('ALTER TABLE incident_timeline DROP COLUMN position');
};
