import {
  CalendarDate,
  calendarDate,
  isoWeekday,
  nthWeekdayOfMonth,
  shiftDate,
} from './calendarDate';

/**
 * A public holiday on a given (observed) date.
 * @public
 */
export interface Holiday {
  date: CalendarDate;
  name: string;
}

const MONDAY = 1;
/** Saturday holidays are observed the day before, Sunday ones the day after. */
const OBSERVED_SHIFT: Record<number, number> = { 6: -1, 7: 1 };
const THURSDAY = 4;

/**
 * The legal public holidays of 5 U.S.C. 6103 that fall in `year`, on the day
 * they are observed.
 *
 * Computed by rule, so any year works: fixed-date holidays falling on a
 * Saturday are observed on the Friday before and on a Sunday the Monday after
 * (Executive Order 11582). That is why 31 December can be a holiday: New
 * Year's Day of the following year on a Saturday. Juneteenth counts from 2021,
 * Martin Luther King Jr. Day from 1986. One-off closures by executive order
 * are not predictable and are not included.
 *
 * @public
 */
export function usFederalHolidays(year: number): Holiday[] {
  const holidays: Holiday[] = [];
  const fixed = (y: number, month: number, day: number, name: string) => {
    const d = shiftDate(
      y,
      month,
      day,
      OBSERVED_SHIFT[isoWeekday(y, month, day)] ?? 0,
    );
    if (d.year === year) {
      holidays.push({ date: calendarDate(d.year, d.month, d.day), name });
    }
  };
  const floating = (
    month: number,
    weekday: number,
    n: number,
    name: string,
  ) => {
    holidays.push({
      date: calendarDate(
        year,
        month,
        nthWeekdayOfMonth(year, month, weekday, n),
      ),
      name,
    });
  };

  fixed(year, 1, 1, "New Year's Day");
  if (year >= 1986)
    floating(1, MONDAY, 3, 'Birthday of Martin Luther King, Jr.');
  floating(2, MONDAY, 3, "Washington's Birthday");
  floating(5, MONDAY, -1, 'Memorial Day');
  if (year >= 2021) fixed(year, 6, 19, 'Juneteenth National Independence Day');
  fixed(year, 7, 4, 'Independence Day');
  floating(9, MONDAY, 1, 'Labor Day');
  floating(10, MONDAY, 2, 'Columbus Day');
  fixed(year, 11, 11, 'Veterans Day');
  floating(11, THURSDAY, 4, 'Thanksgiving Day');
  fixed(year, 12, 25, 'Christmas Day');
  // New Year's Day of next year, when it is a Saturday, is observed this year.
  fixed(year + 1, 1, 1, "New Year's Day (observed)");

  return holidays.sort((a, b) => a.date.localeCompare(b.date));
}
