/**
 * The events a notification deadline can run from.
 *
 * Several laws word the start differently ("discovery", "suspicion",
 * "noticing") but mean the moment the organisation learns of the incident;
 * those fall back to the awareness time when no separate time is given.
 * The others are later decisions or acts (a determination, the consumer
 * notice being sent, a previous report being filed): until they happen the
 * clock has not started, and the engine says so instead of guessing.
 *
 * @public
 */
export const CLOCK_EVENTS = {
  aware: { label: 'became aware of the incident', sameAsAwareness: true },
  discovery: { label: 'discovered the breach', sameAsAwareness: true },
  suspicion: { label: 'suspected the compromise', sameAsAwareness: true },
  incident: { label: 'the incident (as known)', sameAsAwareness: true },
  noticed: { label: 'noticed the incident', sameAsAwareness: true },
  occurrence: { label: 'occurrence of the incident', sameAsAwareness: true },
  credible_grounds: {
    label: 'had credible grounds to believe a breach occurred',
    sameAsAwareness: true,
  },
  knowledge_pd_affected: {
    label: 'learned that the incident affected personal data',
    sameAsAwareness: true,
  },
  determination: {
    label: 'determined that a breach occurred',
    sameAsAwareness: false,
  },
  notifiable_determination: {
    label: 'determined that the breach is notifiable',
    sameAsAwareness: false,
  },
  belief: {
    label: 'had reasonable grounds to believe an eligible breach occurred',
    sameAsAwareness: false,
  },
  materiality_determination: {
    label: 'determined that the incident is material',
    sameAsAwareness: false,
  },
  classification: {
    label: 'classified the incident as major',
    sameAsAwareness: false,
  },
  consumer_notice_sent: {
    label: 'sent the notice to affected individuals',
    sameAsAwareness: false,
  },
  nis2_n_submitted: {
    label: 'submitted the NIS2 incident notification',
    sameAsAwareness: false,
  },
  first_notice: {
    label: 'submitted the first notice to the authority',
    sameAsAwareness: false,
  },
  handling_complete: {
    label: 'completed handling of the incident',
    sameAsAwareness: false,
  },
} as const;

/** @public */
export type ClockEvent = keyof typeof CLOCK_EVENTS;

/** @public */
export function isClockEvent(value: unknown): value is ClockEvent {
  return typeof value === 'string' && Object.hasOwn(CLOCK_EVENTS, value);
}
