import fc from 'fast-check';
import { ASSESSMENT_QUESTIONS, AssessmentAnswers } from './answers';
import { evaluateObligations } from './evaluateObligations';
import { US_PI_ELEMENT_ANSWERS } from './usStatePersonalInformation';
import { DEFAULT_DATA_CATEGORIES } from '../entity/dataCategories';
import { DataSubjectsEntry, IncidentFacts, ObligationStatus } from './types';

const NOW = '2026-11-20T12:00:00Z';
const CATEGORIES = [
  ...DEFAULT_DATA_CATEGORIES.map(c => c.id),
  'acme.not-in-vocabulary',
];
const PLACES = [
  'EU',
  'EEA',
  'DE',
  'IE',
  'GB',
  'CH',
  'US',
  'US-CA',
  'US-NY',
  'US-TX',
  'US-FL',
  'US-CO',
  'US-WA',
  'BR',
  'CA',
  'JP',
  'KR',
  'SG',
  'AU',
  'IN',
  'CN',
  'AE',
];
const REGIONS = [
  'eu-west-1',
  'eu-central-2',
  'us-east-1',
  'ap-south-1',
  'sa-east-1',
  'ap-northeast-1',
  'cn-north-1',
  'me-central-1',
  'ca-central-1',
];

const count = fc.integer({ min: 0, max: 3_000_000 });
const entry: fc.Arbitrary<DataSubjectsEntry> = fc.oneof(
  fc.record({ jurisdiction: fc.constantFrom(...PLACES), approxCount: count }),
  fc.record({ jurisdiction: fc.constantFrom(...PLACES) }),
  fc
    .record({
      jurisdiction: fc.constantFrom(...PLACES),
      atLeast: count,
      extra: count,
    })
    .map(({ jurisdiction, atLeast, extra }) => ({
      jurisdiction,
      atLeast,
      atMost: atLeast + extra,
    })),
);

interface Dataset {
  categories: string[];
  subjects: DataSubjectsEntry[];
  regions: string[];
}

/** What one leaked dataset adds: its categories, its people, its regions. */
const dataset: fc.Arbitrary<Dataset> = fc.record({
  categories: fc.subarray(CATEGORIES, { maxLength: 4 }),
  subjects: fc.array(entry, { maxLength: 4 }),
  regions: fc.subarray(REGIONS, { maxLength: 3 }),
});

const answers: fc.Arbitrary<AssessmentAnswers> = fc.record(
  Object.fromEntries(
    Object.entries(ASSESSMENT_QUESTIONS).map(([key, q]) => [
      key,
      fc.constantFrom(...(q.values as readonly (string | boolean)[])),
    ]),
  ),
  { requiredKeys: [] },
) as fc.Arbitrary<AssessmentAnswers>;

const organisation = fc.record({
  establishments: fc.subarray(['DE', 'IE', 'US', 'GB', 'IN', 'BR', 'JP']),
  answers,
});

function factsOf(
  datasets: Dataset[],
  org: { establishments: string[]; answers: AssessmentAnswers },
): IncidentFacts {
  return {
    clocks: { aware: '2026-11-20T09:00:00Z' },
    data: { categories: [...new Set(datasets.flatMap(d => d.categories))] },
    dataSubjects: datasets.flatMap(d => d.subjects),
    hostingRegions: [...new Set(datasets.flatMap(d => d.regions))],
    establishments: org.establishments,
    answers: org.answers,
  };
}

function statuses(facts: IncidentFacts): Map<string, ObligationStatus> {
  return new Map(
    evaluateObligations(facts, { now: NOW }).obligations.map(o => [
      o.ruleId,
      o.status,
    ]),
  );
}

describe('evaluateObligations — properties', () => {
  it('adding a leaked dataset never removes an obligation that applied', () => {
    fc.assert(
      fc.property(
        fc.array(dataset, { minLength: 1, maxLength: 3 }),
        dataset,
        organisation,
        (before, added, org) => {
          const was = statuses(factsOf(before, org));
          const now = statuses(factsOf([...before, added], org));
          const applied = [...was]
            .filter(([, status]) => status === 'applies')
            .map(([ruleId]) => ruleId);
          expect(applied.map(ruleId => [ruleId, now.get(ruleId)])).toEqual(
            applied.map(ruleId => [ruleId, 'applies']),
          );
        },
      ),
      { numRuns: 150 },
    );
  });

  /**
   * A fact left unknown must not decide a rule: whatever the rule says
   * without it (applies, not applicable), it says for every value the fact
   * can take. So an unknown fact never yields "not applicable" for a rule
   * whose outcome depends on it.
   */
  const settled = (
    unknown: Map<string, ObligationStatus>,
    known: Map<string, ObligationStatus>,
  ) => {
    for (const [ruleId, status] of unknown) {
      if (status !== 'to-be-determined') {
        expect([ruleId, known.get(ruleId)]).toEqual([ruleId, status]);
      }
    }
  };

  it('an unanswered question never decides a rule that reads it', () => {
    // The answers about US data elements (names, ID numbers, …) are left
    // out: an element the declared categories cannot hold is settled by
    // those categories, which are facts, while a "yes" still adds it. Their
    // own test is in evaluateObligations.us.test.ts.
    const elementAnswers = new Set<string>(
      Object.values(US_PI_ELEMENT_ANSWERS),
    );
    const keys = (
      Object.keys(ASSESSMENT_QUESTIONS) as Array<
        keyof typeof ASSESSMENT_QUESTIONS
      >
    ).filter(key => !elementAnswers.has(key));
    fc.assert(
      fc.property(
        fc.array(dataset, { minLength: 1, maxLength: 2 }),
        organisation,
        fc.constantFrom(...keys),
        fc.nat(),
        (datasets, org, key, pick) => {
          const values = ASSESSMENT_QUESTIONS[key].values as readonly (
            | string
            | boolean
          )[];
          const without = { ...org.answers };
          delete without[key];
          const unknown = statuses(
            factsOf(datasets, { ...org, answers: without }),
          );
          const known = statuses(
            factsOf(datasets, {
              ...org,
              answers: { ...without, [key]: values[pick % values.length] },
            }),
          );
          settled(unknown, known);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('unknown residence, hosting or establishment never decides a rule that reads it', () => {
    fc.assert(
      fc.property(
        fc.array(dataset, { minLength: 1, maxLength: 2 }),
        organisation,
        fc.constantFrom(
          'dataSubjects',
          'hostingRegions',
          'establishments',
          'dataSubjectsUnknownFrom',
        ),
        (datasets, org, fact) => {
          const known = factsOf(datasets, org);
          let unknown: IncidentFacts;
          if (fact === 'dataSubjectsUnknownFrom') {
            // One dataset does not say where its people live; the known
            // facts are what it would have said.
            unknown = {
              ...factsOf(datasets.slice(1), org),
              data: known.data,
              hostingRegions: known.hostingRegions,
              dataSubjectsUnknownFrom: ['resource:default/first'],
            };
          } else {
            unknown = { ...known };
            delete unknown[fact];
          }
          settled(statuses(unknown), statuses(known));
        },
      ),
      { numRuns: 150 },
    );
  });
});
