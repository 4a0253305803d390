import { PermissionCriteria } from '@backstage/plugin-permission-common';
import {
  IncidentAffectedEntity,
  IncidentNotice,
  IncidentObligation,
  IncidentRecord,
  IncidentStatus,
  IncidentSummary,
  IncidentTask,
  LeakType,
  Severity,
  TimelineVerification,
} from '@leak-response/plugin-leak-response-common';

/** An affected entity to record. */
export type NewAffectedEntity = Omit<
  IncidentAffectedEntity,
  'addedAt' | 'addedBy' | 'removedAt'
>;

/** A playbook task to record. */
export type NewTask = Omit<IncidentTask, 'id' | 'doneBy' | 'doneAt'>;

/** An obligation to record, as the engine evaluated it. */
export type NewObligation = Omit<
  IncidentObligation,
  'id' | 'updatedAt' | 'submittedAt' | 'submissionRef' | 'decidedBy'
>;

/** A timeline entry to append. */
export interface NewTimelineEvent {
  type: string;
  message: string;
  before?: unknown;
  after?: unknown;
}

/** What it takes to open an incident. */
export interface NewIncident {
  title: string;
  leakType: LeakType;
  originEntityRef: string;
  severity: Severity;
  exercise: boolean;
  summary?: string;
  awareAt: Date;
  detectedAt?: Date;
  source?: string;
  sourceRef?: string;
  /** Unique per caller (`createdBy`), not globally. */
  idempotencyKey?: string;
  /** Hash of the request that used the key, to refuse a different replay. */
  idempotencyHash?: string;
  createdBy: string;
  playbookId?: string;
  playbookVersion?: string;
  assessment?: Record<string, unknown>;
  /** The obligations engine's facts at launch, kept to re-evaluate later. */
  facts?: unknown;
  /** The version of the rule table the obligations were decided with. */
  rulesVersion?: string;
  affected?: NewAffectedEntity[];
  tasks?: NewTask[];
  obligations?: NewObligation[];
  /** The first timeline entries, e.g. "launched". */
  timeline?: NewTimelineEvent[];
}

/**
 * One condition of the read permission as the store applies it in SQL:
 * `affectedOwner` matches incidents in which an entity owned by one of
 * `values` (entity refs) is affected and not removed; `creator` matches
 * incidents launched by one of `values` (user entity refs). Refs compare
 * without case. Made by the permission rules' `toQuery` (see
 * `incidents/permissions.ts`).
 */
export type IncidentPermissionQuery = {
  key: 'affectedOwner' | 'creator';
  values: string[];
};

/**
 * Which incidents the caller may read, from a conditional policy decision;
 * undefined when the caller may read every incident.
 */
export type IncidentReadCriteria = PermissionCriteria<IncidentPermissionQuery>;

/** Filters, paging and order for listing incidents. */
export interface IncidentFilter {
  status?: IncidentStatus[];
  /** true: not closed; false: closed */
  open?: boolean;
  exercise?: boolean;
  leakType?: LeakType[];
  originEntityRef?: string;
  /** Incidents that affect this entity (origin or not, not removed). */
  affectedEntityRef?: string;
  /** Incidents affecting an entity owned by this group or user (full ref). */
  owner?: string;
  /** Incidents affecting an entity of this system (full ref). */
  system?: string;
  /** Only the incidents the caller may read (a conditional read decision). */
  readable?: IncidentReadCriteria;
  limit?: number;
  offset?: number;
  orderBy?: 'awareAt' | 'createdAt';
  order?: 'asc' | 'desc';
}

/**
 * A change to an incident, computed from its current state inside the
 * store's transaction (so two concurrent updates never both pass a check
 * against the same stale state).
 */
export interface IncidentChange {
  incident?: Partial<{
    title: string;
    status: IncidentStatus;
    severity: Severity;
    summary: string;
    awareAt: Date;
    assessment: Record<string, unknown>;
    facts: unknown;
  }>;
  /** Obligations to insert, or to update by rule id. */
  upsertObligations?: NewObligation[];
  /** Obligation field changes by id. */
  obligationUpdates?: Array<
    { id: string } & Partial<
      Pick<
        IncidentObligation,
        | 'status'
        | 'justification'
        | 'decidedBy'
        | 'submittedAt'
        | 'submissionRef'
      >
    >
  >;
  taskUpdates?: Array<{ id: string; doneBy?: string; doneAt?: string }>;
  addAffected?: NewAffectedEntity[];
  removeAffected?: string[];
  newNotices?: Array<
    Omit<IncidentNotice, 'id' | 'createdAt' | 'updatedAt' | 'version'>
  >;
  noticeUpdates?: Array<
    { id: string } & Partial<
      Pick<
        IncidentNotice,
        | 'status'
        | 'body'
        | 'editedBy'
        | 'approvedBy'
        | 'approvedAt'
        | 'submittedAt'
        | 'submissionRef'
      >
    >
  >;
  timeline: NewTimelineEvent[];
}

/** Persistence of incidents and everything they hold. */
export interface IncidentStore {
  /**
   * Stores a new incident with its record. When its idempotency key (of the
   * same caller), or its source and source reference, are already known, the
   * existing incident is returned with `created: false`, with the hash of
   * the request that first used the key, and nothing is written.
   */
  createIncident(incident: NewIncident): Promise<{
    incident: IncidentRecord;
    created: boolean;
    idempotencyHash?: string;
  }>;
  getIncident(id: string): Promise<IncidentRecord | undefined>;
  listIncidents(
    filter?: IncidentFilter,
  ): Promise<{ items: IncidentSummary[]; totalCount: number }>;
  /**
   * Applies the change `decide` computes from the current record, atomically.
   * `decide` may throw (e.g. a ConflictError) to write nothing. Returns the
   * updated record, or undefined when there is no such incident.
   */
  updateIncident(
    id: string,
    actor: string,
    decide: (current: IncidentRecord) => IncidentChange,
  ): Promise<IncidentRecord | undefined>;
  /**
   * Open incidents in which the entity is affected, for evidence holds;
   * `readable` keeps only those the caller may read.
   */
  listOpenIncidentsAffecting(
    entityRef: string,
    readable?: IncidentReadCriteria,
  ): Promise<IncidentSummary[]>;
  /**
   * Recomputes the incident's timeline hash chain; undefined when there is
   * no such incident.
   */
  verifyTimeline(
    id: string,
    now: Date,
  ): Promise<TimelineVerification | undefined>;
}
