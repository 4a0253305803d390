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

type GroupRotation = { rotation: Rotation } | { problems: string[] };

/**
 * Rotations read from Group annotations, by everything they are read from.
 * Reading one is a pure function of that key (luxon parsing and zone checks
 * are the costly part), so an entry can never be stale, and it holds
 * nothing a caller did not pass in: safe to share between callers. Bounded;
 * the oldest entry goes first.
 */
const groupRotations = new Map<string, GroupRotation>();
const MAX_GROUP_ROTATIONS = 512;

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    if (!DateTime.isDateTime(value) && !Duration.isDuration(value)) {
      Object.values(value).forEach(deepFreeze);
    }
  }
  return value;
}

/**
 * Reads the rotation a Group declares in its annotations. Undefined when it
 * declares none (no `oncall-period`). The result is shared and frozen.
 */
export function rotationFromGroup(group: Entity): GroupRotation | undefined {
  const annotations = group.metadata.annotations ?? {};
  const period = annotations[ONCALL_ANNOTATIONS.period];
  if (period === undefined) {
    return undefined;
  }
  const namespace = group.metadata.namespace ?? 'default';
  const listed = annotations[ONCALL_ANNOTATIONS.members];
  const related =
    listed === undefined
      ? (group.relations ?? [])
          .filter(r => r.type === RELATION_HAS_MEMBER)
          .map(r => refKey(r.targetRef))
          .sort()
      : undefined;
  const key = JSON.stringify([
    namespace,
    group.metadata.name,
    period,
    annotations[ONCALL_ANNOTATIONS.start],
    annotations[ONCALL_ANNOTATIONS.timeZone],
    listed,
    related,
  ]);
  let found = groupRotations.get(key);
  if (!found) {
    found = deepFreeze(readGroupRotation(group, namespace, listed, related));
    if (groupRotations.size >= MAX_GROUP_ROTATIONS) {
      groupRotations.delete(groupRotations.keys().next().value!);
    }
    groupRotations.set(key, found);
  }
  return found;
}

function readGroupRotation(
  group: Entity,
  namespace: string,
  listed: string | undefined,
  related: string[] | undefined,
): GroupRotation {
  const annotations = group.metadata.annotations ?? {};
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
      : related!;
  const groupRef = normalizeRef(`group:${namespace}/${group.metadata.name}`, {
    defaultKind: 'group',
    defaultNamespace: namespace,
  })!;
  const built = buildRotation(
    {
      group: groupRef,
      members,
      period: annotations[ONCALL_ANNOTATIONS.period]!,
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

/**
 * What is worked out once per rotation and kept with it: the period in
 * milliseconds (for index estimates), whether hand-overs are a fixed number
 * of milliseconds apart, and every hand-over instant asked for so far, by
 * shift index. Hand-overs are a pure function of the rotation, so they
 * never go stale; a rotation that is dropped takes its memo with it.
 */
interface Schedule {
  periodMs: number;
  /** Hand-overs are `start + index * periodMs` exactly. */
  exact: boolean;
  startMs: number;
  handovers: Map<number, number>;
  /** The same hand-overs as ISO 8601 in UTC, as plans write them. */
  handoverIsos: Map<number, string>;
}

const schedules = new WeakMap<Rotation, Schedule>();
/** Hand-overs kept per rotation; enough for years of weekly shifts. */
const MAX_HANDOVERS = 4096;
const CALENDAR_UNITS = [
  'years',
  'quarters',
  'months',
  'weeks',
  'days',
] as const;

function scheduleOf(rotation: Rotation): Schedule {
  let schedule = schedules.get(rotation);
  if (!schedule) {
    const calendar = CALENDAR_UNITS.some(u => rotation.period.get(u) !== 0);
    const months =
      rotation.period.get('years') !== 0 ||
      rotation.period.get('quarters') !== 0 ||
      rotation.period.get('months') !== 0;
    schedule = {
      periodMs: rotation.period.as('milliseconds'),
      // Hours and smaller are elapsed time; days and weeks are too where the
      // zone has no DST (a fixed offset); months never are.
      exact: !calendar || (!months && rotation.start.zone.isUniversal),
      startMs: rotation.start.toMillis(),
      handovers: new Map(),
      handoverIsos: new Map(),
    };
    schedules.set(rotation, schedule);
  }
  return schedule;
}

/** The instant (epoch ms) at which shift `index` starts. */
export function handoverMillis(rotation: Rotation, index: number): number {
  const schedule = scheduleOf(rotation);
  if (schedule.exact) return schedule.startMs + index * schedule.periodMs;
  let at = schedule.handovers.get(index);
  if (at === undefined) {
    // Calendar arithmetic in the rotation's zone keeps the local time of day.
    at = rotation.start
      .plus(rotation.period.mapUnits(x => x * index))
      .toMillis();
    if (schedule.handovers.size >= MAX_HANDOVERS) schedule.handovers.clear();
    schedule.handovers.set(index, at);
  }
  return at;
}

/**
 * The instant at which shift `index` starts, as ISO 8601 in UTC. Every plan
 * writes the hand-overs of the next weeks of every rotation it shows; they
 * are the same strings plan after plan.
 */
export function handoverIso(rotation: Rotation, index: number): string {
  const schedule = scheduleOf(rotation);
  let iso = schedule.handoverIsos.get(index);
  if (iso === undefined) {
    iso = isoMillis(handoverMillis(rotation, index));
    if (schedule.handoverIsos.size >= MAX_HANDOVERS) {
      schedule.handoverIsos.clear();
    }
    schedule.handoverIsos.set(index, iso);
  }
  return iso;
}

/** The index of the shift that covers an instant (epoch ms). */
export function shiftIndexAt(rotation: Rotation, atMs: number): number {
  const schedule = scheduleOf(rotation);
  let index = Math.floor((atMs - schedule.startMs) / schedule.periodMs);
  // The estimate can be off by one around DST changes and for months.
  while (handoverMillis(rotation, index) > atMs) index--;
  while (handoverMillis(rotation, index + 1) <= atMs) index++;
  return index;
}

/** Who holds shift `index`. */
export function memberAt(rotation: Rotation, index: number): string {
  const n = rotation.members.length;
  return rotation.members[((index % n) + n) % n];
}

/** The shift with the given index. */
export function shiftByIndex(rotation: Rotation, index: number): Shift {
  const zone = rotation.start.zone;
  return {
    index,
    member: memberAt(rotation, index),
    from: DateTime.fromMillis(handoverMillis(rotation, index), { zone }),
    until: DateTime.fromMillis(handoverMillis(rotation, index + 1), { zone }),
  };
}

/** The shift that covers an instant. */
export function shiftAt(rotation: Rotation, at: DateTime): Shift {
  return shiftByIndex(rotation, shiftIndexAt(rotation, at.toMillis()));
}

/**
 * The indexes of the shifts that overlap [fromMs, untilMs), at most `limit`
 * of them.
 */
export function shiftIndexesBetween(
  rotation: Rotation,
  fromMs: number,
  untilMs: number,
  limit = 2000,
): number[] {
  const indexes: number[] = [];
  for (
    let index = shiftIndexAt(rotation, fromMs);
    handoverMillis(rotation, index) < untilMs && indexes.length < limit;
    index++
  ) {
    indexes.push(index);
  }
  return indexes;
}

/** The shifts that overlap [from, until), at most `limit` of them. */
export function shiftsBetween(
  rotation: Rotation,
  from: DateTime,
  until: DateTime,
  limit = 2000,
): Shift[] {
  return shiftIndexesBetween(
    rotation,
    from.toMillis(),
    until.toMillis(),
    limit,
  ).map(index => shiftByIndex(rotation, index));
}

/** An instant (epoch ms) as ISO 8601 in UTC, as luxon writes it. */
export function isoMillis(ms: number): string {
  return new Date(ms).toISOString();
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
