/** A point of a deadline window at which people are reminded. */
export type Threshold = number | 'overdue';

export const DEFAULT_THRESHOLDS: readonly number[] = [50, 75, 90];

/** The claim key of a threshold: `50`, `75`, `90` or `overdue`. */
export function thresholdKey(threshold: Threshold): string {
  return String(threshold);
}

/**
 * The thresholds of the window `[startAt, dueAt]` that `now` has reached, in
 * order; `overdue` once the deadline has passed. A window that is empty or
 * inverted (due at or before its start) is only ever overdue.
 */
export function reachedThresholds(
  window: { startAt: Date; dueAt: Date },
  now: Date,
  percents: readonly number[] = DEFAULT_THRESHOLDS,
): Threshold[] {
  const start = window.startAt.getTime();
  const due = window.dueAt.getTime();
  const length = due - start;
  const reached: Threshold[] = [];
  if (length > 0) {
    for (const percent of [...percents].sort((a, b) => a - b)) {
      if (now.getTime() >= start + (length * percent) / 100) {
        reached.push(percent);
      }
    }
  }
  if (now.getTime() >= due) {
    reached.push('overdue');
  }
  return reached;
}

/** How a threshold reads in a notification title. */
export function describeThreshold(threshold: Threshold): string {
  return threshold === 'overdue'
    ? 'is overdue'
    : `has used ${threshold}% of its window`;
}
