export { parseDetectionEvent } from './parseDetection';
export type { ParsedDetection, ParseResult } from './parseDetection';
export { DetectionService, DETECTION_ACTOR } from './DetectionService';
export { DetectionStore } from './DetectionStore';
export { readDetectionConfig } from './config';
export {
  createSharedSecretCheck,
  createSharedSecretValidator,
} from './ingressValidator';
export {
  createDetectionIngressRouter,
  DETECTION_INGRESS_PATH,
} from './ingressRoute';
export { addDetectionRoutes } from './detectionRoutes';
export { eventsModuleLeakResponseIngress } from './module';
export { ReopenNotifier } from './reopenNotifier';
