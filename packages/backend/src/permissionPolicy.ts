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
  incidentCreatePermission,
  incidentReadPermission,
  incidentUpdatePermission,
  noticeApprovePermission,
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

/**
 * The portal's permission policy.
 *
 * Leak Response: every signed-in user may read incidents, launch a playbook,
 * work on an incident and read the readiness dashboard and inventory; only
 * members of the compliance group (`leakResponse.roles.compliance`) may
 * approve a notice to a regulator or to customers. Any other Leak Response
 * permission is denied. Permissions of other plugins are allowed, as in a
 * portal without a policy of its own.
 */
export class PortalPermissionPolicy implements PermissionPolicy {
  static fromConfig(config: Config): PortalPermissionPolicy {
    const compliance = config.getOptionalString('leakResponse.roles.compliance');
    return new PortalPermissionPolicy(
      compliance
        ? stringifyEntityRef(
            parseEntityRef(compliance, {
              defaultKind: 'group',
              defaultNamespace: 'default',
            }),
          )
        : undefined,
    );
  }

  private constructor(private readonly complianceGroup?: string) {}

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
    if (RESPONDER_PERMISSIONS.has(name)) {
      return ALLOW;
    }
    if (name === noticeApprovePermission.name) {
      const groups = user.info.ownershipEntityRefs ?? [];
      return this.complianceGroup && groups.includes(this.complianceGroup)
        ? ALLOW
        : DENY;
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
