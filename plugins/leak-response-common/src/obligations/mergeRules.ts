import { US_STATE_PI_DEFINITIONS } from './usStatePersonalInformation';
import { IANAZone, DateTime } from 'luxon';
import { ASSESSMENT_QUESTIONS, isAssessmentQuestion } from './answers';
import { isClockEvent } from './clocks';
import { PERIOD_UNITS } from './time/periods';
import {
  Condition,
  DATA_TRAITS,
  Deadline,
  ObligationRule,
  RuleConfidence,
} from './types';

/**
 * A rule definition or override that does not fit the schema. `field` is the
 * full config path of the offending value, e.g.
 * `leakResponse.rules.aiact_gen.deadline.unit`.
 * @public
 */
export class RuleValidationError extends Error {
  readonly field: string;

  constructor(field: string, problem: string) {
    super(`${field}: ${problem}`);
    this.name = 'RuleValidationError';
    this.field = field;
  }
}

const RULE_ID = /^[a-z][a-z0-9_]*$/;
const CONFIDENCES: readonly RuleConfidence[] = [
  'verified',
  'secondary',
  'unverified',
];
const TRUTHS = ['yes', 'no', 'unknown'];
const CONDITION_KINDS = [
  'all',
  'any',
  'not',
  'answer',
  'data',
  'usStatePersonalInformation',
  'subjectsIn',
  'hostedIn',
  'establishedIn',
  'ruleApplies',
  'constant',
] as const;

type Json = unknown;

const show = (value: Json) => JSON.stringify(value) ?? String(value);

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function expectObject(value: Json, field: string): Record<string, Json> {
  if (!isObject(value))
    throw new RuleValidationError(
      field,
      `must be an object (got ${show(value)})`,
    );
  return value;
}

function expectString(value: Json, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new RuleValidationError(
      field,
      `must be a non-empty string (got ${show(value)})`,
    );
  }
  return value;
}

function expectStrings(value: Json, field: string, nonEmpty = false): string[] {
  if (!Array.isArray(value))
    throw new RuleValidationError(
      field,
      `must be a list of strings (got ${show(value)})`,
    );
  if (nonEmpty && value.length === 0)
    throw new RuleValidationError(field, 'must not be empty');
  return value.map((v, i) => expectString(v, `${field}[${i}]`));
}

function expectCount(value: Json, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new RuleValidationError(
      field,
      `must be a whole number ≥ 0 (got ${show(value)})`,
    );
  }
  return value;
}

function expectOneOf<T>(value: Json, allowed: readonly T[], field: string): T {
  if (!allowed.includes(value as T)) {
    throw new RuleValidationError(
      field,
      `must be one of ${allowed.map(a => String(a)).join(', ')} (got ${show(
        value,
      )})`,
    );
  }
  return value as T;
}

function expectDate(value: Json, field: string): string {
  const text = expectString(value, field);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || !DateTime.fromISO(text).isValid) {
    throw new RuleValidationError(
      field,
      `must be a date written YYYY-MM-DD (got ${show(value)})`,
    );
  }
  return text;
}

function rejectUnknownKeys(
  obj: Record<string, Json>,
  allowed: readonly string[],
  field: string,
) {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) {
      throw new RuleValidationError(
        `${field}.${key}`,
        `unknown field; allowed: ${allowed.join(', ')}`,
      );
    }
  }
}

/** Checks a condition tree and returns it typed. */
export function validateCondition(value: Json, field: string): Condition {
  const obj = expectObject(value, field);
  const kinds = Object.keys(obj).filter(k =>
    (CONDITION_KINDS as readonly string[]).includes(k),
  );
  if (kinds.length !== 1) {
    throw new RuleValidationError(
      field,
      `must have exactly one of ${CONDITION_KINDS.join(', ')} (got ${show(
        Object.keys(obj),
      )})`,
    );
  }
  const kind = kinds[0];
  const at = `${field}.${kind}`;
  switch (kind) {
    case 'all':
    case 'any': {
      rejectUnknownKeys(obj, [kind], field);
      if (!Array.isArray(obj[kind]))
        throw new RuleValidationError(at, 'must be a list of conditions');
      const items = (obj[kind] as Json[]).map((c, i) =>
        validateCondition(c, `${at}[${i}]`),
      );
      return kind === 'all' ? { all: items } : { any: items };
    }
    case 'not':
      rejectUnknownKeys(obj, ['not'], field);
      return { not: validateCondition(obj.not, at) };
    case 'answer': {
      rejectUnknownKeys(obj, ['answer', 'is'], field);
      if (!isAssessmentQuestion(obj.answer)) {
        throw new RuleValidationError(
          at,
          `must be one of ${Object.keys(ASSESSMENT_QUESTIONS).join(
            ', ',
          )} (got ${show(obj.answer)})`,
        );
      }
      const allowed: readonly Json[] = ASSESSMENT_QUESTIONS[obj.answer].values;
      if (obj.is === undefined) return { answer: obj.answer };
      const values = Array.isArray(obj.is) ? obj.is : [obj.is];
      values.forEach((v, i) =>
        expectOneOf(
          v,
          allowed,
          Array.isArray(obj.is) ? `${field}.is[${i}]` : `${field}.is`,
        ),
      );
      return {
        answer: obj.answer,
        is: obj.is as string | boolean | (string | boolean)[],
      };
    }
    case 'data':
      rejectUnknownKeys(obj, ['data'], field);
      return { data: expectOneOf(obj.data, DATA_TRAITS, at) };
    case 'usStatePersonalInformation':
      rejectUnknownKeys(obj, ['usStatePersonalInformation'], field);
      return {
        usStatePersonalInformation: expectOneOf(
          obj.usStatePersonalInformation,
          Object.keys(US_STATE_PI_DEFINITIONS),
          at,
        ),
      };
    case 'subjectsIn': {
      rejectUnknownKeys(obj, ['subjectsIn', 'moreThan', 'atLeast'], field);
      const subjectsIn = expectStrings(obj.subjectsIn, at, true);
      if (obj.moreThan !== undefined && obj.atLeast !== undefined) {
        throw new RuleValidationError(
          `${field}.atLeast`,
          'give either moreThan or atLeast, not both',
        );
      }
      return {
        subjectsIn,
        ...(obj.moreThan !== undefined && {
          moreThan: expectCount(obj.moreThan, `${field}.moreThan`),
        }),
        ...(obj.atLeast !== undefined && {
          atLeast: expectCount(obj.atLeast, `${field}.atLeast`),
        }),
      };
    }
    case 'hostedIn':
      rejectUnknownKeys(obj, ['hostedIn'], field);
      return { hostedIn: expectStrings(obj.hostedIn, at, true) };
    case 'establishedIn':
      rejectUnknownKeys(obj, ['establishedIn'], field);
      return { establishedIn: expectStrings(obj.establishedIn, at, true) };
    case 'ruleApplies':
      rejectUnknownKeys(obj, ['ruleApplies'], field);
      return { ruleApplies: expectString(obj.ruleApplies, at) };
    default:
      rejectUnknownKeys(obj, ['constant', 'reason'], field);
      return {
        constant: expectOneOf(obj.constant, TRUTHS, at) as
          | 'yes'
          | 'no'
          | 'unknown',
        reason: expectString(obj.reason, `${field}.reason`),
      };
  }
}

function validateDeadline(value: Json, field: string): Deadline {
  const obj = expectObject(value, field);
  const kind = expectOneOf(
    obj.kind,
    ['period', 'text'] as const,
    `${field}.kind`,
  );
  if (kind === 'text') {
    rejectUnknownKeys(obj, ['kind', 'text'], field);
    return { kind, text: expectString(obj.text, `${field}.text`) };
  }
  rejectUnknownKeys(obj, ['kind', 'amount', 'unit', 'variants', 'cap'], field);
  const deadline: Deadline = {
    kind,
    amount: expectCount(obj.amount, `${field}.amount`),
    unit: expectOneOf(obj.unit, PERIOD_UNITS, `${field}.unit`),
  };
  if (obj.variants !== undefined) {
    if (!Array.isArray(obj.variants))
      throw new RuleValidationError(`${field}.variants`, 'must be a list');
    deadline.variants = obj.variants.map((v: Json, i: number) => {
      const at = `${field}.variants[${i}]`;
      const variant = expectObject(v, at);
      rejectUnknownKeys(variant, ['when', 'amount', 'note'], at);
      return {
        when: validateCondition(variant.when, `${at}.when`),
        amount: expectCount(variant.amount, `${at}.amount`),
        note: expectString(variant.note, `${at}.note`),
      };
    });
  }
  if (obj.cap !== undefined) {
    const at = `${field}.cap`;
    const cap = expectObject(obj.cap, at);
    rejectUnknownKeys(cap, ['clock', 'amount', 'unit'], at);
    if (!isClockEvent(cap.clock))
      throw new RuleValidationError(
        `${at}.clock`,
        `unknown clock event ${show(cap.clock)}`,
      );
    deadline.cap = {
      clock: cap.clock,
      amount: expectCount(cap.amount, `${at}.amount`),
      unit: expectOneOf(cap.unit, PERIOD_UNITS, `${at}.unit`),
    };
  }
  return deadline;
}

const RULE_FIELDS = [
  'id',
  'regime',
  'law',
  'jurisdiction',
  'recipient',
  'stage',
  'trigger',
  'when',
  'clock',
  'deadline',
  'zone',
  'inForce',
  'stagedReports',
  'content',
  'sources',
  'confidence',
  'notes',
];

/**
 * Checks a complete rule definition. Throws {@link RuleValidationError}
 * naming the first bad field.
 * @public
 */
export function validateRule(value: Json, field: string): ObligationRule {
  const obj = expectObject(value, field);
  rejectUnknownKeys(obj, RULE_FIELDS, field);
  const id = expectString(obj.id, `${field}.id`);
  if (!RULE_ID.test(id)) {
    throw new RuleValidationError(
      `${field}.id`,
      `must be lower-case letters, digits and _ (got ${show(id)})`,
    );
  }
  // Checked in schema order, so the first missing field is the one named.
  const regime = expectString(obj.regime, `${field}.regime`);
  const law = expectString(obj.law, `${field}.law`);
  const jurisdiction = expectString(obj.jurisdiction, `${field}.jurisdiction`);
  const recipient = expectString(obj.recipient, `${field}.recipient`);
  const stage = expectString(obj.stage, `${field}.stage`);
  const trigger = expectString(obj.trigger, `${field}.trigger`);
  const when = validateCondition(obj.when, `${field}.when`);
  if (!isClockEvent(obj.clock)) {
    throw new RuleValidationError(
      `${field}.clock`,
      `unknown clock event ${show(obj.clock)}`,
    );
  }
  const zone = expectString(obj.zone, `${field}.zone`);
  if (!IANAZone.isValidZone(zone)) {
    throw new RuleValidationError(
      `${field}.zone`,
      `not an IANA time zone (got ${show(zone)})`,
    );
  }
  const rule: ObligationRule = {
    id,
    regime,
    law,
    jurisdiction,
    recipient,
    stage,
    trigger,
    when,
    clock: obj.clock,
    deadline: validateDeadline(obj.deadline, `${field}.deadline`),
    zone,
    content: expectStrings(obj.content, `${field}.content`),
    sources: expectStrings(obj.sources, `${field}.sources`),
    confidence: expectOneOf(obj.confidence, CONFIDENCES, `${field}.confidence`),
    notes: expectStrings(obj.notes, `${field}.notes`),
  };
  if (obj.stagedReports !== undefined) {
    rule.stagedReports = expectString(
      obj.stagedReports,
      `${field}.stagedReports`,
    );
  }
  if (obj.inForce !== undefined) {
    const at = `${field}.inForce`;
    const gate = expectObject(obj.inForce, at);
    rejectUnknownKeys(gate, ['from', 'possiblyFrom', 'note'], at);
    rule.inForce = { from: expectDate(gate.from, `${at}.from`) };
    if (gate.possiblyFrom !== undefined) {
      rule.inForce.possiblyFrom = expectDate(
        gate.possiblyFrom,
        `${at}.possiblyFrom`,
      );
      if (rule.inForce.possiblyFrom > rule.inForce.from) {
        throw new RuleValidationError(
          `${at}.possiblyFrom`,
          'must not be after from',
        );
      }
    }
    if (gate.note !== undefined)
      rule.inForce.note = expectString(gate.note, `${at}.note`);
  }
  return rule;
}

function referencedRules(condition: Condition): string[] {
  if ('all' in condition) return condition.all.flatMap(referencedRules);
  if ('any' in condition) return condition.any.flatMap(referencedRules);
  if ('not' in condition) return referencedRules(condition.not);
  if ('ruleApplies' in condition) return [condition.ruleApplies];
  return [];
}

/**
 * Checks that every `ruleApplies` names a rule in the set and that no rule
 * depends on itself through others.
 * @public
 */
export function checkRuleReferences(
  rules: readonly ObligationRule[],
  prefix: string,
): void {
  const byId = new Map(rules.map(r => [r.id, r]));
  for (const rule of rules) {
    for (const ref of referencedRules(rule.when)) {
      if (!byId.has(ref)) {
        throw new RuleValidationError(
          `${prefix}.${rule.id}.when`,
          `refers to unknown or disabled rule '${ref}'`,
        );
      }
    }
  }
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string, trail: string[]) => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') {
      throw new RuleValidationError(
        `${prefix}.${id}.when`,
        `rules depend on each other in a cycle: ${[...trail, id].join(' → ')}`,
      );
    }
    state.set(id, 'visiting');
    for (const ref of referencedRules(byId.get(id)!.when))
      visit(ref, [...trail, id]);
    state.set(id, 'done');
  };
  for (const rule of rules) visit(rule.id, []);
}

/**
 * Applies overrides from app-config (`leakResponse.rules`) to a rule table.
 *
 * `overrides` maps rule ids to objects. For an existing id the given fields
 * replace the default ones (`deadline` and `inForce` are merged field by
 * field unless the deadline `kind` changes; `when` and lists are replaced
 * whole); `disabled: true` removes the rule. An unknown id adds a rule and
 * must be complete, except `content`, `sources` and `notes` (default empty),
 * `zone` (default `UTC`) and `confidence` (default `unverified`: nobody
 * checked it here).
 *
 * Pure: returns a new table, never touches `defaults`. Throws
 * {@link RuleValidationError} naming the bad field.
 *
 * @public
 */
export function mergeRules(
  defaults: readonly ObligationRule[],
  overrides: unknown,
  options: { configPath?: string } = {},
): ObligationRule[] {
  const prefix = options.configPath ?? 'leakResponse.rules';
  if (overrides === undefined || overrides === null) {
    checkRuleReferences(defaults, prefix);
    return defaults.map(r => ({ ...r }));
  }
  const entries = expectObject(overrides, prefix);
  const result = new Map<string, ObligationRule>(defaults.map(r => [r.id, r]));
  for (const [id, raw] of Object.entries(entries)) {
    const field = `${prefix}.${id}`;
    const override = expectObject(raw, field);
    if (override.id !== undefined && override.id !== id) {
      throw new RuleValidationError(
        `${field}.id`,
        `must match the key '${id}' or be left out`,
      );
    }
    const { disabled, ...rest } = override;
    if (disabled !== undefined) {
      if (typeof disabled !== 'boolean')
        throw new RuleValidationError(
          `${field}.disabled`,
          'must be true or false',
        );
      if (disabled) {
        if (!result.has(id))
          throw new RuleValidationError(
            field,
            `there is no rule '${id}' to disable`,
          );
        result.delete(id);
        continue;
      }
    }
    const base = result.get(id);
    let candidate: Record<string, Json>;
    if (base) {
      candidate = { ...base, ...rest };
      if (
        isObject(rest.deadline) &&
        (rest.deadline.kind === undefined ||
          rest.deadline.kind === base.deadline.kind)
      ) {
        candidate.deadline = { ...base.deadline, ...rest.deadline };
      }
      if (isObject(rest.inForce) && base.inForce) {
        candidate.inForce = { ...base.inForce, ...rest.inForce };
      }
    } else {
      candidate = {
        content: [],
        sources: [],
        notes: [],
        zone: 'UTC',
        confidence: 'unverified',
        ...rest,
        id,
      };
    }
    result.set(id, validateRule(candidate, field));
  }
  const rules = [...result.values()];
  checkRuleReferences(rules, prefix);
  return rules;
}
