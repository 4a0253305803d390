import fc from 'fast-check';
import { DateTime } from 'luxon';
import {
  addPeriod,
  isBrazilianWorkingDay,
  isUsBusinessDay,
  PeriodUnit,
} from './periods';
import { zoneNamed, zoneOffset } from './zonedTime';

const ZONES = [
  'UTC',
  'Europe/Brussels',
  'Europe/London',
  'America/New_York',
  'America/Los_Angeles',
  'America/Sao_Paulo',
  'America/Santiago',
  'America/St_Johns',
  'Australia/Lord_Howe', // DST of 30 minutes
  'Asia/Kathmandu', // +05:45
  'Pacific/Chatham', // +12:45 / +13:45
  'Asia/Tokyo',
];

// Instants around DST changes, where the arithmetic is hardest.
const CHANGES = [
  '2026-03-08T10:00:00Z', // US spring forward
  '2026-11-01T06:00:00Z', // US fall back
  '2026-03-29T01:00:00Z', // EU spring forward
  '2026-10-25T01:00:00Z', // EU fall back
  '2026-04-04T15:00:00Z', // Lord Howe, Chatham, Santiago
  '2026-09-26T14:00:00Z',
  '2019-02-17T02:00:00Z', // Brazil's last DST end
].map(iso => DateTime.fromISO(iso).toMillis());

const HOUR = 3_600_000;
const instants = fc.oneof(
  fc.integer({
    min: Date.UTC(2019, 0, 1),
    max: Date.UTC(2031, 0, 1),
  }),
  fc
    .constantFrom(...CHANGES)
    .chain(t => fc.integer({ min: t - 40 * 24 * HOUR, max: t + 3 * HOUR })),
  fc
    .constantFrom(...CHANGES)
    .chain(t => fc.integer({ min: t - 3 * HOUR, max: t + 3 * HOUR })),
);

/** addPeriod as it was written with luxon's zone arithmetic throughout. */
function reference(
  start: DateTime,
  amount: number,
  unit: Exclude<PeriodUnit, 'h'>,
  zone: string,
): DateTime {
  const local = start.setZone(zone);
  if (unit === 'cd') return local.plus({ days: amount }).toUTC();
  if (unit === 'mo') return local.plus({ months: amount }).toUTC();
  const counts = unit === 'bd' ? isUsBusinessDay : isBrazilianWorkingDay;
  let offset = 0;
  let counted = 0;
  const date = DateTime.utc(local.year, local.month, local.day);
  while (counted < amount) {
    offset += 1;
    if (counts(date.plus({ days: offset }))) counted += 1;
  }
  return local.plus({ days: offset }).toUTC();
}

describe('zone arithmetic with cached offsets', () => {
  it('gives the offsets luxon gives', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), instants, (name, ts) => {
        const zone = zoneNamed(name);
        expect(zoneOffset(zone, ts)).toBe(zone.offset(ts));
      }),
      { numRuns: 3000 },
    );
  });

  it('ends every period where luxon calendar arithmetic ends it', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        instants,
        fc.constantFrom('cd', 'mo', 'bd', 'wd' as const),
        fc.integer({ min: 0, max: 120 }),
        (zone, ts, unit, amount) => {
          const start = DateTime.fromMillis(ts, { zone: 'utc' });
          const months = unit === 'mo' ? amount % 25 : amount;
          expect(addPeriod(start, months, unit, zone).toISO()).toBe(
            reference(start, months, unit, zone).toISO(),
          );
        },
      ),
      { numRuns: 3000 },
    );
  });
});
