import { Entity } from '@backstage/catalog-model';
import { PlanRoleSource } from '../api';
import { normalizeRef } from '../impact/lineage';

/** The role every playbook means by "the team that owns the asset". */
export const OWNER_ROLE = 'ai-engineering';

/**
 * The annotation prefix with which a System or Domain overrides a role
 * for its entities: `leak-response.io/role-compliance: group:privacy-de`.
 */
export const ROLE_ANNOTATION_PREFIX = 'leak-response.io/role-';

export interface RoleAssignment {
  role: string;
  entityRef?: string;
  source?: PlanRoleSource;
  problems: string[];
}

function fromAnnotation(
  entity: Entity | undefined,
  role: string,
): { ref?: string; problem?: string } {
  const key = `${ROLE_ANNOTATION_PREFIX}${role}`;
  const value = entity?.metadata.annotations?.[key];
  if (value === undefined || !entity) return {};
  const ref = normalizeRef(value, {
    defaultKind: 'group',
    defaultNamespace: entity.metadata.namespace ?? 'default',
  });
  return ref
    ? { ref }
    : {
        problem: `annotation ${key} of ${entity.kind.toLocaleLowerCase(
          'en-US',
        )}:${entity.metadata.name} is not an entity reference: "${value}"`,
      };
}

/**
 * Resolves roles to catalog entities for one leaked entity:
 * `ai-engineering` is the entity's owner; every other role comes from the
 * entity's System annotation `leak-response.io/role-<role>`, else its
 * Domain's, else `leakResponse.roles`.
 */
export function resolveRoles(options: {
  roles: string[];
  origin: Entity;
  system?: Entity;
  domain?: Entity;
  configured: ReadonlyMap<string, string>;
}): RoleAssignment[] {
  const { origin, system, domain, configured } = options;
  return options.roles.map(role => {
    const problems: string[] = [];
    if (role === OWNER_ROLE) {
      const owner = normalizeRef(origin.spec?.owner, {
        defaultKind: 'group',
        defaultNamespace: origin.metadata.namespace ?? 'default',
      });
      return owner
        ? { role, entityRef: owner, source: 'owner', problems }
        : {
            role,
            problems: ['the entity declares no valid spec.owner'],
          };
    }
    for (const [entity, source] of [
      [system, 'system-annotation'],
      [domain, 'domain-annotation'],
    ] as const) {
      const found = fromAnnotation(entity, role);
      if (found.problem) problems.push(found.problem);
      if (found.ref) {
        return { role, entityRef: found.ref, source, problems };
      }
    }
    const ref = configured.get(role);
    if (ref) {
      return { role, entityRef: ref, source: 'config', problems };
    }
    problems.push(
      `no group is configured for role ${role} (leakResponse.roles.${role})`,
    );
    return { role, problems };
  });
}
