export { leakResponseApiRef } from './LeakResponseApi';
export type {
  LeakResponseApi,
  IncidentListQuery,
  IncidentList,
  LaunchIncidentRequest,
  ObligationDecision,
  IncidentAssessmentAnswers,
  EvidenceHolds,
} from './LeakResponseApi';
export { LeakResponseClient } from './LeakResponseClient';
