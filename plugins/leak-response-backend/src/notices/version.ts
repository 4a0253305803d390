import { createHash } from 'node:crypto';

/**
 * The version of a notice: the SHA-256 of its body. An approver sends the
 * version they read; any edit since changes it, so nobody approves a text
 * they have not seen.
 */
export function noticeVersion(body: string): string {
  return createHash('sha256').update(body, 'utf8').digest('hex');
}
