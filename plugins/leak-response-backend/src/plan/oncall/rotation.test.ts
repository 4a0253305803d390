import { Entity } from '@backstage/catalog-model';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import {
  buildRotation,
  handoverMillis,
  Rotation,
  rotationFromGroup,
  shiftAt,
  shiftIndexAt,
  shiftsBetween,
  trainingsOf,
} from './rotation';

function weekly(members = ['a', 'b', 'c']): Rotation {
  const built = buildRotation(
    {
      group: 'group:default/security-ir',
      members,
      period: 'P1W',
      start: '2026-03-02T09:00',
      timeZone: 'Europe/Berlin',
    },
    'config',
  );
  if (!('rotation' in built)) throw new Error(built.problems.join('; '));
  return built.rotation;
}

const utc = (iso: string) => DateTime.fromISO(iso, { zone: 'UTC' });

describe('rotations', () => {
  it('hands over weekly at 09:00 local time across the spring DST change', () => {
    const rotation = weekly();
    // 2026-03-29 is the EU switch to summer time: 09:00 Berlin is 07:00 UTC after it.
    const beforeDst = shiftAt(rotation, utc('2026-03-25T12:00:00Z'));
    expect(beforeDst.member).toBe('user:default/a'); // 4th shift (index 3)
    expect(beforeDst.index).toBe(3);
    expect(beforeDst.from.toUTC().toISO()).toBe('2026-03-23T08:00:00.000Z');
    expect(beforeDst.until.toUTC().toISO()).toBe('2026-03-30T07:00:00.000Z');

    // One minute before and at the hand-over.
    expect(shiftAt(rotation, utc('2026-03-30T06:59:00Z')).index).toBe(3);
    const after = shiftAt(rotation, utc('2026-03-30T07:00:00Z'));
    expect(after.index).toBe(4);
    expect(after.member).toBe('user:default/b');
  });

  it('keeps rotating before the start date', () => {
    const rotation = weekly();
    const shift = shiftAt(rotation, utc('2026-02-24T10:00:00Z'));
    expect(shift.index).toBe(-1);
    expect(shift.member).toBe('user:default/c');
  });

  it('lists the shifts overlapping a window', () => {
    const rotation = weekly();
    const shifts = shiftsBetween(
      rotation,
      utc('2026-03-04T00:00:00Z'),
      utc('2026-03-20T00:00:00Z'),
    );
    expect(shifts.map(s => [s.index, s.member])).toEqual([
      [0, 'user:default/a'],
      [1, 'user:default/b'],
      [2, 'user:default/c'],
    ]);
  });

  it('refuses bad input with every problem named', () => {
    const built = buildRotation(
      {
        group: 'group:default/x',
        members: ['component:web'],
        period: 'PT10M',
        start: 'monday',
        timeZone: 'Mars/Olympus',
      },
      'config',
    );
    expect(built).toEqual({
      problems: [
        'timeZone: "Mars/Olympus" is not an IANA time zone',
        'period: a shift must last at least one hour',
        'start: "monday" is not an ISO 8601 date-time such as 2026-01-05T09:00',
        'members[0]: "component:web" is not a user reference',
      ],
    });
  });

  const group = (
    annotations: Record<string, string>,
    members: string[] = [],
  ): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'security-ir', namespace: 'default', annotations },
    spec: { type: 'team', children: [] },
    relations: members.map(m => ({ type: 'hasMember', targetRef: m })),
  });

  it('reads a rotation from Group annotations', () => {
    const found = rotationFromGroup(
      group({
        'leak-response.io/oncall-members': 'wei.tan, user:noah.fischer',
        'leak-response.io/oncall-period': 'P1D',
        'leak-response.io/oncall-start': '2026-01-05T08:00',
        'leak-response.io/oncall-timezone': 'Europe/London',
      }),
    );
    expect(found).toMatchObject({
      rotation: {
        group: 'group:default/security-ir',
        members: ['user:default/wei.tan', 'user:default/noah.fischer'],
        timeZone: 'Europe/London',
        source: 'annotation',
      },
    });
  });

  it('defaults the members to the group members, by name', () => {
    const found = rotationFromGroup(
      group(
        {
          'leak-response.io/oncall-period': 'P1W',
          'leak-response.io/oncall-start': '2026-01-05T09:00',
        },
        ['user:default/wei.tan', 'user:default/aisha.khan'],
      ),
    );
    expect(found && 'rotation' in found && found.rotation.members).toEqual([
      'user:default/aisha.khan',
      'user:default/wei.tan',
    ]);
    expect(found && 'rotation' in found && found.rotation.timeZone).toBe('UTC');
  });

  it('reports bad annotations by annotation name', () => {
    const found = rotationFromGroup(
      group({
        'leak-response.io/oncall-members': 'wei.tan',
        'leak-response.io/oncall-period': 'weekly',
        'leak-response.io/oncall-start': '2026-01-05T09:00',
      }),
    );
    expect(found).toEqual({
      problems: [
        'annotation leak-response.io/oncall-period of group:default/security-ir: "weekly" is not an ISO 8601 duration such as P1W or PT12H',
      ],
    });
  });

  it('declares no rotation without a period', () => {
    expect(rotationFromGroup(group({}))).toBeUndefined();
  });

  it('reads trainings from the User annotation', () => {
    const user: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: {
        name: 'wei.tan',
        annotations: {
          'leak-response.io/trainings':
            'aws-incident-response, ai-data-categorization,aws-incident-response',
        },
      },
      spec: {},
    };
    expect(trainingsOf(user)).toEqual([
      'aws-incident-response',
      'ai-data-categorization',
    ]);
    expect(trainingsOf(undefined)).toEqual([]);
  });

  function rotationOf(
    period: string,
    start: string,
    timeZone: string,
  ): Rotation {
    const result = buildRotation(
      {
        group: 'group:default/g',
        members: ['a', 'b'],
        period,
        start,
        timeZone,
      },
      'config',
    );
    if (!('rotation' in result)) throw new Error(result.problems.join('; '));
    return result.rotation;
  }
  const iso = (ms: number) => new Date(ms).toISOString();

  it('hands over every 12 hours as elapsed time across the DST change', () => {
    const rotation = rotationOf('PT12H', '2026-03-28T21:00', 'Europe/Berlin');
    // 21:00 CET is 20:00 UTC; twelve hours later the clocks have moved on.
    expect(iso(handoverMillis(rotation, 1))).toBe('2026-03-29T08:00:00.000Z');
    expect(iso(handoverMillis(rotation, 2))).toBe('2026-03-29T20:00:00.000Z');
  });

  it('hands over monthly on the calendar, counted from the start', () => {
    const rotation = rotationOf('P1M', '2026-01-31T09:00', 'UTC');
    expect(iso(handoverMillis(rotation, 1))).toBe('2026-02-28T09:00:00.000Z');
    expect(iso(handoverMillis(rotation, 2))).toBe('2026-03-31T09:00:00.000Z');
    const at = DateTime.fromISO('2026-03-30T12:00:00Z');
    expect(shiftAt(rotation, at).index).toBe(1);
    expect(shiftAt(rotation, at).until.toUTC().toISO()).toBe(
      '2026-03-31T09:00:00.000Z',
    );
  });

  it('computes the same hand-overs and shifts as luxon calendar arithmetic', () => {
    const rotations = [
      rotationOf('P1W', '2026-01-05T09:00', 'Europe/Berlin'),
      rotationOf('P1D', '2025-10-30T08:30', 'America/New_York'),
      rotationOf('PT8H', '2026-03-08T01:00', 'America/New_York'),
      rotationOf('P1M', '2026-01-31T09:00', 'Australia/Sydney'),
      rotationOf('P2W', '2026-01-05T09:00', 'UTC'),
    ];
    const reference = (rotation: Rotation, index: number) =>
      rotation.start.plus(rotation.period.mapUnits(x => x * index)).toMillis();
    fc.assert(
      fc.property(
        fc.constantFrom(...rotations),
        fc.integer({ min: -80, max: 80 }),
        fc.integer({ min: 0, max: 7 * 24 * 3600 * 1000 }),
        (rotation, index, offset) => {
          expect(handoverMillis(rotation, index)).toBe(
            reference(rotation, index),
          );
          // An instant inside shift `index` (or at its start) maps back to it.
          const from = reference(rotation, index);
          const until = reference(rotation, index + 1);
          const at = from + (offset % (until - from));
          expect(shiftIndexAt(rotation, at)).toBe(index);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('reads a Group rotation once for the same annotations and again when they change', () => {
    const annotations = {
      'leak-response.io/oncall-members': 'wei.tan, noah.fischer',
      'leak-response.io/oncall-period': 'P1W',
      'leak-response.io/oncall-start': '2026-01-05T09:00',
      'leak-response.io/oncall-timezone': 'Europe/Berlin',
    };
    const first = rotationFromGroup(group({ ...annotations }));
    const again = rotationFromGroup(group({ ...annotations }));
    expect(again).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    const changed = rotationFromGroup(
      group({
        ...annotations,
        'leak-response.io/oncall-members': 'noah.fischer, wei.tan',
      }),
    );
    expect(changed).not.toBe(first);
    expect(
      changed && 'rotation' in changed && changed.rotation.members,
    ).toEqual(['user:default/noah.fischer', 'user:default/wei.tan']);
    // Default members come from the relations, which are part of the key.
    const { 'leak-response.io/oncall-members': _, ...noMembers } = annotations;
    const byRelations = rotationFromGroup(group(noMembers, ['user:default/x']));
    const moreMembers = rotationFromGroup(
      group(noMembers, ['user:default/x', 'user:default/y']),
    );
    expect(
      moreMembers && 'rotation' in moreMembers && moreMembers.rotation.members,
    ).toEqual(['user:default/x', 'user:default/y']);
    expect(moreMembers).not.toBe(byRelations);
  });
});
