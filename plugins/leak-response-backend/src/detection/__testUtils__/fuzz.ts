/*
 * What the detection fuzz tests start from: one valid event of each kind the
 * parser reads, and a way to break one of them somewhere deep.
 */
import {
  cloudWatchEndpointAlarm,
  guardDutyCredentialFinding,
  guardDutyS3Finding,
  macieObjectFinding,
} from './events';

export const VALID_EVENTS: unknown[] = [
  guardDutyS3Finding(),
  guardDutyCredentialFinding(),
  macieObjectFinding(),
  cloudWatchEndpointAlarm(),
];

/**
 * A copy of `event` with the value at `path` replaced by `value`; each step
 * of the path picks a key by index (modulo the keys there), and the path
 * ends early at a leaf or an empty object.
 */
export function mutate(
  event: unknown,
  path: number[],
  value: unknown,
): unknown {
  if (typeof event !== 'object' || event === null || path.length === 0) {
    return value;
  }
  const entries = Object.entries(event as Record<string, unknown>);
  if (entries.length === 0) return value;
  const [key, child] = entries[path[0] % entries.length];
  const copy: any = Array.isArray(event) ? [...event] : { ...event };
  copy[key] = mutate(child, path.slice(1), value);
  return copy;
}
