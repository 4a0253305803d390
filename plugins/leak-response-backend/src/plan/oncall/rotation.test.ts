import { Entity } from '@backstage/catalog-model';
import { DateTime } from 'luxon';
import {
  buildRotation,
  Rotation,
  rotationFromGroup,
  shiftAt,
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
});
