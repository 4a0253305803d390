import { DateTime } from 'luxon';
import { ReadinessGap } from '../api';
import { Rotation, shiftsBetween } from './rotation';

/** A period of higher risk (e.g. Black Friday to New Year). */
export interface PeakPeriod {
  name: string;
  /** Inclusive, in UTC unless it carries an offset. */
  from: DateTime;
  /** Exclusive. */
  until: DateTime;
  /** Distinct responders holding every required training that the rotation must have on shift. */
  minTrainedResponders: number;
}

/**
 * The readiness gaps of rotations:
 * - every shift starting before `now + horizon` (the current one included)
 *   whose person lacks one of the required trainings;
 * - every peak period not yet over in which a rotation puts fewer distinct
 *   fully trained people on shift than the peak requires.
 */
export function readinessGaps(options: {
  rotations: Rotation[];
  trainings: (userRef: string) => string[];
  requiredTrainings: string[];
  now: DateTime;
  horizonUntil: DateTime;
  peaks: PeakPeriod[];
}): ReadinessGap[] {
  const { rotations, trainings, requiredTrainings, now, horizonUntil } =
    options;
  const missingOf = (user: string) => {
    const held = new Set(trainings(user));
    return requiredTrainings.filter(t => !held.has(t));
  };
  const gaps: ReadinessGap[] = [];
  for (const rotation of rotations) {
    for (const shift of shiftsBetween(rotation, now, horizonUntil)) {
      const missing = missingOf(shift.member);
      if (missing.length > 0) {
        gaps.push({
          kind: 'untrained-slot',
          rotationOf: rotation.group,
          userRef: shift.member,
          from: shift.from.toUTC().toISO()!,
          until: shift.until.toUTC().toISO()!,
          missingTrainings: missing,
        });
      }
    }
    for (const peak of options.peaks) {
      if (peak.until <= now) continue;
      const trained = new Set<string>();
      for (const shift of shiftsBetween(rotation, peak.from, peak.until)) {
        if (missingOf(shift.member).length === 0) trained.add(shift.member);
      }
      if (trained.size < peak.minTrainedResponders) {
        gaps.push({
          kind: 'peak-understaffed',
          rotationOf: rotation.group,
          peak: peak.name,
          from: peak.from.toUTC().toISO()!,
          until: peak.until.toUTC().toISO()!,
          trainedResponders: [...trained].sort(),
          required: peak.minTrainedResponders,
        });
      }
    }
  }
  return gaps;
}
