/**
 * A date without time or zone, written `YYYY-MM-DD`. Holiday calendars work on
 * these so that the zone decision is made once, by the caller.
 * @public
 */
export type CalendarDate = string;

/** Formats year, month and day (1-based) as `YYYY-MM-DD`. */
export function calendarDate(
  year: number,
  month: number,
  day: number,
): CalendarDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(
    2,
    '0',
  )}-${String(day).padStart(2, '0')}`;
}

/** Day of week of a calendar date, ISO numbering: 1 = Monday … 7 = Sunday. */
export function isoWeekday(year: number, month: number, day: number): number {
  const jsDay = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return jsDay === 0 ? 7 : jsDay;
}

/** The calendar date `days` after the given one (negative goes back). */
export function shiftDate(
  year: number,
  month: number,
  day: number,
  days: number,
): { year: number; month: number; day: number } {
  const d = new Date(Date.UTC(year, month - 1, day + days));
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
  };
}

/** The `n`th (1-based) given ISO weekday of a month, or the last one when `n` is -1. */
export function nthWeekdayOfMonth(
  year: number,
  month: number,
  weekday: number,
  n: number,
): number {
  if (n === -1) {
    const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
    const offset = (isoWeekday(year, month, lastDay) - weekday + 7) % 7;
    return lastDay - offset;
  }
  const offset = (weekday - isoWeekday(year, month, 1) + 7) % 7;
  return 1 + offset + (n - 1) * 7;
}
