import { reachedThresholds } from './thresholds';

const startAt = new Date('2026-11-20T09:00:00Z');
const dueAt = new Date('2026-11-23T09:00:00Z'); // 72 hours
const at = (hours: number) => new Date(startAt.getTime() + hours * 3_600_000);

describe('reachedThresholds', () => {
  it.each([
    [0, []],
    [35.9, []],
    [36, [50]],
    [54, [50, 75]],
    [64.8, [50, 75, 90]],
    [71.99, [50, 75, 90]],
    [72, [50, 75, 90, 'overdue']],
    [500, [50, 75, 90, 'overdue']],
  ])('at %p hours of 72: %p', (hours, expected) => {
    expect(reachedThresholds({ startAt, dueAt }, at(hours))).toEqual(expected);
  });

  it('sorts configured thresholds', () => {
    expect(reachedThresholds({ startAt, dueAt }, at(50), [80, 25])).toEqual([
      25,
    ]);
    expect(reachedThresholds({ startAt, dueAt }, at(60), [80, 25])).toEqual([
      25, 80,
    ]);
  });

  it('treats an empty or inverted window as only ever overdue', () => {
    expect(
      reachedThresholds({ startAt: dueAt, dueAt: startAt }, at(0)),
    ).toEqual(['overdue']);
    expect(reachedThresholds({ startAt, dueAt: startAt }, at(-1))).toEqual([]);
  });
});
