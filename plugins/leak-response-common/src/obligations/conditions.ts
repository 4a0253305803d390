import {
  ASSESSMENT_QUESTIONS,
  AssessmentQuestion,
  formatAnswer,
} from './answers';
import { jurisdictionWithin } from './jurisdictions';
import {
  US_PI_ELEMENT_ANSWERS,
  US_PI_ELEMENT_LABELS,
  US_STATE_PI_DEFINITIONS,
  UsPiElement,
} from './usStatePersonalInformation';
import {
  Condition,
  DataDetermination,
  DataSubjectsEntry,
  DataTrait,
  IncidentFacts,
  OpenQuestion,
  Truth,
} from './types';

/** The outcome of a condition, with what decided it. */
export interface ConditionResult {
  value: Truth;
  reasons: string[];
  questions: OpenQuestion[];
}

/** What conditions are evaluated against. */
export interface ConditionContext {
  facts: IncidentFacts;
  data: DataDetermination;
  regionCountry: (region: string) => string | undefined;
  /** Applicability of another rule (memoised by the caller). */
  ruleApplies: (ruleId: string) => ConditionResult;
}

const DATA_LABELS: Record<DataTrait, string> = {
  personal: 'personal data',
  specialCategory: 'special-category data (GDPR Art. 9)',
  cardData: 'card data (PCI account data)',
  credentials: 'credentials',
  financial: 'financial data',
  usStatePersonalInformation:
    'personal information as US state breach laws define it',
  authenticationData:
    'authentication data of the data subjects (customer logins)',
  vulnerableSubjects: 'data of children, adolescents or the elderly',
};

const NEGATION: Record<Truth, Truth> = {
  yes: 'no',
  no: 'yes',
  unknown: 'unknown',
};

const joinCodes = (codes: readonly string[]) => codes.join(', ');

function result(
  value: Truth,
  reasons: string[],
  questions: OpenQuestion[] = [],
): ConditionResult {
  return { value, reasons, questions };
}

/**
 * The reasons and questions of several outcomes, each once. Most merges
 * have one part, or parts with a reason or two each; a plan does hundreds
 * of them, so no intermediate arrays or sets.
 */
function merge(value: Truth, parts: ConditionResult[]): ConditionResult {
  if (parts.length === 1) {
    const [only] = parts;
    return only.value === value
      ? only
      : result(value, only.reasons, only.questions);
  }
  const reasons: string[] = [];
  const questions: OpenQuestion[] = [];
  for (const part of parts) {
    for (const reason of part.reasons) {
      if (!reasons.includes(reason)) reasons.push(reason);
    }
    for (const question of part.questions) {
      if (
        !questions.some(
          q => q.about === question.about && q.question === question.question,
        )
      ) {
        questions.push(question);
      }
    }
  }
  return result(value, reasons, questions);
}

function evaluateAll(parts: ConditionResult[]): ConditionResult {
  const no = parts.filter(p => p.value === 'no');
  if (no.length > 0) return { ...merge('no', no), questions: [] };
  if (parts.some(p => p.value === 'unknown')) {
    // Keep what is already settled too: it tells the reader what is left.
    return merge('unknown', parts);
  }
  return merge('yes', parts);
}

function evaluateAny(parts: ConditionResult[]): ConditionResult {
  const yes = parts.filter(p => p.value === 'yes');
  if (yes.length > 0) return { ...merge('yes', yes), questions: [] };
  if (parts.some(p => p.value === 'unknown')) return merge('unknown', parts);
  return merge('no', parts);
}

function evaluateAnswer(
  key: AssessmentQuestion,
  expected: unknown,
  ctx: ConditionContext,
): ConditionResult {
  const { question } = ASSESSMENT_QUESTIONS[key];
  const given = ctx.facts.answers?.[key];
  if (given === undefined) {
    return result(
      'unknown',
      [`not answered yet: ${question}`],
      [{ about: `answers.${key}`, question }],
    );
  }
  const accepted = Array.isArray(expected) ? expected : [expected ?? true];
  return result(accepted.includes(given) ? 'yes' : 'no', [
    `${question} — ${formatAnswer(given)}`,
  ]);
}

function evaluateData(
  trait: DataTrait,
  ctx: ConditionContext,
): ConditionResult {
  const value = ctx.data.traits[trait];
  const label = DATA_LABELS[trait];
  if (value === 'yes') {
    const evidence = ctx.data.evidence[trait];
    return result('yes', [
      `the leaked data include ${label}${evidence ? `: ${evidence}` : ''}`,
    ]);
  }
  if (value === 'no')
    return result('no', [`the leaked data include no ${label}`]);
  return result(
    'unknown',
    [`not known whether the leaked data include ${label}`],
    [
      {
        about: 'facts.data',
        question:
          trait === 'usStatePersonalInformation'
            ? 'Do the leaked personal data include personal information as US state laws define it (name with SSN, ID, account or card number with code, online-account logins, health data)?'
            : 'Declare the data categories of the leaked data, all in the vocabulary (and the training data of leaked model weights).',
      },
    ],
  );
}

// One formatter for all calls (building one per call dominated evaluation
// time), and the few counts of an evaluation formatted once.
const COUNT_FORMAT = new Intl.NumberFormat('en-US');
const formattedCounts = new Map<number, string>();
const MAX_FORMATTED_COUNTS = 1000;
function formatCount(n: number): string {
  let text = formattedCounts.get(n);
  if (text === undefined) {
    text = COUNT_FORMAT.format(n);
    if (formattedCounts.size >= MAX_FORMATTED_COUNTS) formattedCounts.clear();
    formattedCounts.set(n, text);
  }
  return text;
}

/** The bounds of a count over entries that may overlap. */
interface Bounds {
  low: number;
  /** `Infinity` when some entry has no upper bound. */
  high: number;
}

/**
 * Entries for the same jurisdiction may come from datasets that overlap
 * (the same customers in two tables): together they hold at least the
 * largest and at most the sum. Entries for different jurisdictions are
 * different people, unless one place lies inside the other.
 */
function boundsOf(entries: readonly DataSubjectsEntry[]): Bounds {
  const byPlace = new Map<string, Bounds>();
  for (const e of entries) {
    const low = e.approxCount ?? e.atLeast ?? 0;
    const high = e.approxCount ?? e.atMost ?? Infinity;
    const place = e.jurisdiction.toUpperCase();
    const seen = byPlace.get(place);
    byPlace.set(
      place,
      seen
        ? { low: Math.max(seen.low, low), high: seen.high + high }
        : { low, high },
    );
  }
  // People of places nested in one another may be the same people; those
  // of places side by side are not. The most that can be said for sure is
  // the best sum over places none of which contains another.
  const places = [...byPlace.keys()];
  const within = (a: string, b: string) =>
    a !== b && jurisdictionWithin(a, b) === 'inside';
  const parentOf = new Map<string, string | undefined>();
  for (const place of places) {
    const containers = places.filter(other => within(place, other));
    parentOf.set(
      place,
      containers.find(c => containers.every(o => o === c || within(c, o))),
    );
  }
  const best = (place: string): number => {
    const children = places.filter(p => parentOf.get(p) === place);
    const below = children.reduce((sum, child) => sum + best(child), 0);
    return Math.max(byPlace.get(place)!.low, below);
  };
  let low = 0;
  let high = 0;
  for (const place of places) {
    if (parentOf.get(place) === undefined) low += best(place);
    high += byPlace.get(place)!.high;
  }
  return { low, high };
}

const describeBounds = ({ low, high }: Bounds) => {
  if (low === high) return `about ${formatCount(low)}`;
  if (high === Infinity) {
    return low > 0 ? `at least ${formatCount(low)}` : 'an unknown number of';
  }
  return `between ${formatCount(low)} and ${formatCount(high)}`;
};

function evaluateSubjects(
  targets: string[],
  moreThan: number | undefined,
  atLeast: number | undefined,
  ctx: ConditionContext,
): ConditionResult {
  const where = targets.includes('*') ? 'any jurisdiction' : joinCodes(targets);
  const entries = ctx.facts.dataSubjects;
  const undeclared = ctx.facts.dataSubjectsUnknownFrom ?? [];
  const whereUnknown = () =>
    undeclared.map(source => ({
      about: 'facts.dataSubjects',
      question: `Where do the people in ${source} live, and about how many in each place?`,
    }));
  if (!entries) {
    return result(
      'unknown',
      ['where the affected people live is not known'],
      [
        {
          about: 'facts.dataSubjects',
          question:
            'Where do the affected people live, and about how many in each place?',
        },
      ],
    );
  }
  const relation = (jurisdiction: string) =>
    targets.reduce<'inside' | 'maybe' | 'outside'>((best, target) => {
      const r = jurisdictionWithin(jurisdiction, target);
      if (best === 'inside' || r === 'inside') return 'inside';
      return best === 'maybe' || r === 'maybe' ? 'maybe' : 'outside';
    }, 'outside');
  const inside = entries.filter(e => relation(e.jurisdiction) === 'inside');
  const maybe = entries.filter(e => relation(e.jurisdiction) === 'maybe');
  const unsure = (why: string) =>
    result(
      'unknown',
      [why],
      [
        ...(maybe.length > 0 || undeclared.length === 0
          ? [
              {
                about: 'facts.dataSubjects',
                question: `How many of the affected people live in ${where}?`,
              },
            ]
          : []),
        ...whereUnknown(),
      ],
    );
  const maybeText = `data subjects are recorded for ${joinCodes(
    maybe.map(e => e.jurisdiction),
  )}, which may include ${where}`;
  const undeclaredText = `${joinCodes(
    undeclared,
  )} do not say where their people live, so some may live in ${where}`;

  if (moreThan === undefined && atLeast === undefined) {
    if (inside.length > 0) {
      return result('yes', [
        `residence link: data subjects in ${joinCodes(
          inside.map(e => e.jurisdiction),
        )}`,
      ]);
    }
    if (maybe.length > 0) return unsure(maybeText);
    if (undeclared.length > 0) return unsure(undeclaredText);
    return result('no', [`no data subjects in ${where}`]);
  }

  const limit = moreThan !== undefined ? moreThan + 1 : atLeast!;
  const threshold =
    moreThan !== undefined
      ? `more than ${formatCount(moreThan)}`
      : `at least ${formatCount(atLeast!)}`;
  const sure = boundsOf(inside);
  // People recorded for a wider place, or for no place, may be here too.
  const possible = {
    low: sure.low,
    high:
      sure.high + boundsOf(maybe).high + (undeclared.length > 0 ? Infinity : 0),
  };
  const sources = inside.flatMap(e => e.from ?? []);
  const from =
    sources.length > 1 ? ` (from ${joinCodes([...new Set(sources)])})` : '';
  if (possible.low >= limit) {
    return result('yes', [
      `residence link: ${describeBounds(
        sure,
      )} data subjects in ${where}${from} (threshold: ${threshold})`,
    ]);
  }
  if (possible.high < limit) {
    if (inside.length === 0 && maybe.length === 0) {
      return result('no', [`no data subjects in ${where}`]);
    }
    return result('no', [
      `${describeBounds(
        possible,
      )} data subjects in ${where}, below the threshold (${threshold})`,
    ]);
  }
  if (maybe.length > 0 && inside.length === 0) {
    return unsure(`${maybeText} (threshold: ${threshold})`);
  }
  if (undeclared.length > 0 && inside.length === 0) {
    return unsure(`${undeclaredText} (threshold: ${threshold})`);
  }
  if (sure.high === Infinity && sure.low === 0 && maybe.length === 0) {
    return unsure(
      `the number of data subjects in ${where} is not known (threshold: ${threshold})`,
    );
  }
  return unsure(
    `${describeBounds(possible)} data subjects in ${where}${from}${
      inside.length > 1 || maybe.length > 0 || undeclared.length > 0
        ? '; the datasets may overlap'
        : ''
    } (threshold: ${threshold})`,
  );
}

function evaluateHosting(
  targets: string[],
  ctx: ConditionContext,
): ConditionResult {
  const regions = ctx.facts.hostingRegions;
  const where = joinCodes(targets);
  if (!regions) {
    return result(
      'unknown',
      ['the hosting regions are not known'],
      [
        {
          about: 'facts.hostingRegions',
          question: 'In which AWS regions were the data stored or processed?',
        },
      ],
    );
  }
  const unknownRegions: string[] = [];
  const hits: string[] = [];
  for (const region of regions) {
    const country = ctx.regionCountry(region);
    if (!country) unknownRegions.push(region);
    else if (targets.some(t => jurisdictionWithin(country, t) === 'inside')) {
      hits.push(`${region} (${country})`);
    }
  }
  if (hits.length > 0) {
    return result('yes', [`hosting link: hosted in ${joinCodes(hits)}`]);
  }
  const undeclared = ctx.facts.hostingRegionsUnknownFrom ?? [];
  if (undeclared.length > 0) {
    return result(
      'unknown',
      [`${joinCodes(undeclared)} do not say where they are stored`],
      undeclared.map(source => ({
        about: 'facts.hostingRegions',
        question: `In which AWS regions are the data of ${source} stored or processed?`,
      })),
    );
  }
  if (unknownRegions.length > 0) {
    return result(
      'unknown',
      [`unknown AWS regions: ${joinCodes(unknownRegions)}`],
      [
        {
          about: 'facts.hostingRegions',
          question: `Where are the regions ${joinCodes(unknownRegions)}?`,
        },
      ],
    );
  }
  return result('no', [
    regions.length === 0
      ? 'no hosting regions recorded'
      : `not hosted in ${where} (regions: ${joinCodes(regions)})`,
  ]);
}

function evaluateEstablishment(
  targets: string[],
  ctx: ConditionContext,
): ConditionResult {
  const establishments = ctx.facts.establishments;
  const where = joinCodes(targets);
  const question = {
    about: 'facts.establishments',
    question: `Is the organisation established in ${where}?`,
  };
  if (!establishments) {
    return result(
      'unknown',
      ['where the organisation is established is not known'],
      [question],
    );
  }
  const relation = (e: string) => targets.map(t => jurisdictionWithin(e, t));
  const inside = establishments.filter(e => relation(e).includes('inside'));
  if (inside.length > 0)
    return result('yes', [
      `establishment link: established in ${joinCodes(inside)}`,
    ]);
  if (establishments.some(e => relation(e).includes('maybe'))) {
    return result('unknown', [`establishment may be in ${where}`], [question]);
  }
  return result('no', [`not established in ${where}`]);
}

function evaluateElement(
  element: UsPiElement,
  ctx: ConditionContext,
): ConditionResult {
  const { carriedBy, possibleIn } = ctx.data.usPiElements?.[element] ?? {
    carriedBy: [],
    possibleIn: [],
  };
  const label = US_PI_ELEMENT_LABELS[element];
  if (carriedBy.length > 0) {
    return result('yes', [`${label}: ${carriedBy.join(', ')}`]);
  }
  const key = US_PI_ELEMENT_ANSWERS[element];
  const given = key ? ctx.facts.answers?.[key] : undefined;
  if (key && given !== undefined) {
    return result(given === true ? 'yes' : 'no', [
      `${ASSESSMENT_QUESTIONS[key].question} — ${formatAnswer(given)}`,
    ]);
  }
  const unsure =
    possibleIn.length > 0 ||
    ctx.data.unknownCategories.length > 0 ||
    ctx.data.categories.length === 0;
  if (!unsure) return result('no', [`no ${label} among the leaked data`]);
  return result(
    'unknown',
    [`not known whether the leaked data include ${label}`],
    [
      key
        ? {
            about: `answers.${key}`,
            question: ASSESSMENT_QUESTIONS[key].question,
          }
        : {
            about: 'facts.data',
            question:
              'Declare the data categories of the leaked data, all in the vocabulary (and the training data of leaked model weights).',
          },
    ],
  );
}

/** Personal information as one state's statute defines it (`US_STATE_PI_DEFINITIONS`). */
function evaluateStatePersonalInformation(
  state: string,
  ctx: ConditionContext,
): ConditionResult {
  const definition = US_STATE_PI_DEFINITIONS[state.toUpperCase()];
  if (!definition) {
    return result(
      'unknown',
      [`no definition of personal information is recorded for ${state}`],
      [
        {
          about: 'counsel',
          question: `Which data elements count as personal information in ${state}?`,
        },
      ],
    );
  }
  if (ctx.data.traits.personal === 'no') {
    return result('no', [
      `no personal information under ${definition.statute}: the leaked data include no personal data`,
    ]);
  }
  const combinations = definition.combinations.map(c => ({
    combination: c,
    outcome: evaluateAll(c.elements.map(e => evaluateElement(e, ctx))),
  }));
  const met = combinations.find(c => c.outcome.value === 'yes');
  if (met) {
    return result('yes', [
      `personal information under ${definition.statute} (${
        met.combination.cite
      }): ${met.outcome.reasons.join('; ')}`,
    ]);
  }
  const open = combinations.filter(c => c.outcome.value === 'unknown');
  if (open.length === 0) {
    return result('no', [
      `no personal information under ${definition.statute}: the leaked data hold none of its combinations of data elements`,
      ...(definition.notes ?? []),
    ]);
  }
  const unsettled = merge(
    'unknown',
    open.map(c => c.outcome),
  );
  return result(
    'unknown',
    [
      `whether the leaked data hold personal information under ${definition.statute} is not settled`,
    ],
    unsettled.questions,
  );
}

/**
 * Evaluates a rule condition in three-valued logic, keeping the facts that
 * decided it as reasons and the missing ones as open questions.
 */
export function evaluateCondition(
  condition: Condition,
  ctx: ConditionContext,
): ConditionResult {
  if ('all' in condition) {
    return evaluateAll(condition.all.map(c => evaluateCondition(c, ctx)));
  }
  if ('any' in condition) {
    return evaluateAny(condition.any.map(c => evaluateCondition(c, ctx)));
  }
  if ('not' in condition) {
    const inner = evaluateCondition(condition.not, ctx);
    return { ...inner, value: NEGATION[inner.value] };
  }
  if ('answer' in condition) {
    return evaluateAnswer(condition.answer, condition.is, ctx);
  }
  if ('data' in condition) return evaluateData(condition.data, ctx);
  if ('usStatePersonalInformation' in condition) {
    return evaluateStatePersonalInformation(
      condition.usStatePersonalInformation,
      ctx,
    );
  }
  if ('subjectsIn' in condition) {
    return evaluateSubjects(
      condition.subjectsIn,
      condition.moreThan,
      condition.atLeast,
      ctx,
    );
  }
  if ('hostedIn' in condition) return evaluateHosting(condition.hostedIn, ctx);
  if ('establishedIn' in condition) {
    return evaluateEstablishment(condition.establishedIn, ctx);
  }
  if ('ruleApplies' in condition) return ctx.ruleApplies(condition.ruleApplies);
  if ('constant' in condition) {
    return result(
      condition.constant,
      [condition.reason],
      condition.constant === 'unknown'
        ? [{ about: 'counsel', question: condition.reason }]
        : [],
    );
  }
  const never: never = condition;
  throw new Error(`Unknown condition ${JSON.stringify(never)}`);
}
