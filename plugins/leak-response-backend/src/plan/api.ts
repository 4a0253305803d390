/*
 * The plan's response types live in -common, shared with the frontend.
 */
export type {
  AffectedEntity,
  ImpactDataSubjects,
  ImpactReport,
  ImpactRole,
  LeakResponsePlan,
  LineageCycle,
  MissingReference,
  OnCallShift,
  PlanObligations,
  PlanPlaybook,
  PlanRoleSource,
  PlanStep,
  RaciRef,
  ReadinessGap,
  ResolvedRole,
  RoleOnCall,
} from '@leak-response/plugin-leak-response-common';
