import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  createIncidentConditionalDecision,
  incidentConditions,
  incidentCreatePermission,
  incidentReadPermission,
  incidentUpdatePermission,
  noticeApprovePermission,
  obligationDecidePermission,
  readinessReadPermission,
} from '@leak-response/plugin-leak-response-common';

const ALLOW: PolicyDecision = { result: AuthorizeResult.ALLOW };
const DENY: PolicyDecision = { result: AuthorizeResult.DENY };

const RESPONDER_PERMISSIONS = new Set([
  incidentReadPermission.name,
  incidentCreatePermission.name,
  incidentUpdatePermission.name,
  readinessReadPermission.name,
]);

/** A role's group from `leakResponse.roles`, as a full lower-case ref. */
function roleGroup(config: Config, role: string): string | undefined {
  const ref = config.getOptionalString(`leakResponse.roles.${role}`);
  return ref
    ? stringifyEntityRef(
        parseEntityRef(ref, {
          defaultKind: 'group',
          defaultNamespace: 'default',
        }),
      ).toLocaleLowerCase('en-US')
    : undefined;
}

/**
 * The portal's permission policy.
 *
 * Leak Response: every signed-in user may read incidents, launch a playbook,
 * work on an incident and read the readiness dashboard and inventory; only
 * members of the compliance group
 * (`leakResponse.roles.compliance`) may approve a notice to a regulator or to
 * customers, or decide an obligation (mark it submitted or not required, or
 * close an incident over obligations still open). With `leakResponse.permissions.restrictReadToOwners`, reading
 * is conditional instead: owners of an entity affected by the incident and
 * the user who launched it may read it, and members of the compliance and
 * security groups read every incident. Any other Leak Response permission is denied, as is every Leak
 * Response permission to a caller without a user (services are decided by
 * the framework before the policy). Permissions of other plugins are
 * allowed, as in a portal without a policy of its own.
 */
export class PortalPermissionPolicy implements PermissionPolicy {
  static fromConfig(config: Config): PortalPermissionPolicy {
    const compliance = roleGroup(config, 'compliance');
    const security = roleGroup(config, 'security');
    return new PortalPermissionPolicy({
      complianceGroup: compliance,
      restrictReadToOwners:
        config.getOptionalBoolean(
          'leakResponse.permissions.restrictReadToOwners',
        ) ?? false,
      readAllGroups: [compliance, security].filter(
        (ref): ref is string => ref !== undefined,
      ),
    });
  }

  private constructor(
    private readonly options: {
      complianceGroup?: string;
      restrictReadToOwners: boolean;
      /** Groups whose members read every incident when reads are restricted. */
      readAllGroups: string[];
    },
  ) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { name } = request.permission;
    if (!name.startsWith('leak-response.')) {
      return ALLOW;
    }
    if (!user) {
      return DENY;
    }
    const groups = (user.info.ownershipEntityRefs ?? []).map(ref =>
      ref.toLocaleLowerCase('en-US'),
    );
    if (name === incidentReadPermission.name && this.options.restrictReadToOwners) {
      if (this.options.readAllGroups.some(group => groups.includes(group))) {
        return ALLOW;
      }
      return createIncidentConditionalDecision(incidentReadPermission, {
        anyOf: [
          incidentConditions.isOwnerOfAffectedEntity({
            claims: user.info.ownershipEntityRefs ?? [],
          }),
          // whoever launched a playbook follows their incident, owner or not
          incidentConditions.isCreator({ claims: [user.info.userEntityRef] }),
        ],
      });
    }
    if (RESPONDER_PERMISSIONS.has(name)) {
      return ALLOW;
    }
    // approving a notice and deciding an obligation (marking it submitted
    // or not required, closing over open ones) are compliance's decisions
    if (
      name === noticeApprovePermission.name ||
      name === obligationDecidePermission.name
    ) {
      const { complianceGroup } = this.options;
      return complianceGroup && groups.includes(complianceGroup) ? ALLOW : DENY;
    }
    return DENY;
  }
}

export default createBackendModule({
  pluginId: 'permission',
  moduleId: 'portal-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        policy: policyExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ policy, config }) {
        policy.setPolicy(PortalPermissionPolicy.fromConfig(config));
      },
    });
  },
});
