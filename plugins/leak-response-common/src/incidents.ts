import type { RuleChange } from './obligations/ruleVersion';
/**
 * The kinds of leak a playbook responds to.
 * @public
 */
export const LEAK_TYPES = [
  'training-data-exposure',
  'model-weight-exfiltration',
  'inference-data-leakage',
] as const;

/** @public */
export type LeakType = (typeof LEAK_TYPES)[number];

/**
 * Incident lifecycle, in order.
 * @public
 */
export const INCIDENT_STATUSES = [
  'triage',
  'investigating',
  'contained',
  'notifying',
  'closed',
] as const;

/** @public */
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** @public */
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;

/** @public */
export type Severity = (typeof SEVERITIES)[number];

/**
 * An incident as the API returns it.
 * @public
 */
export interface IncidentSummary {
  id: string;
  title: string;
  leakType: LeakType;
  originEntityRef: string;
  severity: Severity;
  status: IncidentStatus;
  exercise: boolean;
  /** ISO 8601, UTC */
  awareAt: string;
  /** ISO 8601, UTC */
  createdAt: string;
  createdBy: string;
}

/** @public */
export interface HealthResponse {
  status: 'ok';
}

/**
 * The lifecycle moves an incident may make. Skipping `notifying` is allowed
 * (nothing to notify); closing early is allowed (a false positive); a closed
 * incident can be reopened for investigation.
 * @public
 */
export const INCIDENT_TRANSITIONS: Readonly<
  Record<IncidentStatus, readonly IncidentStatus[]>
> = {
  triage: ['investigating', 'closed'],
  investigating: ['contained', 'closed'],
  contained: ['notifying', 'closed'],
  notifying: ['closed'],
  closed: ['investigating'],
};

/**
 * Whether an incident in status `from` may move to `to`.
 * @public
 */
export function isAllowedTransition(
  from: IncidentStatus,
  to: IncidentStatus,
): boolean {
  return INCIDENT_TRANSITIONS[from].includes(to);
}

/**
 * Where an obligation of an incident stands.
 * @public
 */
export const INCIDENT_OBLIGATION_STATUSES = [
  'pending',
  'to-be-determined',
  'drafted',
  'approved',
  'submitted',
  'not-required',
] as const;

/** @public */
export type IncidentObligationStatus =
  (typeof INCIDENT_OBLIGATION_STATUSES)[number];

/**
 * An entity affected by an incident, as it was when it was added.
 * @public
 */
export interface IncidentAffectedEntity {
  entityRef: string;
  role: string;
  snapshot: {
    kind?: string;
    type?: string;
    title?: string;
    owner?: string;
    system?: string;
    dataCategories: string[];
    dataSubjects: string[];
    regions: string[];
    approxDataSubjects?: number;
  };
  addedAt: string;
  addedBy: string;
  removedAt?: string;
}

/**
 * A playbook step instantiated for an incident.
 * @public
 */
export interface IncidentTask {
  id: string;
  position: number;
  stepId: string;
  title: string;
  description?: string;
  responsible: string[];
  accountable?: string;
  dueAt?: string;
  doneBy?: string;
  doneAt?: string;
}

/**
 * An obligation of an incident with its handling status.
 * @public
 */
export interface IncidentObligation {
  id: string;
  ruleId: string;
  regime: string;
  recipient: string;
  stage: string;
  status: IncidentObligationStatus;
  dueAt?: string;
  dueText?: string;
  /** The obligations engine's evaluation: reasons, clock, content, sources. */
  evaluation: unknown;
  justification?: string;
  /** Who set the status by hand; absent while the engine decides it. */
  decidedBy?: string;
  submittedAt?: string;
  submissionRef?: string;
  updatedAt: string;
}

/**
 * A notice rendered from a pre-approved template.
 * @public
 */
export interface IncidentNotice {
  id: string;
  obligationId?: string;
  templateId: string;
  status: 'draft' | 'approved' | 'submitted';
  body: string;
  approvedBy?: string;
  approvedAt?: string;
  submittedAt?: string;
  submissionRef?: string;
  /** Who drafted it. */
  createdBy: string;
  /** Who last edited the draft, if anyone did. */
  editedBy?: string;
  createdAt: string;
  updatedAt: string;
  /**
   * The SHA-256 of the body: approving sends the version read, and a notice
   * edited since is not approved.
   */
  version: string;
}

/**
 * One entry of an incident's append-only timeline.
 * @public
 */
export interface TimelineEvent {
  sequence: number;
  at: string;
  actor: string;
  type: string;
  message: string;
  before?: unknown;
  after?: unknown;
}

/**
 * An incident with everything it holds.
 * @public
 */
export interface IncidentRecord extends IncidentSummary {
  summary?: string;
  detectedAt?: string;
  source?: string;
  sourceRef?: string;
  playbookId?: string;
  playbookVersion?: string;
  assessment: Record<string, unknown>;
  /** The facts the obligations were evaluated from (engine input). */
  facts?: unknown;
  /** The version of the rule table at launch (absent for older incidents). */
  rulesVersion?: string;
  /** How the rules that decided the obligations compare with the table now. */
  ruleProvenance?: IncidentRuleProvenance;
  updatedAt: string;
  affected: IncidentAffectedEntity[];
  tasks: IncidentTask[];
  obligations: IncidentObligation[];
  notices: IncidentNotice[];
  timeline: TimelineEvent[];
}

/**
 * Whether the rule table changed since the incident was launched, and the
 * rules that changed since they decided one of its obligations.
 * @public
 */
export interface IncidentRuleProvenance {
  /** The version of the rule table the backend runs now. */
  currentRulesVersion: string;
  /** The table at launch differs from the one now (false when unknown). */
  changedSinceLaunch: boolean;
  changes: RuleChange[];
}

/**
 * The signals channel on which the backend announces a change to one
 * incident, so open incident pages refresh without polling.
 * @public
 */
export function incidentSignalChannel(incidentId: string): string {
  return `leak-response:incident:${incidentId}`;
}

/**
 * The message sent on {@link incidentSignalChannel}: which incident changed
 * and the audit event id of the change.
 * @public
 */
export interface IncidentChangedSignal {
  incidentId: string;
  change: string;
}
