import { formatDuration, timeLeftText, urgencyOf } from './time';

const HOUR = 3_600_000;

describe('deadline helpers', () => {
  it('grades urgency by time left', () => {
    expect(urgencyOf(-1)).toBe('overdue');
    expect(urgencyOf(0)).toBe('overdue');
    expect(urgencyOf(5 * HOUR)).toBe('critical');
    expect(urgencyOf(23 * HOUR)).toBe('soon');
    expect(urgencyOf(48 * HOUR)).toBe('later');
  });

  it('formats durations with the two largest units', () => {
    expect(formatDuration(30_000)).toBe('<1m');
    expect(formatDuration(42 * 60_000)).toBe('42m');
    expect(formatDuration(5 * HOUR + 12 * 60_000)).toBe('5h 12m');
    expect(formatDuration(52 * HOUR)).toBe('2d 4h');
    expect(formatDuration(72 * HOUR)).toBe('3d');
  });

  it('says how long is left or how long it is overdue', () => {
    const now = Date.parse('2026-11-20T10:00:00Z');
    expect(timeLeftText('2026-11-23T09:30:00Z', now)).toBe('2d 23h left');
    expect(timeLeftText('2026-11-20T07:00:00Z', now)).toBe('overdue by 3h');
  });
});
