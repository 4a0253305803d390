import { calendarDate, shiftDate } from './calendarDate';
import { easterSunday } from './easter';
import { Holiday } from './usFederalHolidays';

/**
 * Options for {@link brazilNationalHolidays}.
 * @public
 */
export interface BrazilHolidayOptions {
  /**
   * Also treat Carnival (Monday and Tuesday) and Corpus Christi as days off.
   * They are federal "pontos facultativos", not statutory holidays, so by
   * default they count as working days: that gives the earlier, safer
   * deadline.
   */
  includePontosFacultativos?: boolean;
}

/**
 * Brazilian national holidays of `year` (Lei 662/1949, Lei 6.802/1980,
 * Lei 14.759/2023 and Good Friday), including the Easter-dependent ones.
 * Zumbi / Black Consciousness Day (20 Nov) is national from 2024.
 * State and municipal holidays are not included.
 *
 * @public
 */
export function brazilNationalHolidays(
  year: number,
  options: BrazilHolidayOptions = {},
): Holiday[] {
  const easter = easterSunday(year);
  const fromEaster = (days: number, name: string): Holiday => {
    const d = shiftDate(easter.year, easter.month, easter.day, days);
    return { date: calendarDate(d.year, d.month, d.day), name };
  };
  const fixed = (month: number, day: number, name: string): Holiday => ({
    date: calendarDate(year, month, day),
    name,
  });

  const holidays: Holiday[] = [
    fixed(1, 1, 'Confraternização Universal'),
    fromEaster(-2, 'Sexta-feira Santa'),
    fixed(4, 21, 'Tiradentes'),
    fixed(5, 1, 'Dia do Trabalho'),
    fixed(9, 7, 'Independência do Brasil'),
    fixed(10, 12, 'Nossa Senhora Aparecida'),
    fixed(11, 2, 'Finados'),
    fixed(11, 15, 'Proclamação da República'),
    fixed(12, 25, 'Natal'),
  ];
  if (year >= 2024) {
    holidays.push(
      fixed(11, 20, 'Dia Nacional de Zumbi e da Consciência Negra'),
    );
  }
  if (options.includePontosFacultativos) {
    holidays.push(
      fromEaster(-48, 'Carnaval (segunda-feira)'),
      fromEaster(-47, 'Carnaval (terça-feira)'),
      fromEaster(60, 'Corpus Christi'),
    );
  }
  return holidays.sort((a, b) => a.date.localeCompare(b.date));
}
