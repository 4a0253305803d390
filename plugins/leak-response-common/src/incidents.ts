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
