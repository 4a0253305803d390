export { leakResponseApiRef } from './LeakResponseApi';
export type {
  LeakResponseApi,
  IncidentListQuery,
  IncidentList,
  LaunchIncidentRequest,
  ObligationDecision,
  IncidentAssessmentAnswers,
  EvidenceHolds,
  InventoryDownload,
  IncidentReportFormat,
  IncidentReportFile,
} from './LeakResponseApi';
export { LeakResponseClient } from './LeakResponseClient';
