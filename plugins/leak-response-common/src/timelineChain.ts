import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';

/**
 * What a timeline event's hash covers: everything that makes the record,
 * as stored. `before` and `after` are the stored JSON text (or null), so the
 * hash does not depend on how a JSON parser orders keys.
 * @public
 */
export interface ChainedTimelineContent {
  incidentId: string;
  /** 1, 2, 3… within the incident. */
  position: number;
  /** ISO 8601 in UTC with milliseconds, as the record stores it. */
  at: string;
  type: string;
  actor: string;
  message: string;
  before: string | null;
  after: string | null;
}

/**
 * Names the canonical form; a different form would need a new version and a
 * migration that re-chains every incident.
 */
const CANONICAL_VERSION = 'leak-response.timeline.v1';

/**
 * The canonical serialisation of one event and the hash before it: a JSON
 * array in a fixed order. JSON string escaping makes the field boundaries
 * unambiguous, whatever people typed.
 * @public
 */
export function canonicalTimelineEvent(
  content: ChainedTimelineContent,
  previousHash: string | null,
): string {
  return JSON.stringify([
    CANONICAL_VERSION,
    content.incidentId,
    content.position,
    new Date(content.at).toISOString(),
    content.type,
    content.actor,
    content.message,
    content.before,
    content.after,
    previousHash,
  ]);
}

/**
 * The hash of one timeline event: SHA-256 (hex) of its canonical form, which
 * includes the previous event's hash (null for the first event).
 * @public
 */
export function timelineEventHash(
  content: ChainedTimelineContent,
  previousHash: string | null,
): string {
  return bytesToHex(
    sha256(utf8ToBytes(canonicalTimelineEvent(content, previousHash))),
  );
}

/**
 * The answer of `GET /v1/incidents/{id}/verify`: the chain recomputed from
 * the stored events.
 * @public
 */
export interface TimelineVerification {
  incidentId: string;
  intact: boolean;
  /** Events in the chain. */
  count: number;
  /** The last event's stored hash (what the report prints); null when empty. */
  head: string | null;
  /** When not intact: what does not match, in words. */
  reason?: string;
  /**
   * When not intact: the first event that does not match (absent only when
   * every event is gone but the incident still has a head).
   */
  firstBroken?: {
    sequence: number;
    position: number;
    at: string;
    type: string;
  };
  verifiedAt: string;
}
