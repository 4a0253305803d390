export { easterSunday } from './easter';
export type { CalendarDate } from './calendarDate';
export { usFederalHolidays } from './usFederalHolidays';
export type { Holiday } from './usFederalHolidays';
export { brazilNationalHolidays } from './brazilHolidays';
export type { BrazilHolidayOptions } from './brazilHolidays';
export {
  PERIOD_UNITS,
  addPeriod,
  describePeriod,
  isUsBusinessDay,
  isBrazilianWorkingDay,
} from './periods';
export type { PeriodUnit } from './periods';
