import { Knex } from 'knex';
import {
  ChainedTimelineContent,
  TimelineVerification,
  timelineEventHash,
} from '@leak-response/plugin-leak-response-common';

/** A timeline event as it is about to be stored, before it is chained. */
export type UnchainedTimelineRow = {
  incident_id: string;
  at: Date;
  actor: string;
  type: string;
  message: string;
  before: string | null;
  after: string | null;
};

/** A stored timeline event, with what the chain needs. */
export type ChainedTimelineRow = Omit<UnchainedTimelineRow, 'at'> & {
  sequence: number | string;
  at: Date | string | number;
  position: number | string | null;
  hash: string | null;
};

function contentOf(
  row: Omit<ChainedTimelineRow, 'sequence' | 'hash' | 'position'>,
  position: number,
): ChainedTimelineContent {
  return {
    incidentId: row.incident_id,
    position,
    // SQLite returns epoch numbers or strings, PostgreSQL Dates
    at: new Date(row.at).toISOString(),
    type: row.type,
    actor: row.actor,
    message: row.message,
    before: row.before,
    after: row.after,
  };
}

/**
 * Appends events to an incident's chain inside the caller's transaction.
 * The incident row is locked first (PostgreSQL; SQLite serialises write
 * transactions by itself), so two concurrent appends read the same head one
 * after the other and the chain cannot fork; the unique (incident, position)
 * index would refuse a fork even without the lock.
 */
export async function appendChainedEvents(
  tx: Knex.Transaction,
  incidentId: string,
  rows: UnchainedTimelineRow[],
): Promise<void> {
  if (rows.length === 0) {
    return;
  }
  await tx('incidents').where({ id: incidentId }).forUpdate().first('id');
  const last: { position: number | string; hash: string } | undefined =
    await tx('incident_timeline')
      .where({ incident_id: incidentId })
      .whereNotNull('position')
      .orderBy('position', 'desc')
      .first('position', 'hash');
  let position = last ? Number(last.position) : 0;
  let previous: string | null = last?.hash ?? null;
  const chained = rows.map(row => {
    position += 1;
    const hash = timelineEventHash(contentOf(row, position), previous);
    previous = hash;
    return { ...row, position, hash };
  });
  await tx('incident_timeline').insert(chained);
  await tx('incidents')
    .where({ id: incidentId })
    .update({ timeline_head: previous });
}

/**
 * Recomputes an incident's chain from its stored events (in the order they
 * were appended) and names the first one that does not match: a changed
 * field, a missing or moved event, or a head that is not the last event's
 * hash (events removed from the end). Pure; the store reads the rows.
 */
export function verifyChain(
  incidentId: string,
  rows: ChainedTimelineRow[],
  storedHead: string | null,
  verifiedAt: Date,
): TimelineVerification {
  const result = (broken?: {
    row?: ChainedTimelineRow;
    reason: string;
  }): TimelineVerification => ({
    incidentId,
    intact: !broken,
    count: rows.length,
    head: storedHead,
    ...(broken && { reason: broken.reason }),
    ...(broken?.row && {
      firstBroken: {
        sequence: Number(broken.row.sequence),
        position: Number(broken.row.position),
        at: new Date(broken.row.at).toISOString(),
        type: broken.row.type,
      },
    }),
    verifiedAt: verifiedAt.toISOString(),
  });

  let previous: string | null = null;
  for (const [index, row] of rows.entries()) {
    const expectedPosition = index + 1;
    if (row.hash === null) {
      return result({ row, reason: 'the event has no hash' });
    }
    if (Number(row.position) !== expectedPosition) {
      return result({
        row,
        reason: `the event is at position ${row.position} where ${expectedPosition} was expected: an event before it is missing or was moved`,
      });
    }
    const expected = timelineEventHash(
      contentOf(row, expectedPosition),
      previous,
    );
    if (expected !== row.hash) {
      return result({
        row,
        reason:
          previous === null
            ? 'the event does not match its hash: a field was changed'
            : 'the event does not match its hash: one of its fields was changed, or the previous event was changed and re-hashed',
      });
    }
    previous = row.hash;
  }
  if (storedHead !== previous) {
    const last = rows[rows.length - 1];
    return result({
      row: last,
      reason: last
        ? `the incident's head ${storedHead} is not the last event's hash: events after it are missing, or the head was changed`
        : `the incident's head is ${storedHead} but it has no events: they were removed`,
    });
  }
  return result();
}

/** Reads an incident's chain and verifies it; undefined when there is no such incident. */
export async function verifyIncidentTimeline(
  db: Knex,
  incidentId: string,
  verifiedAt: Date,
): Promise<TimelineVerification | undefined> {
  const incident: { timeline_head: string | null } | undefined = await db(
    'incidents',
  )
    .where({ id: incidentId })
    .first('timeline_head');
  if (!incident) {
    return undefined;
  }
  const rows: ChainedTimelineRow[] = await db('incident_timeline')
    .where({ incident_id: incidentId })
    .orderBy('sequence')
    .select(
      'sequence',
      'incident_id',
      'at',
      'actor',
      'type',
      'message',
      'before',
      'after',
      'position',
      'hash',
    );
  return verifyChain(incidentId, rows, incident.timeline_head, verifiedAt);
}
