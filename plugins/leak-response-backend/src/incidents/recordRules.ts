/*
 * The rules that keep an incident's record honest: who may decide, when a
 * date may lie, and what a replayed launch must match. Pure functions and
 * one error, used by the incident service.
 */
import { createHash } from 'node:crypto';
import { CustomErrorBase, InputError } from '@backstage/errors';
import {
  IncidentObligation,
  IncidentObligationStatus,
} from '@leak-response/plugin-leak-response-common';

/** No record of this product reaches further back. */
export const EARLIEST_DATE = Date.parse('2000-01-01T00:00:00Z');

/** Clocks of callers and servers differ a little; a minute is not "future". */
const CLOCK_SKEW_MS = 60_000;

/** Obligations nobody has decided yet: closing over them is a decision. */
export const OPEN_OBLIGATION_STATUSES: readonly IncidentObligationStatus[] = [
  'pending',
  'to-be-determined',
  'drafted',
  'approved',
];

/** Statuses only a decision (the decide permission) sets or undoes. */
export const DECIDED_OBLIGATION_STATUSES: readonly IncidentObligationStatus[] =
  ['submitted', 'not-required'];

export function openObligations(
  obligations: IncidentObligation[],
): IncidentObligation[] {
  return obligations.filter(o => OPEN_OBLIGATION_STATUSES.includes(o.status));
}

/** 400 naming `field` unless `value` lies between `from` and now. */
export function assertDateBetween(
  field: string,
  value: string,
  from: { at: number; what: string },
  now: Date,
) {
  const at = Date.parse(value);
  if (at < from.at) {
    throw new InputError(`${field}: must not be before ${from.what}`);
  }
  if (at > now.getTime() + CLOCK_SKEW_MS) {
    throw new InputError(`${field}: must not be in the future`);
  }
}

/** 400 naming `field` unless `value` lies between 2000-01-01 and now. */
export function assertPlausibleDate(field: string, value: string, now: Date) {
  assertDateBetween(
    field,
    value,
    { at: EARLIEST_DATE, what: '2000-01-01T00:00:00Z' },
    now,
  );
}

/**
 * The hash of a launch request under an idempotency key: the same request,
 * whatever the order of its keys, hashes the same.
 */
export function requestHash(request: Record<string, unknown>): string {
  const canonical = JSON.stringify(
    Object.keys(request)
      .filter(key => request[key] !== undefined)
      .sort()
      .map(key => [key, request[key]]),
  );
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/**
 * A replay of an idempotency key with a different body: 422, never the
 * incident of the first request.
 */
export class IdempotencyMismatchError extends CustomErrorBase {
  name = 'IdempotencyMismatchError' as const;
  statusCode = 422;
}
