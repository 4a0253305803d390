import {
  createPermission,
  Permission,
} from '@backstage/plugin-permission-common';

/**
 * The resource type of an incident in the permission framework; a policy may
 * answer reads of incidents with conditions of this type.
 * @public
 */
export const RESOURCE_TYPE_LEAK_RESPONSE_INCIDENT = 'leak-response-incident';

/**
 * Read incidents, their obligations, tasks, notices and timelines. A resource
 * permission: a policy may allow it only for some incidents (see
 * `incidentConditions`), and listings are then filtered in the database.
 * @public
 */
export const incidentReadPermission = createPermission({
  name: 'leak-response.incident.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_LEAK_RESPONSE_INCIDENT,
});

/**
 * Launch a playbook, which opens an incident.
 * @public
 */
export const incidentCreatePermission = createPermission({
  name: 'leak-response.incident.create',
  attributes: { action: 'create' },
});

/**
 * Change an incident: status, assessment, tasks, affected entities, drafts.
 * @public
 */
export const incidentUpdatePermission = createPermission({
  name: 'leak-response.incident.update',
  attributes: { action: 'update' },
});

/**
 * Approve a regulator or customer notice before it is sent. Kept apart from
 * update so that compliance can hold it alone.
 * @public
 */
export const noticeApprovePermission = createPermission({
  name: 'leak-response.notice.approve',
  attributes: { action: 'update' },
});

/**
 * Decide an obligation: mark it submitted or not required, reset such a
 * decision, or close an incident whose obligations are still open. Deciding
 * stops the reminders and reads as done in the report, so it is an approval
 * like {@link noticeApprovePermission} and meant for the same people.
 * @public
 */
export const obligationDecidePermission = createPermission({
  name: 'leak-response.obligation.decide',
  attributes: { action: 'update' },
});

/**
 * Read the readiness dashboard and export the inventory of LLM assets (the
 * record of processing activities).
 * @public
 */
export const readinessReadPermission = createPermission({
  name: 'leak-response.readiness.read',
  attributes: { action: 'read' },
});

/**
 * Every permission of the suite.
 * @public
 */
export const leakResponsePermissions: Permission[] = [
  incidentReadPermission,
  incidentCreatePermission,
  incidentUpdatePermission,
  noticeApprovePermission,
  obligationDecidePermission,
  readinessReadPermission,
];
