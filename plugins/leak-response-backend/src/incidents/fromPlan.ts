import {
  IncidentObligation,
  IncidentObligationStatus,
  isApplicableObligation,
  Obligation,
  ObligationsReport,
} from '@leak-response/plugin-leak-response-common';
import { LeakResponsePlan } from '../plan/api';
import { decidedUnder } from './ruleProvenance';
import {
  NewAffectedEntity,
  NewObligation,
  NewTask,
} from '../database/IncidentStore';

/** The impact's entities, snapshotted as they are at launch. */
export function affectedFromPlan(plan: LeakResponsePlan): NewAffectedEntity[] {
  return plan.impact.entities.map(entity => ({
    entityRef: entity.entityRef,
    role: entity.role,
    snapshot: {
      kind: entity.kind,
      type: entity.type,
      title: entity.title,
      owner: entity.owner,
      system: entity.system,
      dataCategories: entity.dataCategories,
      dataSubjects: entity.dataSubjects,
      regions: entity.regions,
      ...(entity.approxDataSubjects !== undefined && {
        approxDataSubjects: entity.approxDataSubjects,
      }),
    },
  }));
}

/**
 * The playbook's steps as tasks. A role that resolves to no entity stays
 * visible as `role:<name>` so nobody mistakes it for an assigned task.
 */
export function tasksFromPlan(plan: LeakResponsePlan): NewTask[] {
  const assignee = (ref: { role: string; entityRef?: string }) =>
    ref.entityRef ?? `role:${ref.role}`;
  return plan.playbook.steps.map((step, index) => ({
    position: index + 1,
    stepId: step.id,
    title: step.title,
    description: step.description,
    responsible: step.raci.responsible.map(assignee),
    accountable: assignee(step.raci.accountable),
    dueAt: step.dueAt,
  }));
}

const HANDLED: readonly IncidentObligationStatus[] = [
  'drafted',
  'approved',
  'submitted',
];

function engineStatus(obligation: Obligation): IncidentObligationStatus {
  switch (obligation.status) {
    case 'applies':
      return 'pending';
    case 'to-be-determined':
      return 'to-be-determined';
    default:
      return 'not-required';
  }
}

export const SUSPECTED_EXPOSURE_REASON =
  'exposure is only suspected from model output that may be hallucinated (no match to stored data yet): confirm or rule it out before notifying';

/**
 * A leak suspected only from model output (which may be hallucinated) starts
 * no notification yet: what would apply stays to be determined, with its
 * clock still shown, so nobody misses it and nobody over-notifies.
 */
function suspected(obligation: Obligation): Obligation {
  if (obligation.status !== 'applies') {
    return obligation;
  }
  return {
    ...obligation,
    status: 'to-be-determined',
    reasons: [...obligation.reasons, SUSPECTED_EXPOSURE_REASON],
    openQuestions: [
      ...obligation.openQuestions,
      {
        about: 'exposure',
        question:
          'Is the exposure confirmed (leaked data matched to stored data)?',
      },
    ],
  };
}

function dueOf(obligation: Obligation): { dueAt?: string; dueText?: string } {
  const due = isApplicableObligation(obligation) ? obligation.due : undefined;
  switch (due?.kind) {
    case 'at':
      return { dueAt: due.at };
    case 'text':
      return { dueText: due.text };
    case 'clock-not-started':
      return {
        dueText: `clock not started: ${due.period} once it starts (${due.note})`,
      };
    default:
      return {};
  }
}

/**
 * The engine's obligations as incident obligations. Where a person already
 * acted (drafted, approved, submitted, or decided by hand), their status
 * stays; the deadline and the evaluation are always refreshed.
 */
export function obligationsFromReport(
  report: ObligationsReport,
  existing: IncidentObligation[] = [],
  options: { exposure?: 'confirmed' | 'suspected' } = {},
): NewObligation[] {
  const current = new Map(existing.map(o => [o.ruleId, o]));
  return report.obligations.map(evaluated => {
    const obligation =
      options.exposure === 'suspected' ? suspected(evaluated) : evaluated;
    const before = current.get(obligation.ruleId);
    const keep =
      before && (before.decidedBy || HANDLED.includes(before.status));
    const status = keep ? before.status : engineStatus(obligation);
    let justification: string | undefined;
    if (keep) {
      justification = before.justification;
    } else if (status === 'not-required') {
      // not-required always says why; the engine's reasons, or its verdict
      justification =
        obligation.reasons.join('; ') ||
        `the obligations engine found that ${obligation.ruleId} does not apply`;
    }
    // A status a person set rests on the rule as it was then: keep that
    // version, so a later change of the rule is flagged on the incident.
    const under = keep ? decidedUnder(before.evaluation) : undefined;
    return {
      ruleId: obligation.ruleId,
      regime: obligation.regime,
      recipient: obligation.recipient,
      stage: obligation.stage,
      status,
      ...dueOf(obligation),
      evaluation: under ? { ...obligation, decidedUnder: under } : obligation,
      justification,
    };
  });
}

/** What changed between two evaluations, for the timeline. */
export function obligationChanges(
  before: IncidentObligation[],
  after: NewObligation[],
): Array<{
  ruleId: string;
  from?: string;
  to: string;
  dueFrom?: string;
  dueTo?: string;
}> {
  const previous = new Map(before.map(o => [o.ruleId, o]));
  return after
    .map(o => {
      const was = previous.get(o.ruleId);
      return {
        ruleId: o.ruleId,
        from: was?.status,
        to: o.status,
        dueFrom: was?.dueAt ?? was?.dueText,
        dueTo: o.dueAt ?? o.dueText,
      };
    })
    .filter(c => c.from !== c.to || c.dueFrom !== c.dueTo);
}
