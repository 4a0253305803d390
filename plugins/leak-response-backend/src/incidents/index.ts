export { IncidentService } from './IncidentService';
export type { IncidentPlanner, LaunchRequest } from './IncidentService';
export { PlanServicePlanner } from './PlanServicePlanner';
export {
  IncidentReadAccessResolver,
  incidentPermissionConditions,
  incidentPermissionResourceRef,
  incidentPermissionRules,
  isCreator,
  isOwnerOfAffectedEntity,
  READ_ALL,
} from './permissions';
export type { IncidentReadAccess, IncidentResource } from './permissions';
export { SignalsIncidentChangePublisher } from './IncidentChangePublisher';
export type {
  IncidentChangePublisher,
  SignalPublisher,
} from './IncidentChangePublisher';
