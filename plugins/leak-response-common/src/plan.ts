/*
 * The response of the plan API,
 * `GET /api/leak-response/v1/entities/{kind}/{namespace}/{name}/plan`:
 * shared by the backend that makes it and the frontend that shows it.
 */
import type { LeakType } from './incidents';
import type { ObligationsReport } from './obligations';
import type { IncidentSummary } from './incidents';

/**
 * How an affected entity relates to the leaked one.
 *
 * - `origin`: the leaked entity itself.
 * - `upstream-data`: data it was built from (training and fine-tuning
 *   datasets, base models, the model an endpoint serves).
 * - `downstream-model`: models trained or fine-tuned on it.
 * - `downstream-surface`: endpoints serving it and components (the
 *   e-commerce surfaces) that depend on them.
 * - `log`: prompt and response logs written by an affected endpoint.
 * @public
 */
export type ImpactRole =
  | 'origin'
  | 'upstream-data'
  | 'downstream-model'
  | 'downstream-surface'
  | 'log';

/**
 * One entity reached by the impact walk.
 * @public
 */
export interface AffectedEntity {
  entityRef: string;
  kind: string;
  /** `spec.type`, e.g. `llm-model`, `website`. */
  type?: string;
  title?: string;
  role: ImpactRole;
  /** Number of hops from the origin. */
  depth: number;
  /** The edge it was first reached by; absent for the origin. */
  via?: { from: string; relation: string };
  owner?: string;
  system?: string;
  dataCategories: string[];
  dataSubjects: string[];
  approxDataSubjects?: number;
  regions: string[];
  /**
   * Whether its data count as leaked for this leak type (and so feed the
   * unions and the obligations), and why.
   */
  dataAtRisk: boolean;
  dataAtRiskReason: string;
}

/**
 * People whose data are at risk, for one jurisdiction.
 * @public
 */
export interface ImpactDataSubjects {
  jurisdiction: string;
  /**
   * A known lower bound: the largest count of an entity that lists only this
   * jurisdiction. Absent when no entity says how many of them live there.
   */
  approxCount?: number;
  /** An upper bound: the sum of the counts of every entity listing it. */
  atMost?: number;
  /** The entities that list it. */
  from: string[];
}

/**
 * A lineage reference that points at no entity the caller can see.
 * @public
 */
export interface MissingReference {
  entityRef: string;
  referencedBy: string;
  relation: string;
}

/**
 * A loop in the lineage, as a path that ends where it starts.
 * @public
 */
export interface LineageCycle {
  path: string[];
  relations: string[];
}

/** @public */
export interface ImpactReport {
  origin: string;
  leakType: LeakType;
  entities: AffectedEntity[];
  /** Unions over the entities whose data are at risk. */
  dataCategories: string[];
  dataSubjects: ImpactDataSubjects[];
  regions: string[];
  /** Owners of every affected entity. */
  owners: string[];
  problems: {
    missing: MissingReference[];
    cycles: LineageCycle[];
    /** Set when the walk stopped at the configured depth or size limit. */
    truncated?: { reason: string; unexplored: string[] };
  };
}

/** @public */
export type PlanRoleSource =
  | 'owner'
  | 'system-annotation'
  | 'domain-annotation'
  | 'config';

/** @public */
export interface OnCallShift {
  userRef: string;
  displayName?: string;
  email?: string;
  /** ISO, UTC. */
  from: string;
  /** ISO, UTC. */
  until: string;
  trainings: string[];
  missingTrainings: string[];
}

/** @public */
export interface RoleOnCall {
  /** The group whose rotation this is. */
  rotationOf: string;
  source: 'config' | 'annotation';
  timeZone: string;
  now?: OnCallShift;
  next?: OnCallShift;
}

/**
 * A role of the RACI matrix, resolved to a catalog entity.
 * @public
 */
export interface ResolvedRole {
  role: string;
  /** Absent when nothing is configured for the role. */
  entityRef?: string;
  title?: string;
  email?: string;
  source?: PlanRoleSource;
  /** Absent when the group declares no rotation. */
  onCall?: RoleOnCall;
  /** Why there is no entity or no on-call for the role. */
  problems: string[];
}

/** @public */
export interface RaciRef {
  role: string;
  entityRef?: string;
}

/** @public */
export interface PlanStep {
  id: string;
  title: string;
  phase: string;
  description?: string;
  /** ISO 8601 duration from awareness. */
  dueOffset?: string;
  /** awareAt + dueOffset, ISO, UTC. */
  dueAt?: string;
  raci: {
    responsible: RaciRef[];
    accountable: RaciRef;
    consulted: RaciRef[];
    informed: RaciRef[];
  };
}

/** @public */
export interface PlanPlaybook {
  id: string;
  title: string;
  description?: string;
  source: 'built-in' | 'config';
  /** How it was chosen. */
  selectedBy: 'annotation' | 'leak-type-and-entity-type' | 'leak-type';
  steps: PlanStep[];
}

/** @public */
export type ReadinessGap =
  | {
      kind: 'untrained-slot';
      rotationOf: string;
      userRef: string;
      from: string;
      until: string;
      missingTrainings: string[];
    }
  | {
      kind: 'peak-understaffed';
      rotationOf: string;
      peak: string;
      from: string;
      until: string;
      trainedResponders: string[];
      required: number;
    };

/** @public */
export type PlanObligations =
  | ({ status: 'evaluated' } & ObligationsReport)
  | { status: 'unavailable'; reason: string };

/** @public */
export interface LeakResponsePlan {
  entityRef: string;
  leakType: LeakType;
  leakTypeSource: 'query' | 'entity-type';
  /** ISO, UTC: when the plan was made (on-call "now"). */
  generatedAt: string;
  /** ISO, UTC: the awareness time deadlines run from. */
  awareAt: string;
  impact: ImpactReport;
  playbook: PlanPlaybook;
  roles: ResolvedRole[];
  readiness: {
    requiredTrainings: string[];
    /** ISO, UTC: end of the window checked for untrained slots. */
    horizonUntil: string;
    gaps: ReadinessGap[];
  };
  obligations: PlanObligations;
  warnings: string[];
}

/**
 * The plan route's answer: the plan and the open incidents that hold the
 * entity.
 * @public
 */
export interface LeakResponsePlanResponse extends LeakResponsePlan {
  openIncidents: IncidentSummary[];
}
