import { Info, Zone } from 'luxon';

const MINUTE_MS = 60 * 1000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/**
 * UTC offsets (minutes) of zones by hour. Asking a zone for its offset goes
 * through Intl and was most of an obligations evaluation; offsets only
 * change at DST and rule changes, which in the time zone database are
 * never less than an hour apart. So when a zone has the same offset at the
 * start and at the end of an hour it has it throughout, and that hour's
 * offset is kept (the entry can never go stale). An hour with a change in
 * it is marked and asked exactly every time.
 */
const hourOffsets = new Map<string, number | null>();
const MAX_HOUR_OFFSETS = 50_000;

/** `zone.offset(ts)`, from the cache where the hour allows. */
export function zoneOffset(zone: Zone, ts: number): number {
  if (zone.isUniversal) return zone.offset(ts);
  const hour = Math.floor(ts / HOUR_MS);
  const key = `${zone.name} ${hour}`;
  let offset = hourOffsets.get(key);
  if (offset === undefined) {
    const first = zone.offset(hour * HOUR_MS);
    offset = first === zone.offset((hour + 1) * HOUR_MS) ? first : null;
    if (hourOffsets.size >= MAX_HOUR_OFFSETS) hourOffsets.clear();
    hourOffsets.set(key, offset);
  }
  return offset ?? zone.offset(ts);
}

/** The zone of an IANA name (or `UTC`), as luxon reads it. */
export function zoneNamed(name: string): Zone {
  return Info.normalizeZone(name);
}

/** A local date and time of day, as a zone's wall clock shows an instant. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  /** Milliseconds since local midnight. */
  timeOfDay: number;
}

/** The wall-clock reading of an instant in a zone. */
export function wallTime(ts: number, zone: Zone): WallTime {
  const wall = ts + zoneOffset(zone, ts) * MINUTE_MS;
  const date = new Date(wall);
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    timeOfDay: ((wall % DAY_MS) + DAY_MS) % DAY_MS,
  };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The wall-clock value (ms) of a local date and time, days and months may overflow. */
function wallValue(
  year: number,
  month: number,
  day: number,
  timeOfDay: number,
) {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getTime() + timeOfDay;
}

/**
 * The instant a wall-clock value stands for in a zone, resolved the way
 * luxon does (`fixOffset`): start from the offset of the instant the
 * arithmetic started at; in a gap (clocks moved forward) the time moves on
 * by the gap, in an overlap the earlier offset wins.
 */
function instantOf(wall: number, startOffset: number, zone: Zone): number {
  let guess = wall - startOffset * MINUTE_MS;
  const o2 = zoneOffset(zone, guess);
  if (o2 === startOffset) return guess;
  guess -= (o2 - startOffset) * MINUTE_MS;
  const o3 = zoneOffset(zone, guess);
  if (o2 === o3) return guess;
  return wall - Math.min(o2, o3) * MINUTE_MS;
}

/**
 * `start` plus calendar months and days on the wall clock of `zone`,
 * keeping the local time of day, as luxon's `setZone(zone).plus({ months,
 * days })` computes it (a start on the 31st ends on the last day of a
 * shorter month), with cached offsets.
 */
export function plusLocal(
  ts: number,
  zone: Zone,
  change: { months?: number; days?: number },
): number {
  const startOffset = zoneOffset(zone, ts);
  const local = wallTime(ts, zone);
  let { year, month, day } = local;
  if (change.months) {
    month += change.months;
    year += Math.floor((month - 1) / 12);
    month = ((((month - 1) % 12) + 12) % 12) + 1;
    day = Math.min(day, daysInMonth(year, month));
  }
  const wall = wallValue(
    year,
    month,
    day + (change.days ?? 0),
    local.timeOfDay,
  );
  return instantOf(wall, startOffset, zone);
}
