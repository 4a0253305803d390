import {
  IncidentObligation,
  IncidentObligationStatus,
  IncidentRecord,
  Severity,
} from '@leak-response/plugin-leak-response-common';
import { LeakResponsePlan } from '../plan/api';

/** Obligations whose clock still asks someone to act. */
const OPEN: readonly IncidentObligationStatus[] = [
  'pending',
  'to-be-determined',
  'drafted',
  'approved',
];

/** The earliest open deadline of an incident, as people read it. */
export interface NearestDeadline {
  obligationId: string;
  /** The law's article when the rule names it (`GDPR Art. 33`), else the regime. */
  label: string;
  dueAt: string;
  /** Whole hours left, rounded down; negative once overdue. */
  hoursLeft: number;
}

function lawOf(obligation: IncidentObligation): string {
  const law = (obligation.evaluation as { law?: unknown } | undefined)?.law;
  return typeof law === 'string' && law.trim() ? law : obligation.regime;
}

export function nearestDeadline(
  incident: Pick<IncidentRecord, 'obligations'>,
  now: Date,
): NearestDeadline | undefined {
  const open = incident.obligations
    .filter(o => OPEN.includes(o.status) && o.dueAt)
    .sort((a, b) => Date.parse(a.dueAt!) - Date.parse(b.dueAt!));
  const first = open[0];
  if (!first) return undefined;
  const left = Date.parse(first.dueAt!) - now.getTime();
  return {
    obligationId: first.id,
    label: lawOf(first),
    dueAt: first.dueAt!,
    hoursLeft:
      left >= 0 ? Math.floor(left / 3_600_000) : -Math.ceil(-left / 3_600_000),
  };
}

/** `GDPR Art. 33 due in 71 h`, `… due in under 1 h`, `… overdue by 3 h`. */
export function describeDeadline(deadline: NearestDeadline): string {
  if (deadline.hoursLeft < 0) {
    return `${deadline.label} overdue by ${-deadline.hoursLeft} h`;
  }
  if (deadline.hoursLeft === 0) {
    return `${deadline.label} due in under 1 h`;
  }
  return `${deadline.label} due in ${deadline.hoursLeft} h`;
}

/** The name people know the leaked entity by. */
export function entityName(incident: IncidentRecord): string {
  const origin = incident.affected.find(
    a => a.entityRef === incident.originEntityRef,
  );
  const title = (origin?.snapshot as { title?: unknown } | undefined)?.title;
  if (typeof title === 'string' && title.trim()) return title;
  return incident.originEntityRef.replace(/^[^:]+:(default\/)?/, '');
}

function leakTypeWords(leakType: string): string {
  const words = leakType.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The title of the first notice of an incident: the leaked entity, the leak
 * type and the nearest deadline, so that the notification list alone tells
 * what happened and how long is left.
 */
export function openingTitle(incident: IncidentRecord, now: Date): string {
  const deadline = nearestDeadline(incident, now);
  return `${incident.exercise ? '[Exercise] ' : ''}${leakTypeWords(
    incident.leakType,
  )} on ${entityName(incident)}${
    deadline ? ` — ${describeDeadline(deadline)}` : ''
  }`;
}

const isEntityRef = (ref: string | undefined): ref is string =>
  !!ref && /^(user|group):/i.test(ref);

/** Who must hear of an incident the moment it opens, and why. */
export interface OpeningRecipients {
  /** The responsible and accountable groups (or users) of the first steps. */
  assignees: string[];
  /** The people on call now for the roles of those steps. */
  onCall: string[];
  /** All of them, once each. */
  all: string[];
}

/**
 * The responsible and accountable entities of the playbook's first
 * `firstSteps` steps, and who is on call now for their roles. An exercise
 * reaches only its participants: its launcher and the assignees of its
 * tasks (with the people on call in those groups).
 */
export function openingRecipients(
  incident: IncidentRecord,
  plan: LeakResponsePlan,
  firstSteps: number,
): OpeningRecipients {
  const steps = plan.playbook.steps.slice(0, Math.max(1, firstSteps));
  const refs = steps.flatMap(s => [s.raci.accountable, ...s.raci.responsible]);
  const roles = new Set(refs.map(r => r.role));
  const assignees = [
    ...new Set(refs.map(r => r.entityRef).filter(isEntityRef)),
  ];
  const onCallOf = plan.roles.filter(r => roles.has(r.role) && r.onCall?.now);
  let onCall = [
    ...new Set(onCallOf.map(r => r.onCall!.now!.userRef).filter(isEntityRef)),
  ];
  if (incident.exercise) {
    const participants = new Set([
      incident.createdBy,
      ...incident.tasks.flatMap(t => [t.accountable ?? '', ...t.responsible]),
    ]);
    onCall = onCallOf
      .filter(
        r =>
          participants.has(r.onCall!.now!.userRef) ||
          participants.has(r.onCall!.rotationOf),
      )
      .map(r => r.onCall!.now!.userRef);
    onCall = [...new Set(onCall)];
    const launcher = isEntityRef(incident.createdBy)
      ? [incident.createdBy]
      : [];
    const kept = assignees.filter(a => participants.has(a));
    return {
      assignees: kept,
      onCall,
      all: [...new Set([...kept, ...onCall, ...launcher])],
    };
  }
  return { assignees, onCall, all: [...new Set([...assignees, ...onCall])] };
}

/** Backstage notification severities by incident severity. */
export function notificationSeverityOf(
  severity: Severity,
): 'critical' | 'high' | 'normal' | 'low' {
  switch (severity) {
    case 'critical':
      return 'critical';
    case 'high':
      return 'high';
    case 'low':
      return 'low';
    default:
      return 'normal';
  }
}
