export { searchModuleLeakResponse } from './module';
export { IncidentCollatorFactory } from './IncidentCollatorFactory';
export { INCIDENT_DOCUMENT_TYPE } from './incidentDocument';
export type { IncidentDocument } from './incidentDocument';
