import {
  AuthorizeResult,
  ConditionalPolicyDecision,
  PermissionCondition,
  PermissionCriteria,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { RESOURCE_TYPE_LEAK_RESPONSE_INCIDENT } from './permissions';

/**
 * The rules of the `leak-response-incident` resource type, by name. The
 * backend implements each (in the database query for listings, in memory for
 * one incident); they are named here so that a permission policy can build
 * conditions without depending on the backend plugin.
 * @public
 */
export const INCIDENT_PERMISSION_RULES = {
  /** An entity owned by one of the claims is affected (and not removed). */
  IS_OWNER_OF_AFFECTED_ENTITY: 'IS_OWNER_OF_AFFECTED_ENTITY',
  /** One of the claims launched the incident (its `createdBy`). */
  IS_CREATOR: 'IS_CREATOR',
} as const;

/** @public */
export type IncidentPermissionRuleName =
  (typeof INCIDENT_PERMISSION_RULES)[keyof typeof INCIDENT_PERMISSION_RULES];

/**
 * Parameters of `IS_OWNER_OF_AFFECTED_ENTITY`: full entity refs, usually the
 * user's `ownershipEntityRefs` (the user and their groups).
 * @public
 */
export type IsOwnerOfAffectedEntityParams = { claims: string[] };

/**
 * Parameters of `IS_CREATOR`: user entity refs, usually just the user's own
 * `userEntityRef`, so that whoever launched an incident can follow it even
 * when they own nothing it affects.
 * @public
 */
export type IsCreatorParams = { claims: string[] };

/** @public */
export type IncidentPermissionCondition = PermissionCondition<
  typeof RESOURCE_TYPE_LEAK_RESPONSE_INCIDENT,
  IsOwnerOfAffectedEntityParams | IsCreatorParams
>;

/**
 * Condition factories for policies, e.g.
 * `incidentConditions.isOwnerOfAffectedEntity({ claims: user.info.ownershipEntityRefs })`
 * or `incidentConditions.isCreator({ claims: [user.info.userEntityRef] })`.
 * @public
 */
export const incidentConditions = {
  isOwnerOfAffectedEntity(
    params: IsOwnerOfAffectedEntityParams,
  ): IncidentPermissionCondition {
    return {
      rule: INCIDENT_PERMISSION_RULES.IS_OWNER_OF_AFFECTED_ENTITY,
      resourceType: RESOURCE_TYPE_LEAK_RESPONSE_INCIDENT,
      params,
    };
  },
  isCreator(params: IsCreatorParams): IncidentPermissionCondition {
    return {
      rule: INCIDENT_PERMISSION_RULES.IS_CREATOR,
      resourceType: RESOURCE_TYPE_LEAK_RESPONSE_INCIDENT,
      params,
    };
  },
};

/**
 * A conditional decision on an incident permission, evaluated by the Leak
 * Response backend (plugin id `leak-response`).
 * @public
 */
export function createIncidentConditionalDecision(
  permission: ResourcePermission<typeof RESOURCE_TYPE_LEAK_RESPONSE_INCIDENT>,
  conditions: PermissionCriteria<IncidentPermissionCondition>,
): ConditionalPolicyDecision {
  return {
    result: AuthorizeResult.CONDITIONAL,
    pluginId: 'leak-response',
    resourceType: permission.resourceType,
    conditions,
  };
}
