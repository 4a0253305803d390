import { TimelineVerification } from '@leak-response/plugin-leak-response-common';

/**
 * The report's line about the timeline's hash chain: its head (what a reader
 * files to check the record later) and whether it verified when the report
 * was made. Made of hashes, numbers and fixed words only, so it needs no
 * escaping in markdown or PDF.
 */
export function chainStatement(chain: TimelineVerification): string {
  const head = chain.head ?? 'none (no events)';
  if (chain.intact) {
    return `Timeline hash chain: ${chain.count} events, head ${head} (verified intact at ${chain.verifiedAt})`;
  }
  const where = chain.firstBroken
    ? `first broken at event ${chain.firstBroken.position} (sequence ${chain.firstBroken.sequence})`
    : 'its events are missing';
  return `Timeline hash chain: ${chain.count} events, head ${head} — NOT INTACT at ${chain.verifiedAt}: ${where}`;
}
