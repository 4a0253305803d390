import { Entity, RELATION_HAS_MEMBER } from '@backstage/catalog-model';
import { DateTime, Duration } from 'luxon';
import { normalizeRef, refKey } from '../impact/lineage';

/** Group annotations that declare an on-call rotation. */
export const ONCALL_ANNOTATIONS = Object.freeze({
  /** Users in rotation order, comma-separated (`amara.okafor, user:jonas.weber`). Default: the group's members, by name. */
  members: 'leak-response.io/oncall-members',
  /** Length of a shift, ISO 8601 (`P1W`, `P1D`, `PT12H`). Its presence declares the rotation. */
  period: 'leak-response.io/oncall-period',
  /** The first hand-over, ISO 8601 local date-time in the time zone (`2026-01-05T09:00`). */
  start: 'leak-response.io/oncall-start',
  /** IANA time zone of the hand-overs (`Europe/Berlin`); default UTC. */
  timeZone: 'leak-response.io/oncall-timezone',
});

/** User annotation listing the trainings a user holds, comma-separated. */
export const ANNOTATION_TRAININGS = 'leak-response.io/trainings';

/** The trainings every on-call slot needs by default. */
export const DEFAULT_REQUIRED_TRAININGS = [
  'aws-incident-response',
  'ai-data-categorization',
];

/**
 * An on-call rotation over a group's members: shift k starts at
 * `start + k * period` in the rotation's time zone (so a weekly hand-over at
 * 09:00 stays at 09:00 local time across DST changes) and belongs to
 * `members[k mod n]`.
 */
export interface Rotation {
  /** The group, full lower-case ref. */
  group: string;
  /** Full lower-case user refs, in order. */
  members: string[];
  period: Duration;
  /** The first hand-over, in the rotation's zone. */
  start: DateTime;
  timeZone: string;
  source: 'config' | 'annotation';
}

/** One shift of a rotation. */
export interface Shift {
  index: number;
  member: string;
  from: DateTime;
  until: DateTime;
}

/** A rotation as written in config or annotations, before checks. */
export interface RotationInput {
  group: string;
  members: string[];
  /** ISO 8601 duration, or a luxon Duration. */
  period: string | Duration;
  /** ISO 8601 date-time, local to the zone unless it carries an offset. */
  start: string;
  timeZone?: string;
}

const MIN_PERIOD_MS = 60 * 60 * 1000;

/**
 * Checks and builds a rotation. Returns the problems instead when the input
 * is wrong; the caller decides whether that is fatal (config) or reported
 * (annotations).
 */
export function buildRotation(
  input: RotationInput,
  source: Rotation['source'],
): { rotation: Rotation } | { problems: string[] } {
  const problems: string[] = [];
  const timeZone = input.timeZone?.trim() || 'UTC';
  if (!DateTime.local().setZone(timeZone).isValid) {
    problems.push(`timeZone: "${timeZone}" is not an IANA time zone`);
  }
  const period =
    typeof input.period === 'string'
      ? Duration.fromISO(input.period.trim())
      : input.period;
  if (!period.isValid) {
    problems.push(
      `period: "${String(
        input.period,
      )}" is not an ISO 8601 duration such as P1W or PT12H`,
    );
  } else if (period.as('milliseconds') < MIN_PERIOD_MS) {
    problems.push('period: a shift must last at least one hour');
  }
  const start = DateTime.fromISO(String(input.start ?? '').trim(), {
    zone: timeZone,
    setZone: false,
  });
  if (!start.isValid) {
    problems.push(
      `start: "${String(
        input.start,
      )}" is not an ISO 8601 date-time such as 2026-01-05T09:00`,
    );
  }
  const defaults = { defaultKind: 'user', defaultNamespace: 'default' };
  const members: string[] = [];
  input.members.forEach((value, index) => {
    const ref = normalizeRef(value, defaults);
    if (!ref || !ref.startsWith('user:')) {
      problems.push(`members[${index}]: "${value}" is not a user reference`);
    } else {
      members.push(ref);
    }
  });
  if (input.members.length === 0) {
    problems.push('members: the rotation has nobody in it');
  }
  if (problems.length > 0) {
    return { problems };
  }
  return {
    rotation: {
      group: refKey(input.group),
      members,
      period,
      start: start.setZone(timeZone),
      timeZone,
      source,
    },
  };
}

/**
 * Reads the rotation a Group declares in its annotations. Undefined when it
 * declares none (no `oncall-period`).
 */
export function rotationFromGroup(
  group: Entity,
): { rotation: Rotation } | { problems: string[] } | undefined {
  const annotations = group.metadata.annotations ?? {};
  const period = annotations[ONCALL_ANNOTATIONS.period];
  if (period === undefined) {
    return undefined;
  }
  const namespace = group.metadata.namespace ?? 'default';
  const listed = annotations[ONCALL_ANNOTATIONS.members];
  const members =
    listed !== undefined
      ? listed
          .split(',')
          .map(m => m.trim())
          .filter(Boolean)
          .map(
            m =>
              normalizeRef(m, {
                defaultKind: 'user',
                defaultNamespace: namespace,
              }) ?? m,
          )
      : (group.relations ?? [])
          .filter(r => r.type === RELATION_HAS_MEMBER)
          .map(r => refKey(r.targetRef))
          .sort();
  const groupRef = normalizeRef(`group:${namespace}/${group.metadata.name}`, {
    defaultKind: 'group',
    defaultNamespace: namespace,
  })!;
  const built = buildRotation(
    {
      group: groupRef,
      members,
      period,
      start: annotations[ONCALL_ANNOTATIONS.start] ?? '',
      timeZone: annotations[ONCALL_ANNOTATIONS.timeZone],
    },
    'annotation',
  );
  if ('problems' in built) {
    return {
      problems: built.problems.map(p => {
        const [field] = p.split(':');
        const key =
          ONCALL_ANNOTATIONS[field as keyof typeof ONCALL_ANNOTATIONS] ??
          ONCALL_ANNOTATIONS.members;
        return `annotation ${key} of ${groupRef}: ${p
          .slice(p.indexOf(':') + 1)
          .trim()}`;
      }),
    };
  }
  return built;
}

function handover(rotation: Rotation, index: number): DateTime {
  // Calendar arithmetic in the rotation's zone keeps the local time of day.
  return rotation.start.plus(rotation.period.mapUnits(x => x * index));
}

/** The shift with the given index. */
export function shiftByIndex(rotation: Rotation, index: number): Shift {
  const n = rotation.members.length;
  return {
    index,
    member: rotation.members[((index % n) + n) % n],
    from: handover(rotation, index),
    until: handover(rotation, index + 1),
  };
}

/** The shift that covers an instant. */
export function shiftAt(rotation: Rotation, at: DateTime): Shift {
  const periodMs = rotation.period.as('milliseconds');
  let index = Math.floor(at.diff(rotation.start).as('milliseconds') / periodMs);
  // The estimate can be off by one around DST changes and for months.
  while (handover(rotation, index) > at) index--;
  while (handover(rotation, index + 1) <= at) index++;
  return shiftByIndex(rotation, index);
}

/** The shifts that overlap [from, until), at most `limit` of them. */
export function shiftsBetween(
  rotation: Rotation,
  from: DateTime,
  until: DateTime,
  limit = 2000,
): Shift[] {
  const shifts: Shift[] = [];
  for (
    let shift = shiftAt(rotation, from);
    shift.from < until && shifts.length < limit;
    shift = shiftByIndex(rotation, shift.index + 1)
  ) {
    shifts.push(shift);
  }
  return shifts;
}

/** The trainings a User declares. */
export function trainingsOf(user: Entity | undefined): string[] {
  const value = user?.metadata.annotations?.[ANNOTATION_TRAININGS];
  return value
    ? [
        ...new Set(
          value
            .split(',')
            .map(t => t.trim())
            .filter(Boolean),
        ),
      ]
    : [];
}
