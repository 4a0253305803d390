import { DateTime } from 'luxon';
import { brazilNationalHolidays } from './brazilHolidays';
import {
  CalendarDate,
  calendarDate,
  isoWeekday,
  shiftDate,
} from './calendarDate';
import { Holiday, usFederalHolidays } from './usFederalHolidays';
import { plusLocal, wallTime, zoneNamed } from './zonedTime';

/**
 * Units a deadline can be expressed in.
 *
 * - `h`: clock hours; elapsed time, so weekends, holidays and DST changes do not matter.
 * - `cd`: calendar days.
 * - `bd`: US business days (not Saturday, Sunday or a US federal holiday).
 * - `wd`: Brazilian working days (*dias úteis*: not a weekend or national holiday).
 * - `mo`: calendar months; a start on the 31st ends on the last day of a shorter month.
 *
 * @public
 */
export const PERIOD_UNITS = ['h', 'cd', 'bd', 'wd', 'mo'] as const;

/** @public */
export type PeriodUnit = (typeof PERIOD_UNITS)[number];

/** Human labels, used in reasons and the UI. */
export const PERIOD_UNIT_LABELS: Record<PeriodUnit, [string, string]> = {
  h: ['hour', 'hours'],
  cd: ['calendar day', 'calendar days'],
  bd: ['US business day', 'US business days'],
  wd: ['Brazilian working day', 'Brazilian working days'],
  mo: ['month', 'months'],
};

/** `72 hours`, `1 month`, `3 Brazilian working days`. @public */
export function describePeriod(amount: number, unit: PeriodUnit): string {
  const [one, many] = PERIOD_UNIT_LABELS[unit];
  return `${amount} ${amount === 1 ? one : many}`;
}

const HOUR_MS = 60 * 60 * 1000;

type DateCheck = (year: number, month: number, day: number) => boolean;

function holidayLookup(calendar: (year: number) => Holiday[]): DateCheck {
  const byYear = new Map<number, Set<CalendarDate>>();
  return (year, month, day) => {
    let dates = byYear.get(year);
    if (!dates) {
      dates = new Set(calendar(year).map(h => h.date));
      byYear.set(year, dates);
    }
    return dates.has(calendarDate(year, month, day));
  };
}

const isUsFederalHoliday = holidayLookup(usFederalHolidays);
const isBrazilianHoliday = holidayLookup(year => brazilNationalHolidays(year));

const isWeekend: DateCheck = (year, month, day) =>
  isoWeekday(year, month, day) >= 6;
const usBusinessDate: DateCheck = (y, m, d) =>
  !isWeekend(y, m, d) && !isUsFederalHoliday(y, m, d);
const brazilianWorkingDate: DateCheck = (y, m, d) =>
  !isWeekend(y, m, d) && !isBrazilianHoliday(y, m, d);

/** Whether the local date of `day` is a US business day. @public */
export function isUsBusinessDay(day: DateTime): boolean {
  return usBusinessDate(day.year, day.month, day.day);
}

/** Whether the local date of `day` is a Brazilian working day. @public */
export function isBrazilianWorkingDay(day: DateTime): boolean {
  return brazilianWorkingDate(day.year, day.month, day.day);
}

/**
 * How many calendar days after the local date `start` the `amount`th day
 * that passes `counts` falls. The start day itself is never counted, so an
 * event on a Saturday gets Monday as business day 1. (Stepping plain dates
 * rather than zoned times avoids a zone lookup per day.)
 */
function countedDays(
  start: { year: number; month: number; day: number },
  amount: number,
  counts: DateCheck,
): number {
  let offset = 0;
  let counted = 0;
  while (counted < amount) {
    offset += 1;
    const d = shiftDate(start.year, start.month, start.day, offset);
    if (counts(d.year, d.month, d.day)) counted += 1;
  }
  return offset;
}

/**
 * The end of a period of `amount` `unit`s that starts at `start`.
 *
 * Day and month units are counted on the local calendar of `zone` (the
 * jurisdiction's), keeping the wall-clock time of the start: over a DST change
 * one calendar day is then 23 or 25 hours. The deadline therefore lands at the
 * same local time on the last day rather than at its midnight — never later
 * than any reading of "within N days", which is what a plan should rely on.
 * Hours are elapsed time and ignore the zone.
 *
 * @public
 */
export function addPeriod(
  start: DateTime,
  amount: number,
  unit: PeriodUnit,
  zone: string = 'UTC',
): DateTime {
  if (!Number.isInteger(amount) || amount < 0) {
    throw new RangeError(
      `addPeriod: amount must be a non-negative integer (got ${amount})`,
    );
  }
  if (unit === 'h') {
    // Elapsed time: plain milliseconds, no zone lookup.
    return DateTime.fromMillis(start.toMillis() + amount * HOUR_MS, {
      zone: 'utc',
    });
  }
  const local = zoneNamed(zone);
  if (!local.isValid) {
    throw new RangeError(`addPeriod: invalid zone '${zone}'`);
  }
  // The days found are added in one zone-aware step, which keeps the
  // wall-clock time of the start (luxon's rules, cached zone offsets).
  const ts = start.toMillis();
  let end: number;
  switch (unit) {
    case 'cd':
      end = plusLocal(ts, local, { days: amount });
      break;
    case 'mo':
      end = plusLocal(ts, local, { months: amount });
      break;
    case 'bd':
      end = plusLocal(ts, local, {
        days: countedDays(wallTime(ts, local), amount, usBusinessDate),
      });
      break;
    case 'wd':
      end = plusLocal(ts, local, {
        days: countedDays(wallTime(ts, local), amount, brazilianWorkingDate),
      });
      break;
    default: {
      const never: never = unit;
      throw new RangeError(`addPeriod: unknown unit '${never}'`);
    }
  }
  return DateTime.fromMillis(end, { zone: 'utc' });
}
