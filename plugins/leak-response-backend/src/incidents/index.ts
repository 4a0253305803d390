export { IncidentService } from './IncidentService';
export type { IncidentPlanner, LaunchRequest } from './IncidentService';
export { PlanServicePlanner } from './PlanServicePlanner';
