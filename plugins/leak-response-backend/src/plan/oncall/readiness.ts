import { DateTime } from 'luxon';
import { ReadinessGap } from '../api';
import {
  handoverIso,
  isoMillis,
  memberAt,
  Rotation,
  shiftIndexesBetween,
} from './rotation';

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
  // Hand-overs are numbers (epoch ms) here: luxon's zone arithmetic per
  // shift was most of a plan's CPU time.
  const nowMs = now.toMillis();
  const missingByUser = new Map<string, string[]>();
  const missingOf = (user: string) => {
    let missing = missingByUser.get(user);
    if (!missing) {
      const held = new Set(trainings(user));
      missing = requiredTrainings.filter(t => !held.has(t));
      missingByUser.set(user, missing);
    }
    return missing;
  };
  const gaps: ReadinessGap[] = [];
  for (const rotation of rotations) {
    for (const index of shiftIndexesBetween(
      rotation,
      nowMs,
      horizonUntil.toMillis(),
    )) {
      const member = memberAt(rotation, index);
      const missing = missingOf(member);
      if (missing.length > 0) {
        gaps.push({
          kind: 'untrained-slot',
          rotationOf: rotation.group,
          userRef: member,
          from: handoverIso(rotation, index),
          until: handoverIso(rotation, index + 1),
          missingTrainings: [...missing],
        });
      }
    }
    for (const peak of options.peaks) {
      if (peak.until.toMillis() <= nowMs) continue;
      const trained = new Set<string>();
      for (const index of shiftIndexesBetween(
        rotation,
        peak.from.toMillis(),
        peak.until.toMillis(),
      )) {
        const member = memberAt(rotation, index);
        if (missingOf(member).length === 0) trained.add(member);
      }
      if (trained.size < peak.minTrainedResponders) {
        gaps.push({
          kind: 'peak-understaffed',
          rotationOf: rotation.group,
          peak: peak.name,
          from: isoMillis(peak.from.toMillis()),
          until: isoMillis(peak.until.toMillis()),
          trainedResponders: [...trained].sort(),
          required: peak.minTrainedResponders,
        });
      }
    }
  }
  return gaps;
}
