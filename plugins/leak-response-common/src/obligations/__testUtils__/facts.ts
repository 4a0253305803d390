import { evaluateObligations } from '../evaluateObligations';
import {
  ApplicableObligation,
  IncidentFacts,
  ObligationBase,
  ObligationRule,
} from '../types';

/**
 * An obligation as the tests read it: the fields of an applicable one may be
 * read (as undefined) on one that does not apply, so a test can assert
 * `o.due` is absent without narrowing first.
 */
export type TestObligation = ObligationBase &
  Omit<ApplicableObligation, keyof ObligationBase>;

/** A leak of EU customers' behavioural data; tests change what they need. */
export function euFacts(overrides: Partial<IncidentFacts> = {}): IncidentFacts {
  return {
    clocks: { aware: '2026-03-27T09:00:00Z' },
    data: { categories: ['personal.behavioral', 'personal.identifiers'] },
    dataSubjects: [{ jurisdiction: 'EU', approxCount: 2_400_000 }],
    hostingRegions: ['eu-west-1'],
    establishments: ['IE'],
    answers: { risk: 'risk', encrypted: false },
    ...overrides,
  };
}

export const NOW = '2026-03-27T12:00:00Z';

/** Evaluates and returns the obligation of one rule. */
export function obligation(
  facts: IncidentFacts,
  ruleId: string,
  options: { now?: string; rules?: readonly ObligationRule[] } = {},
): TestObligation {
  const report = evaluateObligations(facts, {
    now: options.now ?? NOW,
    rules: options.rules,
  });
  const found = report.obligations.find(o => o.ruleId === ruleId);
  if (!found) throw new Error(`no obligation for ${ruleId}`);
  return found as TestObligation;
}

/** The due time of an obligation with a fixed due time. */
export function dueAt(o: TestObligation): string {
  if (o.due?.kind !== 'at') {
    throw new Error(
      `${o.ruleId}: expected a due time, got ${JSON.stringify(o.due)}`,
    );
  }
  return o.due.at;
}

export const reasonsOf = (o: ObligationBase) => o.reasons.join(' | ');
