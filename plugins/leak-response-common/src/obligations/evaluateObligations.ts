import { DateTime } from 'luxon';
import { ASSESSMENT_QUESTIONS, isAssessmentQuestion } from './answers';
import { CLOCK_EVENTS, ClockEvent, isClockEvent } from './clocks';
import {
  ConditionContext,
  ConditionResult,
  evaluateCondition,
} from './conditions';
import { DEFAULT_OBLIGATION_RULES } from './defaultRules';
import { determineLeakedData } from './personalData';
import { ruleTableVersion, ruleVersion } from './ruleVersion';
import { calendarDate } from './time/calendarDate';
import { addPeriod, describePeriod, PeriodUnit } from './time/periods';
import { wallTime, zoneNamed } from './time/zonedTime';
import {
  CategoryFlagLookup,
  ClockReading,
  Due,
  IncidentFacts,
  Obligation,
  ObligationRule,
  ObligationStatus,
  ObligationsReport,
  OpenQuestion,
  Truth,
} from './types';
import { DEFAULT_DATA_CATEGORY_VOCABULARY } from '../entity/dataCategories';
import { regionCountry as awsRegionCountry } from '../entity/regions';

/**
 * Facts that cannot be read (a malformed time, a negative count). `field`
 * names the offending fact, e.g. `clocks.aware`.
 * @public
 */
export class IncidentFactsError extends Error {
  readonly field: string;

  constructor(field: string, problem: string) {
    super(`${field}: ${problem}`);
    this.name = 'IncidentFactsError';
    this.field = field;
  }
}

/** @public */
export interface EvaluateObligationsOptions {
  /** The evaluation time, for `overdue`. Passed in so the function stays pure. */
  now: string | Date;
  /** The rule table; defaults to {@link DEFAULT_OBLIGATION_RULES}. Use `mergeRules` to apply config. */
  rules?: readonly ObligationRule[];
  /** Flags of data categories; defaults to the built-in data-category vocabulary. */
  categoryFlags?: CategoryFlagLookup;
  /** AWS region → country; defaults to the built-in region map. */
  regionCountry?: (region: string) => string | undefined;
}

/** ISO 8601 in UTC as `toISOString()` writes it: the usual form of a time here. */
const UTC_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

function parseTime(value: unknown, field: string): DateTime {
  if (typeof value === 'string' && UTC_ISO.test(value)) {
    // The same instant and zone as luxon's parse, without its general parser.
    const ms = Date.parse(value);
    if (
      Number.isFinite(ms) &&
      new Date(ms).toISOString().startsWith(value.slice(0, 19))
    ) {
      return DateTime.fromMillis(ms, { zone: 'utc' });
    }
  }
  const parsed =
    typeof value === 'string'
      ? DateTime.fromISO(value, { setZone: true })
      : undefined;
  if (!parsed?.isValid) {
    throw new IncidentFactsError(
      field,
      `must be an ISO 8601 date-time (got ${JSON.stringify(value)})`,
    );
  }
  return parsed;
}

function checkFacts(facts: IncidentFacts): Map<ClockEvent, DateTime> {
  if (!facts?.clocks) throw new IncidentFactsError('clocks', 'is required');
  if (!facts.data || !Array.isArray(facts.data.categories)) {
    throw new IncidentFactsError(
      'data.categories',
      'must be a list of data category ids',
    );
  }
  const clocks = new Map<ClockEvent, DateTime>();
  clocks.set('aware', parseTime(facts.clocks.aware, 'clocks.aware'));
  for (const [event, value] of Object.entries(facts.clocks)) {
    if (!isClockEvent(event)) {
      throw new IncidentFactsError(
        `clocks.${event}`,
        `unknown clock event; known: ${Object.keys(CLOCK_EVENTS).join(', ')}`,
      );
    }
    if (value !== undefined)
      clocks.set(event, parseTime(value, `clocks.${event}`));
  }
  facts.dataSubjects?.forEach((entry, i) => {
    if (typeof entry?.jurisdiction !== 'string' || entry.jurisdiction === '') {
      throw new IncidentFactsError(
        `dataSubjects[${i}].jurisdiction`,
        'must be a jurisdiction code',
      );
    }
    const count = entry.approxCount;
    if (count !== undefined && (typeof count !== 'number' || !(count >= 0))) {
      throw new IncidentFactsError(
        `dataSubjects[${i}].approxCount`,
        `must be a number ≥ 0 (got ${JSON.stringify(count)})`,
      );
    }
  });
  for (const [key, value] of Object.entries(facts.answers ?? {})) {
    if (!isAssessmentQuestion(key)) {
      throw new IncidentFactsError(
        `answers.${key}`,
        'unknown assessment question',
      );
    }
    const allowed: readonly unknown[] = ASSESSMENT_QUESTIONS[key].values;
    if (value !== undefined && !allowed.includes(value)) {
      throw new IncidentFactsError(
        `answers.${key}`,
        `must be one of ${allowed.join(', ')} (got ${JSON.stringify(value)})`,
      );
    }
  }
  return clocks;
}

/** ISO 8601 in UTC, as luxon's `toUTC().toISO()` writes it, for a fraction of the cost. */
function isoUtc(time: DateTime): string {
  return new Date(time.toMillis()).toISOString();
}

/**
 * Zone and period arithmetic that many rules of one evaluation repeat (the
 * same clock start, the same local date in a zone, the same period), done
 * once per evaluation: luxon's zone offsets are the costly part of a plan.
 */
class EvaluationMemo {
  private readonly dates = new Map<string, string>();
  private readonly isoTimes = new Map<number, string>();
  private readonly ends = new Map<string, DateTime>();
  readonly clocks = new Map<
    ClockEvent,
    { reading: ClockReading; start?: DateTime }
  >();

  localDate(time: DateTime, zone: string): string {
    let day = this.dates.get(zone);
    if (day === undefined) {
      const local = zoneNamed(zone);
      if (local.isValid) {
        const { year, month, day: date } = wallTime(time.toMillis(), local);
        day = calendarDate(year, month, date);
      } else {
        day = time.setZone(zone).toISODate()!;
      }
      this.dates.set(zone, day);
    }
    return day;
  }

  /** `isoUtc`, once per instant: many rules share a due time (72 hours, 30 days). */
  iso(time: DateTime): string {
    const ms = time.toMillis();
    let text = this.isoTimes.get(ms);
    if (text === undefined) {
      text = isoUtc(time);
      this.isoTimes.set(ms, text);
    }
    return text;
  }

  addPeriod(
    start: DateTime,
    amount: number,
    unit: PeriodUnit,
    zone: string,
  ): DateTime {
    const key = `${start.toMillis()} ${amount} ${unit} ${
      unit === 'h' ? '' : zone
    }`;
    let end = this.ends.get(key);
    if (!end) {
      end = addPeriod(start, amount, unit, zone);
      this.ends.set(key, end);
    }
    return end;
  }
}

const STATUS: Record<Truth, ObligationStatus> = {
  yes: 'applies',
  unknown: 'to-be-determined',
  no: 'not-applicable',
};

/** The date gate, judged on the local date of awareness in the rule's zone. */
function inForceResult(
  rule: ObligationRule,
  aware: DateTime,
  memo: EvaluationMemo,
): ConditionResult | undefined {
  const gate = rule.inForce;
  if (!gate) return undefined;
  const day = memo.localDate(aware, rule.zone);
  const note = gate.note ? ` — ${gate.note}` : '';
  const earliest = gate.possiblyFrom ?? gate.from;
  if (day < earliest) {
    return {
      value: 'no',
      reasons: [
        `not yet in force: applies from ${earliest} (awareness on ${day})${note}`,
      ],
      questions: [],
    };
  }
  if (day < gate.from) {
    return {
      value: 'unknown',
      reasons: [
        `start date disputed: may apply from ${earliest}, certainly from ${gate.from} (awareness on ${day})${note}`,
      ],
      questions: [
        {
          about: `rules.${rule.id}.inForce`,
          question: `Confirm the date from which ${rule.law} applies.`,
        },
      ],
    };
  }
  return {
    value: 'yes',
    reasons: [`in force since ${gate.from}`],
    questions: [],
  };
}

function readClock(
  event: ClockEvent,
  clocks: Map<ClockEvent, DateTime>,
  memo: EvaluationMemo,
): { reading: ClockReading; start?: DateTime } {
  let read = memo.clocks.get(event);
  if (!read) {
    read = readClockOnce(event, clocks);
    memo.clocks.set(event, read);
  }
  // Each obligation gets its own reading object.
  return { reading: { ...read.reading }, start: read.start };
}

function readClockOnce(
  event: ClockEvent,
  clocks: Map<ClockEvent, DateTime>,
): { reading: ClockReading; start?: DateTime } {
  const label = CLOCK_EVENTS[event].label;
  const given = clocks.get(event);
  if (given) {
    return {
      reading: {
        event,
        label,
        startedAt: isoUtc(given),
        source: 'given',
      },
      start: given,
    };
  }
  if (CLOCK_EVENTS[event].sameAsAwareness) {
    const aware = clocks.get('aware')!;
    return {
      reading: {
        event,
        label,
        startedAt: isoUtc(aware),
        source: 'awareness',
      },
      start: aware,
    };
  }
  return { reading: { event, label, source: 'not-started' } };
}

function computeDue(
  rule: ObligationRule,
  clocks: Map<ClockEvent, DateTime>,
  start: DateTime | undefined,
  now: DateTime,
  ctx: ConditionContext,
  memo: EvaluationMemo,
): Due {
  const deadline = rule.deadline;
  if (deadline.kind === 'text') return { kind: 'text', text: deadline.text };

  let amount = deadline.amount;
  const notes: string[] = [];
  for (const variant of deadline.variants ?? []) {
    const decided = evaluateCondition(variant.when, ctx);
    if (decided.value === 'yes') {
      amount = variant.amount;
      notes.push(variant.note);
      break;
    }
    if (decided.value === 'unknown') {
      // Plan with the base period until the variant is settled.
      notes.push(
        `${describePeriod(variant.amount, deadline.unit)} instead (${
          variant.note
        }) if that applies; not known yet`,
      );
      break;
    }
  }
  const period = describePeriod(amount, deadline.unit);
  const primary = start
    ? memo.addPeriod(start, amount, deadline.unit, rule.zone)
    : undefined;

  let cap: DateTime | undefined;
  if (deadline.cap) {
    const capStart = readClock(deadline.cap.clock, clocks, memo).start;
    if (capStart)
      cap = memo.addPeriod(
        capStart,
        deadline.cap.amount,
        deadline.cap.unit,
        rule.zone,
      );
  }
  const capText = deadline.cap
    ? `${describePeriod(
        deadline.cap.amount,
        deadline.cap.unit,
      )} after the clock '${deadline.cap.clock}'`
    : '';

  if (!primary && !cap) {
    const aware = clocks.get('aware')!;
    return {
      kind: 'clock-not-started',
      period,
      earliestAt: memo.iso(
        memo.addPeriod(aware, amount, deadline.unit, rule.zone),
      ),
      note: [
        `runs from when the organisation ${
          CLOCK_EVENTS[rule.clock].label
        }; not recorded yet`,
        ...notes,
      ].join('; '),
    };
  }
  let at = primary;
  if (cap && (!at || cap < at)) {
    at = cap;
    notes.push(
      primary
        ? `the outer limit of ${capText} comes first`
        : `the ${rule.clock} clock has not started; the outer limit of ${capText} applies`,
    );
  }
  return {
    kind: 'at',
    at: memo.iso(at!),
    period,
    zone: rule.zone,
    overdue: now > at!,
    ...(notes.length > 0 && { note: notes.join('; ') }),
  };
}

/**
 * Turns what is known about a leak into the breach-notification obligations
 * it triggers, one entry per rule, in table order.
 *
 * Each rule comes back exactly once with a status:
 * - `applies`: every condition holds; `due` gives the time (ISO, UTC) or the
 *   words of the law ("without undue delay").
 * - `to-be-determined`: a fact or answer is missing; `openQuestions` says
 *   which, and `due` shows the deadline it would have.
 * - `not-applicable`: `reasons` says why (no personal data, nobody in that
 *   jurisdiction, below the threshold, not yet in force, assessed unlikely
 *   risk, …).
 *
 * Time arithmetic: hours are elapsed time; day and month units are counted
 * on the calendar of the rule's zone (see `addPeriod`). A clock that runs
 * from a later event (a determination, the consumer notice) that has not
 * happened yet gives `clock-not-started` with the earliest possible due time.
 *
 * Pure: no I/O, no reading of the system clock (pass `now`).
 *
 * @public
 */
export function evaluateObligations(
  facts: IncidentFacts,
  options: EvaluateObligationsOptions,
): ObligationsReport {
  const clocks = checkFacts(facts);
  const now = parseTime(
    options.now instanceof Date ? options.now.toISOString() : options.now,
    'options.now',
  );
  const rules = options.rules ?? DEFAULT_OBLIGATION_RULES;
  const byId = new Map(rules.map(r => [r.id, r]));
  const data = determineLeakedData(
    facts.data,
    options.categoryFlags ?? DEFAULT_DATA_CATEGORY_VOCABULARY,
  );
  const aware = clocks.get('aware')!;
  const memo = new EvaluationMemo();

  const applicability = new Map<string, ConditionResult>();
  const inProgress = new Set<string>();

  const ctx: ConditionContext = {
    facts,
    data,
    regionCountry: options.regionCountry ?? awsRegionCountry,
    ruleApplies: id => {
      const other = byId.get(id);
      if (!other) {
        return {
          value: 'unknown',
          reasons: [`rule '${id}' is not in the table`],
          questions: [
            {
              about: `rules.${id}`,
              question: `Restore or define rule '${id}'.`,
            },
          ],
        };
      }
      const decided = decide(other);
      const said = {
        yes: 'applies',
        no: 'does not apply',
        unknown: 'is to be determined',
      }[decided.value];
      return {
        value: decided.value,
        reasons: [`${id} (${other.law}) ${said}`],
        questions: decided.questions,
      };
    },
  };

  function decide(rule: ObligationRule): ConditionResult {
    const known = applicability.get(rule.id);
    if (known) return known;
    if (inProgress.has(rule.id)) {
      throw new Error(
        `Rule '${rule.id}' depends on itself; check the table with mergeRules`,
      );
    }
    inProgress.add(rule.id);
    const gate = inForceResult(rule, aware, memo);
    let outcome: ConditionResult;
    if (gate?.value === 'no') {
      outcome = gate;
    } else {
      const condition = evaluateCondition(rule.when, ctx);
      if (condition.value === 'no') {
        outcome = { ...condition, questions: [] };
      } else if (gate?.value === 'unknown') {
        outcome = {
          value: 'unknown',
          reasons: [...gate.reasons, ...condition.reasons],
          questions: [...gate.questions, ...condition.questions],
        };
      } else {
        outcome = {
          value: condition.value,
          reasons: [...(gate?.reasons ?? []), ...condition.reasons],
          questions: condition.questions,
        };
      }
    }
    if (outcome.reasons.length === 0) {
      outcome = {
        ...outcome,
        reasons: [
          `the conditions of ${rule.law} ${
            outcome.value === 'no' ? 'do not hold' : 'hold'
          }`,
        ],
      };
    }
    inProgress.delete(rule.id);
    applicability.set(rule.id, outcome);
    return outcome;
  }

  const obligations = rules.map((rule): Obligation => {
    const outcome = decide(rule);
    const status = STATUS[outcome.value];
    const identity = {
      ruleId: rule.id,
      regime: rule.regime,
      law: rule.law,
      jurisdiction: rule.jurisdiction,
      recipient: rule.recipient,
      stage: rule.stage,
      reasons: outcome.reasons,
      confidence: rule.confidence,
      ruleVersion: ruleVersion(rule),
    };
    if (status === 'not-applicable') {
      return { ...identity, status, openQuestions: [] };
    }
    const { reading, start } = readClock(rule.clock, clocks, memo);
    const questions: OpenQuestion[] = [...outcome.questions];
    if (reading.source === 'not-started') {
      questions.push({
        about: `facts.clocks.${rule.clock}`,
        question: `Record when the organisation ${
          CLOCK_EVENTS[rule.clock].label
        }.`,
      });
    }
    return {
      ...identity,
      status,
      openQuestions: questions,
      trigger: rule.trigger,
      clock: reading,
      due: computeDue(rule, clocks, start, now, ctx, memo),
      ...(rule.stagedReports && { stagedReports: rule.stagedReports }),
      content: rule.content,
      sources: rule.sources,
      notes: rule.notes,
    };
  });

  return {
    evaluatedAt: isoUtc(now),
    rulesVersion: ruleTableVersion(rules),
    data,
    obligations,
  };
}
