import { DateTime } from 'luxon';
import { readinessGaps } from './readiness';
import { buildRotation, Rotation } from './rotation';

const utc = (iso: string) => DateTime.fromISO(iso, { zone: 'UTC' });
const BOTH = ['aws-incident-response', 'ai-data-categorization'];

function rotation(members: string[]): Rotation {
  const built = buildRotation(
    {
      group: 'group:default/security-ir',
      members,
      period: 'P1W',
      start: '2026-11-02T09:00Z',
      timeZone: 'UTC',
    },
    'config',
  );
  if (!('rotation' in built)) throw new Error(built.problems.join('; '));
  return built.rotation;
}

const trainings: Record<string, string[]> = {
  'user:default/trained-1': BOTH,
  'user:default/trained-2': BOTH,
  'user:default/half': ['aws-incident-response'],
  'user:default/none': [],
};

describe('readinessGaps', () => {
  it('reports every shift in the horizon whose person lacks a training', () => {
    const gaps = readinessGaps({
      rotations: [rotation(['trained-1', 'half', 'none'])],
      trainings: u => trainings[u] ?? [],
      requiredTrainings: BOTH,
      now: utc('2026-11-03T00:00:00Z'),
      horizonUntil: utc('2026-11-24T00:00:00Z'),
      peaks: [],
    });
    expect(gaps).toEqual([
      {
        kind: 'untrained-slot',
        rotationOf: 'group:default/security-ir',
        userRef: 'user:default/half',
        from: '2026-11-09T09:00:00.000Z',
        until: '2026-11-16T09:00:00.000Z',
        missingTrainings: ['ai-data-categorization'],
      },
      {
        kind: 'untrained-slot',
        rotationOf: 'group:default/security-ir',
        userRef: 'user:default/none',
        from: '2026-11-16T09:00:00.000Z',
        until: '2026-11-23T09:00:00.000Z',
        missingTrainings: BOTH,
      },
    ]);
  });

  it('reports none when everybody holds both trainings', () => {
    expect(
      readinessGaps({
        rotations: [rotation(['trained-1', 'trained-2'])],
        trainings: u => trainings[u] ?? [],
        requiredTrainings: BOTH,
        now: utc('2026-11-03T00:00:00Z'),
        horizonUntil: utc('2026-12-29T00:00:00Z'),
        peaks: [
          {
            name: 'Black Friday to New Year',
            from: utc('2026-11-27'),
            until: utc('2027-01-01'),
            minTrainedResponders: 2,
          },
        ],
      }),
    ).toEqual([]);
  });

  it('reports a peak with fewer trained responders than required', () => {
    const gaps = readinessGaps({
      rotations: [rotation(['trained-1', 'half'])],
      trainings: u => trainings[u] ?? [],
      requiredTrainings: BOTH,
      now: utc('2026-11-03T00:00:00Z'),
      horizonUntil: utc('2026-11-03T00:00:00Z'),
      peaks: [
        {
          name: 'Black Friday to New Year',
          from: utc('2026-11-27'),
          until: utc('2027-01-01'),
          minTrainedResponders: 2,
        },
        {
          name: 'Over already',
          from: utc('2026-01-01'),
          until: utc('2026-02-01'),
          minTrainedResponders: 5,
        },
      ],
    });
    expect(gaps.filter(g => g.kind === 'peak-understaffed')).toEqual([
      {
        kind: 'peak-understaffed',
        rotationOf: 'group:default/security-ir',
        peak: 'Black Friday to New Year',
        from: '2026-11-27T00:00:00.000Z',
        until: '2027-01-01T00:00:00.000Z',
        trainedResponders: ['user:default/trained-1'],
        required: 2,
      },
    ]);
  });
});
