import fc from 'fast-check';
import { DateTime } from 'luxon';
import { ASSESSMENT_QUESTIONS, AssessmentAnswers } from './answers';
import { CLOCK_EVENTS } from './clocks';
import { DEFAULT_OBLIGATION_RULES } from './defaultRules';
import { IncidentFactsError, evaluateObligations } from './evaluateObligations';
import { IncidentFacts, isApplicableObligation, Obligation } from './types';
import { NOW, euFacts } from './__testUtils__/facts';

const CATEGORIES = [
  'personal.identifiers',
  'personal.behavioral',
  'personal.special',
  'personal.credentials',
  'payment.card',
  'payment.financial',
  'credentials.machine',
  'proprietary.model-weights',
  'synthetic',
  'anonymous',
  'public',
  'unknown.category',
];
const JURISDICTIONS = [
  'EU',
  'DE',
  'NO',
  'GB',
  'CH',
  'US',
  'US-CA',
  'US-NY',
  'US-TX',
  'US-FL',
  'US-CO',
  'US-WA',
  'CA',
  'BR',
  'SG',
  'AU',
  'JP',
  'CN',
  'HK',
  'IN',
  'KR',
  'AE',
];
const REGIONS = [
  'us-east-1',
  'eu-west-1',
  'eu-west-2',
  'eu-central-2',
  'sa-east-1',
  'ap-southeast-1',
  'ap-northeast-1',
  'cn-north-1',
  'ap-south-1',
  'ap-northeast-2',
  'me-central-1',
  'ca-central-1',
  'xx-nowhere-9',
];

const isoBetween = (from: string, to: string) =>
  fc
    .integer({ min: Date.parse(from), max: Date.parse(to) })
    .map(ms => new Date(ms).toISOString());

const answersArb: fc.Arbitrary<AssessmentAnswers> = fc.record(
  Object.fromEntries(
    Object.entries(ASSESSMENT_QUESTIONS).map(([key, q]) => [
      key,
      fc.constantFrom(...(q.values as readonly (string | boolean)[])),
    ]),
  ),
  { requiredKeys: [] },
) as fc.Arbitrary<AssessmentAnswers>;

const factsArb: fc.Arbitrary<IncidentFacts> = fc
  .record({
    aware: isoBetween('2025-01-01T00:00:00Z', '2029-12-31T00:00:00Z'),
    later: fc.subarray(Object.keys(CLOCK_EVENTS).filter(e => e !== 'aware')),
    laterBy: fc.integer({ min: 0, max: 40 * 24 }),
    categories: fc.subarray(CATEGORIES),
    weights: fc.option(
      fc.record({
        trainingData: fc.array(
          fc.record({
            ref: fc.constantFrom('resource:a', 'resource:b'),
            categories: fc.subarray(CATEGORIES),
          }),
          { maxLength: 2 },
        ),
        anonymous: fc.boolean(),
      }),
      { nil: undefined },
    ),
    dataSubjects: fc.option(
      fc.array(
        fc.record(
          {
            jurisdiction: fc.constantFrom(...JURISDICTIONS),
            approxCount: fc.integer({ min: 0, max: 3_000_000 }),
          },
          { requiredKeys: ['jurisdiction'] },
        ),
        { maxLength: 5 },
      ),
      { nil: undefined },
    ),
    hostingRegions: fc.option(fc.subarray(REGIONS), { nil: undefined }),
    establishments: fc.option(fc.subarray(['IE', 'GB', 'US', 'IN', 'DE']), {
      nil: undefined,
    }),
    answers: answersArb,
  })
  .map(r => {
    const clocks: IncidentFacts['clocks'] = { aware: r.aware };
    for (const event of r.later) {
      (clocks as Record<string, string>)[event] = DateTime.fromISO(r.aware)
        .plus({ hours: r.laterBy })
        .toUTC()
        .toISO()!;
    }
    return {
      clocks,
      data: {
        categories: r.categories,
        ...(r.weights && {
          model: {
            trainingData: r.weights.trainingData,
            ...(r.weights.anonymous && {
              anonymityAssessment: { conclusion: 'anonymous' as const },
            }),
          },
        }),
      },
      dataSubjects: r.dataSubjects,
      hostingRegions: r.hostingRegions,
      establishments: r.establishments,
      answers: r.answers,
    };
  });

/** What is wrong with one obligation, as text, so a failing run names the rule. */
function invariantViolations(o: Obligation): string[] {
  const problems: string[] = [];
  const fail = (problem: string) => problems.push(`${o.ruleId}: ${problem}`);
  if (!['applies', 'to-be-determined', 'not-applicable'].includes(o.status))
    fail(`status ${o.status}`);
  if (o.reasons.length === 0) fail('no reason');
  if (o.reasons.some(r => r.trim() === '')) fail('an empty reason');
  if (o.status === 'not-applicable') {
    if (o.openQuestions.length > 0)
      fail('open questions although not applicable');
    // Nothing of the rule's clock, deadline or text: only identity and reasons.
    const extra = Object.keys(o).filter(
      k =>
        ![
          'ruleId',
          'regime',
          'law',
          'jurisdiction',
          'recipient',
          'stage',
          'status',
          'reasons',
          'openQuestions',
          'confidence',
          // provenance belongs to the identity: which rule version decided it
          'ruleVersion',
        ].includes(k),
    );
    if (extra.length > 0) fail(`not applicable, yet with ${extra.join(', ')}`);
    return problems;
  }
  if (!o.due) fail('no due time');
  if (!o.clock) fail('no clock');
  if (![o.content, o.sources, o.notes].every(Array.isArray))
    fail('without the rule text (content, sources, notes)');
  if (o.status === 'to-be-determined' && o.openQuestions.length === 0)
    fail('undetermined without an open question');
  // A deadline never ends before its clock started (DORA's cap runs on another clock).
  if (
    o.due?.kind === 'at' &&
    o.clock.startedAt &&
    o.ruleId !== 'dora_init' &&
    o.due.at < o.clock.startedAt
  ) {
    fail(`due ${o.due.at} before its clock ${o.clock.startedAt}`);
  }
  return problems;
}

describe('evaluateObligations', () => {
  it('returns every rule exactly once, decided, with a reason (property)', () => {
    const ruleIds = DEFAULT_OBLIGATION_RULES.map(r => r.id);
    fc.assert(
      fc.property(factsArb, facts => {
        const report = evaluateObligations(facts, { now: NOW });
        expect(report.obligations.map(o => o.ruleId)).toEqual(ruleIds);
        expect(report.obligations.flatMap(invariantViolations)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('never lets a rule that needs personal data apply when none leaked (property)', () => {
    const needsPersonal = [
      'gdpr33',
      'gdpr34',
      'ukgdpr33',
      'lgpd',
      'kr_ind',
      'pipeda',
      'in_dpdp_72',
      'cn_pipl',
    ];
    fc.assert(
      fc.property(factsArb, facts => {
        const nonPersonal = {
          ...facts,
          data: { categories: ['synthetic', 'credentials.machine'] },
        };
        const report = evaluateObligations(nonPersonal, { now: NOW });
        expect(report.data.traits.personal).toBe('no');
        for (const o of report.obligations.filter(x =>
          needsPersonal.includes(x.ruleId),
        )) {
          expect(o.status).toBe('not-applicable');
        }
      }),
      { numRuns: 100 },
    );
  });

  it('reports the data determination and the evaluation time', () => {
    const report = evaluateObligations(euFacts(), {
      now: new Date('2026-03-27T12:00:00Z'),
    });
    expect(report.evaluatedAt).toBe('2026-03-27T12:00:00.000Z');
    expect(report.data.traits.personal).toBe('yes');
  });

  it('reads clock times with any offset and reports them in UTC', () => {
    const report = evaluateObligations(
      euFacts({ clocks: { aware: '2026-03-27T10:00:00+01:00' } }),
      { now: NOW },
    );
    const gdpr = report.obligations.find(o => o.ruleId === 'gdpr33')!;
    if (!isApplicableObligation(gdpr)) throw new Error(gdpr.reasons.join());
    expect(gdpr.clock.startedAt).toBe('2026-03-27T09:00:00.000Z');
  });

  it.each([
    [{ clocks: { aware: 'yesterday' } }, 'clocks.aware'],
    [
      {
        clocks: { aware: '2026-03-27T09:00:00Z', determination: '31/12/2026' },
      },
      'clocks.determination',
    ],
    [
      {
        clocks: {
          aware: '2026-03-27T09:00:00Z',
          lunch: '2026-03-27T12:00:00Z',
        },
      },
      'clocks.lunch',
    ],
    [
      { dataSubjects: [{ jurisdiction: 'EU', approxCount: -5 }] },
      'dataSubjects[0].approxCount',
    ],
    [{ answers: { risk: 'extreme' } }, 'answers.risk'],
    [{ answers: { mood: true } }, 'answers.mood'],
  ])('rejects malformed facts %j naming %s', (overrides, field) => {
    const facts = { ...euFacts(), ...overrides } as unknown as IncidentFacts;
    let error: unknown;
    try {
      evaluateObligations(facts, { now: NOW });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(IncidentFactsError);
    expect((error as IncidentFactsError).field).toBe(field);
  });

  it('uses the given category flags and region map instead of the built-in ones', () => {
    const facts = euFacts({
      data: { categories: ['acme.loyalty'] },
      dataSubjects: [],
      establishments: [],
      hostingRegions: ['acme-shanghai'],
      answers: { risk: 'high' },
    });
    const report = evaluateObligations(facts, {
      now: NOW,
      categoryFlags: { 'acme.loyalty': { personal: true } },
      regionCountry: r => (r === 'acme-shanghai' ? 'CN' : undefined),
    });
    const cn = report.obligations.find(o => o.ruleId === 'cn_pipl')!;
    expect(cn.status).toBe('applies');
    expect(cn.reasons).toContain('hosting link: hosted in acme-shanghai (CN)');
  });
});
