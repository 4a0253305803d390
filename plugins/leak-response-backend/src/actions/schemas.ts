/*
 * The output shapes shared by several actions. The actions registry strips
 * what a schema does not declare, so these are the contract assistants see.
 */
import {
  ApplicableObligation,
  IncidentSummary,
  INCIDENT_STATUSES,
  LEAK_TYPES,
  SEVERITIES,
} from '@leak-response/plugin-leak-response-common';
import { ActionsRegistryActionOptions } from '@backstage/backend-plugin-api/alpha';

/**
 * The zod the actions registry hands to schema factories (its own copy of
 * zod/v3, so its types, not this package's zod).
 */
export type Zod = Parameters<
  ActionsRegistryActionOptions<any, any>['schema']['input']
>[0];

/** A zod object schema of the registry's zod, its shape left open. */
type ObjectSchema = ReturnType<Zod['object']>;

export const incidentSummarySchema = (zod: Zod): ObjectSchema =>
  zod.object({
    id: zod.string(),
    title: zod.string(),
    status: zod.enum(INCIDENT_STATUSES),
    severity: zod.enum(SEVERITIES),
    leakType: zod.enum(LEAK_TYPES),
    originEntityRef: zod.string().describe('the entity that leaked'),
    exercise: zod.boolean().describe('true for a drill, not a real incident'),
    awareAt: zod
      .string()
      .describe('ISO 8601, UTC: when the organisation became aware'),
    path: zod
      .string()
      .describe(
        'the incident page, relative to the portal, e.g. /leak-response/incidents/<id>',
      ),
  });

export type IncidentSummaryOutput = Pick<
  IncidentSummary,
  | 'id'
  | 'title'
  | 'status'
  | 'severity'
  | 'leakType'
  | 'originEntityRef'
  | 'exercise'
  | 'awareAt'
> & { path: string };

/** One obligation owed, as `get-leak-plan` returns it. */
export interface OwedObligationOutput {
  ruleId: string;
  regime: string;
  law: string;
  jurisdiction: string;
  recipient: string;
  stage: string;
  status: 'applies' | 'to-be-determined';
  dueAt?: string;
  due: string;
  overdue: boolean;
  reasons: string[];
  openQuestions: string[];
}

export function toIncidentSummary(
  incident: IncidentSummary,
): IncidentSummaryOutput {
  return {
    id: incident.id,
    title: incident.title,
    status: incident.status,
    severity: incident.severity,
    leakType: incident.leakType,
    originEntityRef: incident.originEntityRef,
    exercise: incident.exercise,
    awareAt: incident.awareAt,
    path: `/leak-response/incidents/${encodeURIComponent(incident.id)}`,
  };
}

export const owedObligationSchema = (zod: Zod): ObjectSchema =>
  zod.object({
    ruleId: zod.string(),
    regime: zod.string().describe('e.g. GDPR, CCPA, PCI DSS'),
    law: zod.string().describe('the article or section'),
    jurisdiction: zod.string(),
    recipient: zod.string().describe('whom the notice goes to'),
    stage: zod.string(),
    status: zod
      .enum(['applies', 'to-be-determined'])
      .describe('to-be-determined: open questions decide it'),
    dueAt: zod
      .string()
      .optional()
      .describe('ISO 8601, UTC; absent when the deadline is not a fixed time'),
    due: zod.string().describe('the deadline in words'),
    overdue: zod.boolean(),
    reasons: zod.array(zod.string()),
    openQuestions: zod.array(zod.string()),
  });

/** An applicable obligation of the engine, in the action's words. */
export function toOwedObligation(
  obligation: ApplicableObligation,
): OwedObligationOutput {
  const { due } = obligation;
  let when: Pick<OwedObligationOutput, 'dueAt' | 'due' | 'overdue'>;
  if (due.kind === 'at') {
    when = {
      dueAt: due.at,
      due: `${due.period}, by ${due.at}`,
      overdue: due.overdue,
    };
  } else if (due.kind === 'text') {
    when = { due: due.text, overdue: false };
  } else {
    when = {
      due: `${due.period} once the clock starts (at the earliest ${due.earliestAt}): ${due.note}`,
      overdue: false,
    };
  }
  return {
    ruleId: obligation.ruleId,
    regime: obligation.regime,
    law: obligation.law,
    jurisdiction: obligation.jurisdiction,
    recipient: obligation.recipient,
    stage: obligation.stage,
    status: obligation.status,
    ...when,
    reasons: obligation.reasons,
    openQuestions: obligation.openQuestions.map(q => q.question),
  };
}
