import { createApiRef } from '@backstage/core-plugin-api';
import {
  AssessmentAnswers,
  IncidentRecord,
  IncidentStatus,
  IncidentSummary,
  InventoryFormat,
  LeakResponsePlanResponse,
  ReadinessReport,
  LeakType,
  Severity,
  TimelineVerification,
} from '@leak-response/plugin-leak-response-common';

/**
 * Filters and order of the incidents list.
 * @public
 */
export interface IncidentListQuery {
  status?: IncidentStatus[];
  leakType?: LeakType[];
  /** Only open (not closed) incidents, or only closed ones. */
  open?: boolean;
  exercise?: boolean;
  /** Incidents that affect this entity (origin or not). */
  entityRef?: string;
  owner?: string;
  system?: string;
  limit?: number;
  offset?: number;
  orderBy?: 'awareAt' | 'createdAt';
  order?: 'asc' | 'desc';
}

/** @public */
export interface IncidentList {
  items: IncidentSummary[];
  totalCount: number;
}

/**
 * What a launched playbook starts from.
 * @public
 */
export interface LaunchIncidentRequest {
  entityRef: string;
  leakType: LeakType;
  /** ISO 8601; the backend takes "now" when absent. */
  awareAt?: string;
  severity?: Severity;
  exercise?: boolean;
  title?: string;
  summary?: string;
}

/**
 * A decision on an obligation taken by hand.
 * @public
 */
export type ObligationDecision =
  | { status: 'not-required'; justification: string }
  | { status: 'submitted'; submissionRef: string; submittedAt?: string }
  | { status: 'pending' };

/**
 * The incident answers of the assessment form: the engine's questions plus
 * whether the exposure is confirmed or only suspected.
 * @public
 */
export type IncidentAssessmentAnswers = AssessmentAnswers & {
  exposure?: 'confirmed' | 'suspected';
};

/**
 * Whether an entity is under an evidence hold (an open incident affects it).
 * @public
 */
export interface EvidenceHolds {
  onHold: boolean;
  incidents: Array<
    Pick<IncidentSummary, 'id' | 'title' | 'status' | 'exercise'>
  >;
}

/**
 * A downloaded inventory file.
 * @public
 */
export interface InventoryDownload {
  /** From the Content-Disposition header, e.g. `llm-inventory-2026-12-01.csv`. */
  filename: string;
  contentType: string;
  body: string;
}

/** @public */
export type IncidentReportFormat = 'markdown' | 'pdf';

/**
 * The incident report as a file, to hand to the browser as a download.
 * @public
 */
export interface IncidentReportFile {
  /** From the Content-Disposition header, e.g. `incident-<id>.pdf`. */
  filename: string;
  contentType: string;
  body: Blob;
}

/**
 * The Leak Response backend, as the frontend sees it.
 * @public
 */
export interface LeakResponseApi {
  /** The plan for a leak of an entity: impact, playbook, roles, obligations. */
  getPlan(request: {
    entityRef: string;
    leakType?: LeakType;
    awareAt?: string;
  }): Promise<LeakResponsePlanResponse>;

  listIncidents(query?: IncidentListQuery): Promise<IncidentList>;

  /**
   * Opens an incident. The same idempotency key returns the incident the
   * first call opened.
   */
  launchIncident(
    request: LaunchIncidentRequest,
    options?: { idempotencyKey?: string },
  ): Promise<IncidentRecord>;

  getIncident(id: string): Promise<IncidentRecord>;

  /** The incident report as markdown. */
  getIncidentReport(id: string): Promise<string>;

  /** The incident report as a file to save: markdown or PDF. */
  getIncidentReportFile(
    id: string,
    format: IncidentReportFormat,
  ): Promise<IncidentReportFile>;

  /**
   * Recomputes the incident's timeline hash chain on the backend: intact, or
   * the first event that does not match.
   */
  verifyIncidentTimeline(id: string): Promise<TimelineVerification>;

  setIncidentStatus(
    id: string,
    status: IncidentStatus,
    reason?: string,
  ): Promise<IncidentRecord>;

  assessIncident(
    id: string,
    answers: IncidentAssessmentAnswers,
  ): Promise<IncidentRecord>;

  correctAwareness(
    id: string,
    awareAt: string,
    reason: string,
  ): Promise<IncidentRecord>;

  setTaskDone(
    id: string,
    taskId: string,
    done: boolean,
  ): Promise<IncidentRecord>;

  decideObligation(
    id: string,
    obligationId: string,
    decision: ObligationDecision,
  ): Promise<IncidentRecord>;

  draftNotice(id: string, obligationId: string): Promise<IncidentRecord>;

  editNotice(
    id: string,
    noticeId: string,
    body: string,
  ): Promise<IncidentRecord>;

  /** Approves the notice's `version` (the one read); 409 if edited since. */
  approveNotice(
    id: string,
    noticeId: string,
    version: string,
  ): Promise<IncidentRecord>;

  submitNotice(
    id: string,
    noticeId: string,
    submissionRef: string,
  ): Promise<IncidentRecord>;

  getHolds(entityRef: string): Promise<EvidenceHolds>;

  /** Every LLM asset with its readiness gaps and score, and the systems. */
  getReadiness(): Promise<ReadinessReport>;

  /** The inventory of LLM assets (record of processing activities). */
  getInventory(format: InventoryFormat): Promise<InventoryDownload>;
}

/** @public */
export const leakResponseApiRef = createApiRef<LeakResponseApi>({
  id: 'plugin.leak-response.service',
});
