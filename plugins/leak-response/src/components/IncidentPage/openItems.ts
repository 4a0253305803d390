import {
  IncidentNotice,
  IncidentObligation,
  IncidentRecord,
  IncidentTask,
} from '@leak-response/plugin-leak-response-common';

/** What of an incident still needs someone's work. */
export interface OpenItems {
  tasks: IncidentTask[];
  /** Pending, drafted or approved, or still to be determined. */
  obligations: IncidentObligation[];
  /** Drafted or approved but not submitted. */
  notices: IncidentNotice[];
  total: number;
}

const HANDLED = new Set(['submitted', 'not-required']);

/** The open tasks, obligations and notices of an incident. */
export function openItemsOf(record: IncidentRecord): OpenItems {
  const tasks = record.tasks
    .filter(t => !t.doneAt)
    .sort((a, b) => a.position - b.position);
  const obligations = record.obligations.filter(o => !HANDLED.has(o.status));
  const notices = record.notices.filter(n => n.status !== 'submitted');
  return {
    tasks,
    obligations,
    notices,
    total: tasks.length + obligations.length + notices.length,
  };
}

/**
 * The task to do next: the open task due first (undated ones after the
 * dated, in playbook order).
 */
export function nextTaskOf(record: IncidentRecord): IncidentTask | undefined {
  return [...openItemsOf(record).tasks].sort(
    (a, b) =>
      (a.dueAt ?? '\uffff').localeCompare(b.dueAt ?? '\uffff') ||
      a.position - b.position,
  )[0];
}
