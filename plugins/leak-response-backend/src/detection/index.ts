export { parseDetectionEvent } from './parseDetection';
export type { ParsedDetection, ParseResult } from './parseDetection';
export { DetectionService, DETECTION_ACTOR } from './DetectionService';
export { DetectionStore } from './DetectionStore';
export { readDetectionConfig } from './config';
export { createSharedSecretValidator } from './ingressValidator';
export { addDetectionRoutes } from './detectionRoutes';
export { eventsModuleLeakResponseIngress } from './module';
