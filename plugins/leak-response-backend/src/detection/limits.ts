import { createHash } from 'node:crypto';
import { ParsedDetection } from './parseDetection';

/**
 * The widths of the columns a finding is stored in (`detections`, and the
 * incident's `source_ref`), in characters: migration
 * `20261128000000_detections_and_escalations` and `20261125000000_incidents`.
 * PostgreSQL refuses a longer value; SQLite would take it.
 */
export const DETECTION_COLUMN_LIMITS = {
  findingId: 512,
  revision: 256,
  findingType: 256,
  title: 500,
  arn: 2048,
} as const;

/** A key too long for its column, as a stable value that fits (71 characters). */
export function hashedKey(value: string): string {
  return `sha256:${createHash('sha256').update(value, 'utf8').digest('hex')}`;
}

/** PostgreSQL text cannot hold NUL; no finding needs it. */
export function withoutNul(value: string): string {
  return value.includes('\u0000') ? value.split('\u0000').join('') : value;
}

/**
 * Makes a parsed finding fit its columns, or says why it cannot be stored.
 * An id AWS assigned (GuardDuty, Macie: 32–64 characters) that is longer
 * than its column is not a real finding and is refused; the keys this
 * parser composes (a CloudWatch alarm episode, a revision from an event id)
 * are hashed, which keeps them stable; descriptive text is cut.
 */
export function fitToColumns(
  detection: ParsedDetection,
): { ok: true; detection: ParsedDetection } | { ok: false; reason: string } {
  const limits = DETECTION_COLUMN_LIMITS;
  let findingId = detection.findingId;
  if (findingId.length > limits.findingId) {
    if (detection.source !== 'cloudwatch') {
      return {
        ok: false,
        reason: `${detection.source} finding: detail.id is ${findingId.length} characters, more than the ${limits.findingId} a finding id is stored with`,
      };
    }
    findingId = hashedKey(findingId);
  }
  const revision =
    detection.revision.length > limits.revision
      ? hashedKey(detection.revision)
      : detection.revision;
  return {
    ok: true,
    detection: {
      ...detection,
      findingId,
      revision,
      findingType: withoutNul(detection.findingType).slice(
        0,
        limits.findingType,
      ),
      title: withoutNul(detection.title).slice(0, limits.title),
      resourceArns: detection.resourceArns.map(withoutNul),
    },
  };
}

/**
 * An error of the database about the value itself (PostgreSQL class 22,
 * data exception: too long, bad encoding, out of range): sending the same
 * finding again can never store it.
 */
export function isUnstorable(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && code.startsWith('22');
}
