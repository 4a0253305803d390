import {
  ConditionTransformer,
  createConditionAuthorizer,
  createConditionExports,
  createConditionTransformer,
  CreatePermissionRuleOptions,
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import {
  AuthorizeResult,
  PermissionRuleParams,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  INCIDENT_PERMISSION_RULES,
  IncidentRecord,
  IsCreatorParams,
  IsOwnerOfAffectedEntityParams,
  RESOURCE_TYPE_LEAK_RESPONSE_INCIDENT,
} from '@leak-response/plugin-leak-response-common';
import { z } from 'zod/v4';
import {
  IncidentPermissionQuery,
  IncidentReadCriteria,
} from '../database/IncidentStore';
import { normalizedRef } from '../database/entityRefs';

/** What the incident rules look at: its affected entities and its launcher. */
export type IncidentResource = Pick<
  IncidentRecord,
  'id' | 'affected' | 'createdBy'
>;

/** The `leak-response-incident` resource type of the permission framework. */
export const incidentPermissionResourceRef = createPermissionResourceRef<
  IncidentResource,
  IncidentPermissionQuery
>().with({
  pluginId: 'leak-response',
  resourceType: RESOURCE_TYPE_LEAK_RESPONSE_INCIDENT,
});

type ParamsSchema<TParams extends PermissionRuleParams> = NonNullable<
  CreatePermissionRuleOptions<
    typeof incidentPermissionResourceRef,
    TParams
  >['paramsSchema']
>;

/**
 * The permission framework wants a Standard Schema that also converts to
 * JSON Schema (for the rule metadata policies are written against). zod
 * 3.25's v4 schemas validate as a Standard Schema but lack the converter, so
 * it is added here from `z.toJSONSchema`.
 */
function paramsSchema<TParams extends PermissionRuleParams>(
  schema: z.ZodType<TParams>,
): ParamsSchema<TParams> {
  const jsonSchema = () =>
    z.toJSONSchema(schema, { target: 'draft-7' }) as Record<string, unknown>;
  return {
    '~standard': {
      ...schema['~standard'],
      jsonSchema: { input: jsonSchema, output: jsonSchema },
    },
  } as ParamsSchema<TParams>;
}

/** Owners of the affected entities still in the incident, normalised. */
function affectedOwners(incident: IncidentResource): Set<string> {
  const owners = new Set<string>();
  for (const entity of incident.affected) {
    const owner = entity.removedAt
      ? null
      : normalizedRef(entity.snapshot.owner, 'group');
    if (owner) {
      owners.add(owner);
    }
  }
  return owners;
}

/**
 * Incidents in which an entity owned by one of the claims (usually the
 * user's ownershipEntityRefs) is affected. The owner is the one snapshotted
 * when the entity was added, so that a later change of owner in the catalog
 * does not hide an incident from the team that was responsible then.
 */
export const isOwnerOfAffectedEntity = createPermissionRule({
  name: INCIDENT_PERMISSION_RULES.IS_OWNER_OF_AFFECTED_ENTITY,
  description:
    'Allow incidents in which an entity owned by one of the claims is affected',
  resourceRef: incidentPermissionResourceRef,
  paramsSchema: paramsSchema<IsOwnerOfAffectedEntityParams>(
    z.object({
      claims: z
        .array(z.string())
        .describe('Entity refs of owners, e.g. the user and their groups'),
    }),
  ),
  apply: (incident, { claims }) => {
    const owners = affectedOwners(incident);
    return claims.some(claim => {
      const ref = normalizedRef(claim, 'group');
      return ref !== null && owners.has(ref);
    });
  },
  toQuery: ({ claims }) => ({ key: 'affectedOwner', values: claims }),
});

/**
 * Incidents launched by one of the claims (usually the user's own ref), so
 * that a responder who launches a playbook on something another team owns
 * can still follow the incident. `createdBy` is stored as the caller's ref
 * was spelled; like the store's SQL, this compares it in lower case with
 * each claim made a full lower-case ref.
 */
export const isCreator = createPermissionRule({
  name: INCIDENT_PERMISSION_RULES.IS_CREATOR,
  description: 'Allow incidents launched by one of the claims',
  resourceRef: incidentPermissionResourceRef,
  paramsSchema: paramsSchema<IsCreatorParams>(
    z.object({
      claims: z
        .array(z.string())
        .describe('User entity refs, e.g. the user themself'),
    }),
  ),
  apply: (incident, { claims }) => {
    const creator = incident.createdBy.toLocaleLowerCase('en-US');
    return claims.some(claim => normalizedRef(claim, 'user') === creator);
  },
  toQuery: ({ claims }) => ({ key: 'creator', values: claims }),
});

/** Every rule of the incident resource type. */
export const incidentPermissionRules: Array<
  typeof isOwnerOfAffectedEntity | typeof isCreator
> = [isOwnerOfAffectedEntity, isCreator];

/**
 * Condition factories backed by the rules above, for policies written in
 * the backend; `-common` offers the same ones without the rules.
 */
export const { conditions: incidentPermissionConditions } =
  createConditionExports({
    resourceRef: incidentPermissionResourceRef,
    rules: { isOwnerOfAffectedEntity, isCreator },
  });

/**
 * What a read decision lets the caller see: a filter for listings (none when
 * everything is allowed) and a check for one incident. A DENY never gets
 * this far.
 */
export interface IncidentReadAccess {
  readonly criteria?: IncidentReadCriteria;
  allows(incident: IncidentResource): boolean;
}

/** Every incident: an ALLOW decision, or a service caller. */
export const READ_ALL: IncidentReadAccess = { allows: () => true };

/** Turns read decisions into {@link IncidentReadAccess}. */
export class IncidentReadAccessResolver {
  private readonly transform: ConditionTransformer<IncidentPermissionQuery>;
  private readonly authorize: (
    decision: PolicyDecision,
    resource: IncidentResource | undefined,
  ) => boolean;

  constructor(rules = incidentPermissionRules) {
    this.transform = createConditionTransformer(rules);
    this.authorize = createConditionAuthorizer(rules);
  }

  /** Undefined for a DENY. */
  resolve(decision: PolicyDecision): IncidentReadAccess | undefined {
    if (decision.result !== AuthorizeResult.CONDITIONAL) {
      return decision.result === AuthorizeResult.ALLOW ? READ_ALL : undefined;
    }
    return {
      criteria: this.transform(decision.conditions),
      allows: incident => this.authorize(decision, incident),
    };
  }
}
