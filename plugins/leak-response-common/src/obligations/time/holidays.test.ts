import { brazilNationalHolidays } from './brazilHolidays';
import { easterSunday } from './easter';
import { usFederalHolidays } from './usFederalHolidays';

const dates = (holidays: { date: string }[]) => holidays.map(h => h.date);

describe('easterSunday', () => {
  it.each([
    [1818, 3, 22],
    [2024, 3, 31],
    [2025, 4, 20],
    [2026, 4, 5],
    [2027, 3, 28],
    [2038, 4, 25],
    [2285, 3, 22],
  ])('Easter %i is %i/%i', (year, month, day) => {
    expect(easterSunday(year)).toEqual({ year, month, day });
  });

  it('rejects years before the Gregorian calendar', () => {
    expect(() => easterSunday(1500)).toThrow(RangeError);
  });
});

describe('usFederalHolidays', () => {
  it('lists 2026 with Independence Day observed on Friday 3 July', () => {
    expect(dates(usFederalHolidays(2026))).toEqual([
      '2026-01-01',
      '2026-01-19',
      '2026-02-16',
      '2026-05-25',
      '2026-06-19',
      '2026-07-03',
      '2026-09-07',
      '2026-10-12',
      '2026-11-11',
      '2026-11-26',
      '2026-12-25',
    ]);
  });

  it('moves Saturday holidays to Friday and Sunday holidays to Monday (2027)', () => {
    const list = dates(usFederalHolidays(2027));
    expect(list).toContain('2027-06-18'); // Juneteenth on Saturday
    expect(list).toContain('2027-07-05'); // Independence Day on Sunday
    expect(list).toContain('2027-12-24'); // Christmas on Saturday
    // New Year's Day 2028 is a Saturday: observed on 31 Dec 2027.
    expect(list).toContain('2027-12-31');
    expect(list).not.toContain('2027-07-04');
  });

  it('gives 2022 no New Year holiday of its own, since it was observed in 2021', () => {
    expect(dates(usFederalHolidays(2021))).toContain('2021-12-31');
    expect(
      dates(usFederalHolidays(2022)).some(d => d.startsWith('2022-01-0')),
    ).toBe(false);
  });

  it('has Juneteenth only from 2021 and works for far years', () => {
    expect(dates(usFederalHolidays(2020))).not.toContain('2020-06-19');
    expect(dates(usFederalHolidays(2021))).toContain('2021-06-18');
    const y2100 = dates(usFederalHolidays(2100));
    expect(y2100).toContain('2100-11-25'); // fourth Thursday of November 2100
    // 1 January 2101 is a Saturday, so 2100 gets a twelfth (observed) day.
    expect(y2100).toHaveLength(12);
    expect(y2100[y2100.length - 1]).toBe('2100-12-31');
  });
});

describe('brazilNationalHolidays', () => {
  it('lists 2026 with Good Friday from Easter and Zumbi day', () => {
    expect(dates(brazilNationalHolidays(2026))).toEqual([
      '2026-01-01',
      '2026-04-03',
      '2026-04-21',
      '2026-05-01',
      '2026-09-07',
      '2026-10-12',
      '2026-11-02',
      '2026-11-15',
      '2026-11-20',
      '2026-12-25',
    ]);
  });

  it('has 20 November as a national holiday only from 2024', () => {
    expect(dates(brazilNationalHolidays(2023))).not.toContain('2023-11-20');
    expect(dates(brazilNationalHolidays(2024))).toContain('2024-11-20');
  });

  it('adds Carnival and Corpus Christi only when asked', () => {
    const withOptional = dates(
      brazilNationalHolidays(2026, { includePontosFacultativos: true }),
    );
    expect(withOptional).toEqual(
      expect.arrayContaining(['2026-02-16', '2026-02-17', '2026-06-04']),
    );
    expect(dates(brazilNationalHolidays(2026))).not.toContain('2026-02-16');
  });
});
