import {
  IncidentStatus,
  IncidentSummary,
  LeakType,
  Severity,
} from '@leak-response/plugin-leak-response-common';

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
  idempotencyKey?: string;
  createdBy: string;
}

/** Filters for listing incidents. */
export interface IncidentFilter {
  status?: IncidentStatus[];
  originEntityRef?: string;
}

/** Persistence of incidents. */
export interface IncidentStore {
  /**
   * Stores a new incident. When its idempotency key, or its source and
   * source reference, are already known, the existing incident is returned
   * with `created: false` and nothing is written.
   */
  createIncident(
    incident: NewIncident,
  ): Promise<{ incident: IncidentSummary; created: boolean }>;
  getIncident(id: string): Promise<IncidentSummary | undefined>;
  listIncidents(filter?: IncidentFilter): Promise<IncidentSummary[]>;
}
