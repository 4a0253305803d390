import { AssessmentAnswers, AssessmentQuestion } from './answers';
import { ClockEvent } from './clocks';
import type { DataCategoryFlags } from '../entity/dataCategories';
import { PeriodUnit } from './time/periods';
import type { UsPiElement } from './usStatePersonalInformation';
import type { RuleVersion } from './ruleVersion';

/**
 * Three-valued truth: rules are evaluated on incomplete facts, and "not
 * known yet" must stay distinguishable from "no".
 * @public
 */
export type Truth = 'yes' | 'no' | 'unknown';

// ---------------------------------------------------------------------------
// Rules (data)
// ---------------------------------------------------------------------------

/** Data traits derived from the leaked data categories. @public */
export const DATA_TRAITS = [
  'personal',
  'specialCategory',
  'cardData',
  'credentials',
  'financial',
  'usStatePersonalInformation',
  'authenticationData',
  'vulnerableSubjects',
] as const;

/** @public */
export type DataTrait = (typeof DATA_TRAITS)[number];

/**
 * When a rule applies, as data, so configuration can change it.
 *
 * - `all` / `any` / `not`: combinators over three-valued truth.
 * - `answer`: an assessment answer equals `is` (default `true`, or one of a list).
 * - `data`: the leaked data have a trait (personal, card data, …).
 * - `usStatePersonalInformation`: the leaked data hold personal information
 *   as that state's statute defines it (`US_STATE_PI_DEFINITIONS`).
 * - `subjectsIn`: data subjects live in one of the jurisdictions, optionally
 *   more than / at least a number of them (summed over the matching entries).
 * - `hostedIn`: a hosting region lies in one of the jurisdictions.
 * - `establishedIn`: the organisation is established in one of them.
 * - `ruleApplies`: another rule applies (e.g. the AG notice needs the consumer notice).
 * - `constant`: a fixed value with its reason (placeholders, always-true facts).
 *
 * @public
 */
export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | {
      answer: AssessmentQuestion;
      is?: AnswerValue | AnswerValue[];
    }
  | { data: DataTrait }
  | { usStatePersonalInformation: string }
  | { subjectsIn: string[]; moreThan?: number; atLeast?: number }
  | { hostedIn: string[] }
  | { establishedIn: string[] }
  | { ruleApplies: string }
  | { constant: Truth; reason: string };

/** @public */
export type AnswerValue = string | boolean;

/**
 * A deadline: either a period from the rule's clock, or words only
 * ("without undue delay", "immediately").
 * @public
 */
export type Deadline =
  | {
      kind: 'period';
      amount: number;
      unit: PeriodUnit;
      /** Another length under a condition (e.g. doubled for small agents). First match wins. */
      variants?: DeadlineVariant[];
      /** An outer limit on another clock: the earlier of the two ends applies (DORA: ≤24 h after awareness). */
      cap?: { clock: ClockEvent; amount: number; unit: PeriodUnit };
    }
  | { kind: 'text'; text: string };

/** @public */
export interface DeadlineVariant {
  when: Condition;
  amount: number;
  note: string;
}

/**
 * When a rule starts to apply, judged on the awareness time. Between
 * `possiblyFrom` and `from` the sources disagree, so the rule is "to be
 * determined".
 * @public
 */
export interface InForce {
  /** ISO date (YYYY-MM-DD) from which the rule certainly applies. */
  from: string;
  /** ISO date from which it may already apply. */
  possiblyFrom?: string;
  note?: string;
}

/** How well a rule's facts were checked (see the reference legend). @public */
export type RuleConfidence = 'verified' | 'secondary' | 'unverified';

/**
 * One breach-notification duty.
 * @public
 */
export interface ObligationRule {
  id: string;
  /** Short regime name, e.g. `GDPR`, `CA 1798.82`. */
  regime: string;
  /** The provision, e.g. `GDPR Art. 33`. */
  law: string;
  /** Where the duty comes from, as a jurisdiction code (`EU`, `US-CA`, `*` for contractual). */
  jurisdiction: string;
  recipient: string;
  /** Which report this is: notification, early warning, final report, … */
  stage: string;
  /** The trigger in words, as the law puts it. */
  trigger: string;
  when: Condition;
  clock: ClockEvent;
  deadline: Deadline;
  /** IANA zone whose calendar counts days (weekends, holidays, DST). */
  zone: string;
  inForce?: InForce;
  stagedReports?: string;
  /** Minimum content of the notice. */
  content: string[];
  sources: string[];
  confidence: RuleConfidence;
  notes: string[];
}

// ---------------------------------------------------------------------------
// Facts (input)
// ---------------------------------------------------------------------------

/**
 * The flags of a data category as the engine reads them: the vocabulary's
 * flags, plus two optional refinements a vocabulary may add. Absent flags
 * count as `false` for a known category.
 * @public
 */
export type CategoryTraitFlags = Partial<DataCategoryFlags> & {
  /** Financial data (Brazil Res. CD/ANPD 15/2024 risk criterion). Card data always counts. */
  financial?: boolean;
  /** Personal information as US state breach laws define it (name with SSN, ID or account numbers, health, …). */
  usStatePersonalInformation?: boolean;
  /** The data elements of US state definitions the category carries; replaces the ones derived from its flags. */
  usPiElements?: UsPiElement[];
  /** Data of children, adolescents or the elderly (Brazil Res. CD/ANPD 15/2024 risk criterion). */
  vulnerableSubjects?: boolean;
};

/**
 * Flags by category id — the data-category vocabulary itself, a plain
 * record, or a function; `undefined` means the category is unknown.
 * @public
 */
export type CategoryFlagLookup =
  | ReadonlyMap<string, CategoryTraitFlags>
  | Readonly<Record<string, CategoryTraitFlags>>
  | ((category: string) => CategoryTraitFlags | undefined);

/**
 * A recorded anonymity assessment of a model (EDPB Opinion 28/2024).
 * @public
 */
export interface AnonymityAssessment {
  conclusion: 'anonymous' | 'not-anonymous';
  /** ISO date or time it was recorded. */
  recordedAt?: string;
  /** Where the evidence lives (document, ticket). */
  reference?: string;
}

/**
 * The leaked data: the categories of the leaked asset(s) and, when model
 * weights leaked, the data the model was trained or fine-tuned on.
 * @public
 */
export interface LeakedData {
  categories: string[];
  model?: {
    ref?: string;
    anonymityAssessment?: AnonymityAssessment;
    /** Datasets it was trained or fine-tuned on, including through its base models. */
    trainingData: Array<{ ref: string; categories: string[] }>;
  };
}

/** People whose data leaked, by where they live. @public */
export interface DataSubjectsEntry {
  /** ISO 3166-1 alpha-2, ISO 3166-2 (`US-CA`) or a group (`EU`, `EEA`). */
  jurisdiction: string;
  /** The number of people, when known; entries for different jurisdictions add up. */
  approxCount?: number;
  /**
   * Bounds when the exact number is not known, e.g. several datasets whose
   * overlap is unknown: at least the largest of them, at most their sum.
   * Absent `atMost` with no `approxCount` means no upper bound is known.
   */
  atLeast?: number;
  atMost?: number;
  /** Where the entry comes from (entity refs), for the reasons. */
  from?: string[];
}

/**
 * Everything known about an incident. Absent optional facts are unknown,
 * never assumed; an empty list means "none".
 * @public
 */
export interface IncidentFacts {
  /** Times of clock events, ISO 8601 with offset; `aware` is required. */
  clocks: { aware: string } & Partial<Record<ClockEvent, string>>;
  data: LeakedData;
  /** Where the affected people live. */
  dataSubjects?: DataSubjectsEntry[];
  /**
   * Sources of leaked personal data that do not say where their people
   * live: the people may live anywhere, so residence rules stay to be
   * determined unless a declared jurisdiction already settles them.
   */
  dataSubjectsUnknownFrom?: string[];
  /** AWS regions where the data were stored or processed. */
  hostingRegions?: string[];
  /** Sources of leaked data that do not say where they are stored. */
  hostingRegionsUnknownFrom?: string[];
  /** Jurisdictions where the organisation is established. */
  establishments?: string[];
  answers?: AssessmentAnswers;
}

// ---------------------------------------------------------------------------
// Obligations (output)
// ---------------------------------------------------------------------------

/** @public */
export type ObligationStatus =
  | 'applies'
  | 'to-be-determined'
  | 'not-applicable';

/** A fact or answer that would settle a "to be determined" obligation. @public */
export interface OpenQuestion {
  /** `answers.<key>`, `facts.dataSubjects`, `facts.hostingRegions`, `facts.establishments`, `facts.data`, `facts.clocks.<event>`, `rules.<id>`. */
  about: string;
  question: string;
}

/** The clock an obligation runs on. @public */
export interface ClockReading {
  event: ClockEvent;
  label: string;
  /** ISO, UTC; absent when the clock has not started. */
  startedAt?: string;
  /** `given`: from the facts; `awareness`: the event means awareness and no other time was given. */
  source: 'given' | 'awareness' | 'not-started';
}

/** @public */
export type Due =
  | {
      kind: 'at';
      /** ISO, UTC. */
      at: string;
      /** `72 hours`, `30 calendar days`, … */
      period: string;
      zone: string;
      overdue: boolean;
      note?: string;
    }
  | { kind: 'text'; text: string; note?: string }
  | {
      kind: 'clock-not-started';
      period: string;
      /** The due time if the clock started at awareness: the earliest it can be. ISO, UTC. */
      earliestAt: string;
      note: string;
    };

/**
 * What every obligation carries, whatever its status: which rule, for whom,
 * and why it came out the way it did.
 * @public
 */
export interface ObligationBase {
  ruleId: string;
  regime: string;
  law: string;
  jurisdiction: string;
  recipient: string;
  stage: string;
  status: ObligationStatus;
  /** Why it applies, why not, or what is still unknown. Never empty. */
  reasons: string[];
  /** What to find out to settle a "to be determined" obligation; empty otherwise. */
  openQuestions: OpenQuestion[];
  confidence: RuleConfidence;
  /** The version of the rule definition that decided it (provenance). */
  ruleVersion?: RuleVersion;
}

/**
 * An obligation that applies or may apply: its clock, its deadline and the
 * rule's text (trigger, staged reports, minimum content, sources, notes).
 * @public
 */
export interface ApplicableObligation extends ObligationBase {
  status: 'applies' | 'to-be-determined';
  trigger: string;
  clock: ClockReading;
  due: Due;
  stagedReports?: string;
  content: string[];
  sources: string[];
  notes: string[];
}

/**
 * A rule that does not apply: its identity and the reasons, nothing more.
 * Its clock, deadline and text would only be noise (two thirds of a
 * typical plan's rules are in this state); they are in the rule table.
 * @public
 */
export interface NotApplicableObligation extends ObligationBase {
  status: 'not-applicable';
}

/** @public */
export type Obligation = ApplicableObligation | NotApplicableObligation;

/** Whether an obligation applies or may apply (and so has a clock and a deadline). @public */
export function isApplicableObligation(
  obligation: Obligation,
): obligation is ApplicableObligation {
  return obligation.status !== 'not-applicable';
}

/**
 * What the leaked data amount to, with reasons.
 * @public
 */
export interface DataDetermination {
  traits: Record<DataTrait, Truth>;
  /** For each trait present, the categories that carry it (with the dataset they came from). */
  evidence: Partial<Record<DataTrait, string>>;
  /** The categories considered: the leaked ones plus any inherited from training data. */
  categories: string[];
  /** Dataset refs whose categories were inherited by leaked model weights. */
  inheritedFrom: string[];
  /** Categories missing from the vocabulary. */
  unknownCategories: string[];
  /** For each element of the US state definitions: the categories that carry it, and those that may. */
  usPiElements?: Record<
    UsPiElement,
    { carriedBy: string[]; possibleIn: string[] }
  >;
  reasons: string[];
}

/** @public */
export interface ObligationsReport {
  /** ISO, UTC. */
  evaluatedAt: string;
  /** The version of the rule table evaluated (`ruleTableVersion`). */
  rulesVersion?: string;
  data: DataDetermination;
  obligations: Obligation[];
}
