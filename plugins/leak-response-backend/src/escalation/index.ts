export {
  EscalationService,
  readEscalationConfig,
  DEFAULT_NOTIFY_STEPS,
} from './EscalationService';
export type {
  EscalationOptions,
  EscalationRunResult,
} from './EscalationService';
export { EscalationStore } from './EscalationStore';
export { reachedThresholds, DEFAULT_THRESHOLDS } from './thresholds';
