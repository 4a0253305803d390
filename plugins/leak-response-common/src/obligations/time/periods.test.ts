import { DateTime } from 'luxon';
import { addPeriod, describePeriod } from './periods';

const at = (iso: string) => DateTime.fromISO(iso, { setZone: true });
const utc = (dt: DateTime) => dt.toUTC().toISO();

describe('addPeriod', () => {
  describe('hours (h)', () => {
    it('is elapsed time, across a weekend', () => {
      // Friday 17:00 UTC + 72 h = Monday 17:00 UTC.
      expect(utc(addPeriod(at('2026-03-06T17:00:00Z'), 72, 'h'))).toBe(
        '2026-03-09T17:00:00.000Z',
      );
    });

    it('ignores the zone and a DST change: 72 real hours', () => {
      // EU clocks go forward on Sunday 29 March 2026.
      const start = at('2026-03-27T11:00:00+01:00');
      const due = addPeriod(start, 72, 'h', 'Europe/Brussels');
      expect(utc(due)).toBe('2026-03-30T10:00:00.000Z');
      // On the wall clock in Brussels that reads 12:00, one hour "later".
      expect(due.setZone('Europe/Brussels').toFormat('HH:mm')).toBe('12:00');
    });
  });

  describe('calendar days (cd)', () => {
    it('crosses a month end', () => {
      expect(utc(addPeriod(at('2026-01-31T12:00:00Z'), 30, 'cd'))).toBe(
        '2026-03-02T12:00:00.000Z',
      );
    });

    it('keeps the local time over a DST change, so the day is 23 hours', () => {
      // US clocks go forward on Sunday 8 March 2026.
      const due = addPeriod(
        at('2026-03-07T10:00:00-08:00'),
        1,
        'cd',
        'America/Los_Angeles',
      );
      expect(utc(due)).toBe('2026-03-08T17:00:00.000Z');
    });

    it('keeps the local time when DST ends, so the day is 25 hours', () => {
      // EU clocks go back on Sunday 25 October 2026.
      const due = addPeriod(
        at('2026-10-24T09:00:00+02:00'),
        15,
        'cd',
        'Europe/Brussels',
      );
      expect(utc(due)).toBe('2026-11-08T08:00:00.000Z');
    });
  });

  describe('calendar months (mo)', () => {
    it.each([
      ['2026-01-31T09:00:00Z', '2026-02-28T09:00:00.000Z'],
      ['2028-01-31T09:00:00Z', '2028-02-29T09:00:00.000Z'],
      ['2026-03-31T09:00:00Z', '2026-04-30T09:00:00.000Z'],
      ['2026-12-15T09:00:00Z', '2027-01-15T09:00:00.000Z'],
    ])('one month from %s is %s', (start, expected) => {
      expect(utc(addPeriod(at(start), 1, 'mo'))).toBe(expected);
    });

    it('keeps the local time across DST', () => {
      const due = addPeriod(
        at('2026-03-15T10:00:00+01:00'),
        1,
        'mo',
        'Europe/Brussels',
      );
      expect(utc(due)).toBe('2026-04-15T08:00:00.000Z');
    });
  });

  describe('US business days (bd)', () => {
    const ny = 'America/New_York';

    it('skips the weekend and the observed Independence Day', () => {
      // Thursday 2 July 2026; Friday 3 July is the observed holiday.
      const due = addPeriod(at('2026-07-02T15:00:00-04:00'), 4, 'bd', ny);
      expect(utc(due)).toBe('2026-07-09T19:00:00.000Z');
    });

    it('counts Monday as day 1 for a Saturday start, across DST', () => {
      const due = addPeriod(at('2026-03-07T12:00:00-05:00'), 3, 'bd', ny);
      expect(utc(due)).toBe('2026-03-11T16:00:00.000Z');
    });

    it('skips Thanksgiving', () => {
      const due = addPeriod(at('2026-11-25T09:00:00-05:00'), 3, 'bd', ny);
      expect(utc(due)).toBe('2026-12-01T14:00:00.000Z');
    });

    it('skips New Year observed on 31 December 2027', () => {
      const due = addPeriod(at('2027-12-30T10:00:00-05:00'), 1, 'bd', ny);
      expect(utc(due)).toBe('2028-01-03T15:00:00.000Z');
    });

    it('decides the weekday in the rule zone, not in UTC', () => {
      // Friday 23:30 in New York is already Saturday in UTC.
      const start = at('2026-03-06T23:30:00-05:00');
      expect(utc(addPeriod(start, 1, 'bd', ny))).toBe(
        '2026-03-10T03:30:00.000Z',
      );
      expect(utc(addPeriod(start, 1, 'bd', 'UTC'))).toBe(
        '2026-03-09T04:30:00.000Z',
      );
    });
  });

  describe('Brazilian working days (wd)', () => {
    const sp = 'America/Sao_Paulo';

    it('skips Good Friday and the weekend', () => {
      const due = addPeriod(at('2026-04-01T10:00:00-03:00'), 3, 'wd', sp);
      expect(utc(due)).toBe('2026-04-07T13:00:00.000Z');
    });

    it('skips Tiradentes', () => {
      const due = addPeriod(at('2026-04-17T10:00:00-03:00'), 3, 'wd', sp);
      expect(utc(due)).toBe('2026-04-23T13:00:00.000Z');
    });

    it('skips 20 November from 2024 but not in 2023', () => {
      expect(utc(addPeriod(at('2026-11-19T10:00:00-03:00'), 1, 'wd', sp))).toBe(
        '2026-11-23T13:00:00.000Z',
      );
      expect(utc(addPeriod(at('2023-11-17T10:00:00-03:00'), 1, 'wd', sp))).toBe(
        '2023-11-20T13:00:00.000Z',
      );
    });

    it('counts Carnival Monday as a working day (the earlier deadline)', () => {
      const due = addPeriod(at('2026-02-13T10:00:00-03:00'), 1, 'wd', sp);
      expect(utc(due)).toBe('2026-02-16T13:00:00.000Z');
    });

    it('runs 20 working days across Christmas and New Year', () => {
      // From Monday 14 Dec 2026: 25 Dec and 1 Jan are holidays.
      const due = addPeriod(at('2026-12-14T10:00:00-03:00'), 20, 'wd', sp);
      expect(utc(due)).toBe('2027-01-13T13:00:00.000Z');
    });
  });

  it('returns the start for a zero amount and rejects bad input', () => {
    expect(utc(addPeriod(at('2026-05-05T05:05:00Z'), 0, 'bd'))).toBe(
      '2026-05-05T05:05:00.000Z',
    );
    expect(() => addPeriod(at('2026-05-05T05:05:00Z'), -1, 'cd')).toThrow(
      RangeError,
    );
    expect(() => addPeriod(at('2026-05-05T05:05:00Z'), 1.5, 'h')).toThrow(
      RangeError,
    );
    expect(() =>
      addPeriod(at('2026-05-05T05:05:00Z'), 1, 'cd', 'Mars/Base'),
    ).toThrow(/invalid zone/);
  });
});

describe('describePeriod', () => {
  it('names the unit, singular and plural', () => {
    expect(describePeriod(72, 'h')).toBe('72 hours');
    expect(describePeriod(1, 'mo')).toBe('1 month');
    expect(describePeriod(3, 'wd')).toBe('3 Brazilian working days');
    expect(describePeriod(4, 'bd')).toBe('4 US business days');
  });
});
