import { IncidentObligation, LeakType } from './incidents';
import { Obligation } from './obligations';

/**
 * Where an obligation stands for the reader: it applies (its clock runs or
 * will run), it is still to be determined, or it does not apply.
 * @public
 */
export type ObligationStanding =
  | 'applies'
  | 'to-be-determined'
  | 'not-applicable';

/**
 * The one split of obligations that the entity tab, the launch dialog, the
 * overview card and the incident page all show, so that they give the same
 * counts for the same facts.
 * @public
 */
export interface ObligationSummary<T> {
  applies: T[];
  toBeDetermined: T[];
  notApplicable: T[];
  /** The ones that apply and have a due time, nearest first. */
  nearest: T[];
  counts: { applies: number; toBeDetermined: number; notApplicable: number };
}

/**
 * How to read one kind of obligation: its standing and its due time (ISO,
 * UTC) when it has one.
 * @public
 */
export interface ObligationReader<T> {
  standing(obligation: T): ObligationStanding;
  dueAt(obligation: T): string | undefined;
}

/**
 * Splits obligations into applies / to be determined / not applicable, and
 * lists the dated ones that apply nearest first.
 * @public
 */
export function summarizeObligations<T>(
  obligations: readonly T[],
  reader: ObligationReader<T>,
): ObligationSummary<T> {
  const of = (standing: ObligationStanding) =>
    obligations.filter(o => reader.standing(o) === standing);
  const applies = of('applies');
  const toBeDetermined = of('to-be-determined');
  const notApplicable = of('not-applicable');
  const nearest = applies
    .filter(o => reader.dueAt(o) !== undefined)
    .sort((a, b) => reader.dueAt(a)!.localeCompare(reader.dueAt(b)!));
  return {
    applies,
    toBeDetermined,
    notApplicable,
    nearest,
    counts: {
      applies: applies.length,
      toBeDetermined: toBeDetermined.length,
      notApplicable: notApplicable.length,
    },
  };
}

/**
 * Reads the engine's obligations (a plan's "if this leaked now", the launch
 * preview): a clock that has not started yet is not a due time.
 * @public
 */
export const planObligationReader: ObligationReader<Obligation> = {
  standing: o => o.status,
  dueAt: o =>
    o.status !== 'not-applicable' && o.due.kind === 'at' ? o.due.at : undefined,
};

/**
 * Reads an incident's obligations. Those the engine stored as not required
 * without a person's decision do not apply; one a person marked not
 * required did apply (the decision is the handling, not the standing).
 * @public
 */
export const incidentObligationReader: ObligationReader<IncidentObligation> = {
  standing: o => {
    if (o.status === 'to-be-determined') return 'to-be-determined';
    if (o.status === 'not-required' && !o.decidedBy) return 'not-applicable';
    return 'applies';
  },
  dueAt: o => o.dueAt,
};

/**
 * The counts in words, the same everywhere: `1 applies · 20 to be
 * determined · 0 not applicable`.
 * @public
 */
export function obligationCountsText(
  counts: ObligationSummary<unknown>['counts'],
): string {
  return `${counts.applies} ${counts.applies === 1 ? 'applies' : 'apply'} · ${
    counts.toBeDetermined
  } to be determined · ${counts.notApplicable} not applicable`;
}

/**
 * A leak type in words, for titles and menus.
 * @public
 */
export const LEAK_TYPE_WORDS: Readonly<Record<LeakType, string>> = {
  'training-data-exposure': 'training data exposed',
  'model-weight-exfiltration': 'model weights exfiltrated',
  'inference-data-leakage': 'inference data leaked',
};

/**
 * A leak type in words; an unknown one as it is.
 * @public
 */
export function leakTypeInWords(leakType: string): string {
  return LEAK_TYPE_WORDS[leakType as LeakType] ?? leakType;
}
