import { Entity } from '@backstage/catalog-model';
import { DateTime } from 'luxon';
import { OnCallShift, ResolvedRole, RoleOnCall } from '../api';
import { EntityBatchFetcher } from '../impact/ImpactAnalyzer';
import { normalizeRef, refKey } from '../impact/lineage';
import {
  handoverIso,
  memberAt,
  ONCALL_ANNOTATIONS,
  Rotation,
  rotationFromGroup,
  shiftIndexAt,
  trainingsOf,
} from '../oncall/rotation';
import { resolveRoles } from './resolveRoles';

/** `spec.profile.displayName` and `email` of a User or Group. */
function profileOf(entity: Entity | undefined): {
  displayName?: string;
  email?: string;
} {
  const profile = entity?.spec?.profile;
  if (
    typeof profile !== 'object' ||
    profile === null ||
    Array.isArray(profile)
  ) {
    return {};
  }
  const { displayName, email } = profile as Record<string, unknown>;
  return {
    displayName: typeof displayName === 'string' ? displayName : undefined,
    email: typeof email === 'string' ? email : undefined,
  };
}

export interface PeopleResolution {
  roles: ResolvedRole[];
  /** The distinct rotations of the resolved roles. */
  rotations: Rotation[];
  /** Trainings by user key, for every rotation member. */
  trainings: (userRef: string) => string[];
}

const MAX_ROUNDS = 6;

/** A Group whose rotation defaults to its members but came without relations. */
function needsRelations(entity: Entity | undefined): boolean {
  const annotations = entity?.metadata.annotations;
  return (
    entity !== undefined &&
    entity.relations === undefined &&
    entity.kind.toLocaleLowerCase('en-US') === 'group' &&
    annotations?.[ONCALL_ANNOTATIONS.period] !== undefined &&
    annotations[ONCALL_ANNOTATIONS.members] === undefined
  );
}

/**
 * Resolves the roles of a plan to catalog entities, finds their on-call
 * rotations and the people in them. Every round fetches, in one batched
 * request, whatever the previous rounds showed is needed (the System and
 * the role groups, then its Domain, the groups named by annotations and the
 * rotation members); usually two rounds.
 */
export class PeopleResolver {
  private constructor(
    private readonly options: {
      configuredRoles: ReadonlyMap<string, string>;
      configuredRotations: ReadonlyMap<string, Rotation>;
      requiredTrainings: string[];
    },
  ) {}

  static create(options: {
    configuredRoles: ReadonlyMap<string, string>;
    configuredRotations: ReadonlyMap<string, Rotation>;
    requiredTrainings: string[];
  }): PeopleResolver {
    return new PeopleResolver(options);
  }

  async resolve(request: {
    origin: Entity;
    roles: string[];
    now: DateTime;
    /**
     * Fetches Systems, Domains, Groups and Users. It may leave out
     * relations (a group owning a thousand entities has a thousand
     * `ownerOf` relations); a group whose rotation defaults to its members
     * is then fetched again with `fetchWithRelations`.
     */
    fetch: EntityBatchFetcher;
    /** Fetches with relations; default `fetch`. */
    fetchWithRelations?: EntityBatchFetcher;
  }): Promise<PeopleResolution> {
    const { origin, roles, now, fetch } = request;
    const fetchWithRelations = request.fetchWithRelations ?? fetch;
    const known = new Map<string, Entity | undefined>();
    const get = (ref: string | undefined) =>
      ref ? known.get(refKey(ref)) : undefined;

    const systemRef = normalizeRef(origin.spec?.system, {
      defaultKind: 'system',
      defaultNamespace: origin.metadata.namespace ?? 'default',
    });
    const domainRefOf = (system: Entity | undefined) =>
      system &&
      normalizeRef(system.spec?.domain, {
        defaultKind: 'domain',
        defaultNamespace: system.metadata.namespace ?? 'default',
      });

    const assign = () => {
      const system = get(systemRef);
      const domain = get(domainRefOf(system));
      return resolveRoles({
        roles,
        origin,
        system,
        domain,
        configured: this.options.configuredRoles,
      });
    };
    const rotationOf = (groupRef: string | undefined) => {
      if (!groupRef) return undefined;
      const configured = this.options.configuredRotations.get(refKey(groupRef));
      if (configured) return { rotation: configured };
      const group = get(groupRef);
      return group && group.kind.toLocaleLowerCase('en-US') === 'group'
        ? rotationFromGroup(group)
        : undefined;
    };

    for (let round = 0; round < MAX_ROUNDS; round++) {
      const needed = new Set<string>();
      const again = new Set<string>();
      if (systemRef) needed.add(systemRef);
      const domainRef = domainRefOf(get(systemRef));
      if (domainRef) needed.add(domainRef);
      for (const assignment of assign()) {
        if (!assignment.entityRef) continue;
        needed.add(assignment.entityRef);
        if (
          !this.options.configuredRotations.has(refKey(assignment.entityRef)) &&
          needsRelations(get(assignment.entityRef))
        ) {
          again.add(assignment.entityRef);
          continue;
        }
        const found = rotationOf(assignment.entityRef);
        if (found && 'rotation' in found) {
          found.rotation.members.forEach(m => needed.add(m));
        }
      }
      const missing = [...needed].filter(ref => !known.has(refKey(ref)));
      const refetch = [...again];
      if (missing.length === 0 && refetch.length === 0) break;
      const [entities, refetched] = await Promise.all([
        missing.length > 0 ? fetch(missing) : [],
        refetch.length > 0 ? fetchWithRelations(refetch) : [],
      ]);
      missing.forEach((ref, i) => known.set(refKey(ref), entities[i]));
      refetch.forEach((ref, i) => {
        const entity = refetched[i];
        // A catalog that sends no relations at all still ends the loop.
        known.set(
          refKey(ref),
          entity && { ...entity, relations: entity.relations ?? [] },
        );
      });
    }

    const rotations = new Map<string, Rotation>();
    const resolved = assign().map((assignment): ResolvedRole => {
      const problems = [...assignment.problems];
      const entity = get(assignment.entityRef);
      if (assignment.entityRef && !entity) {
        problems.push(
          `${assignment.entityRef} is not in the catalog (or not visible to you)`,
        );
      }
      const role: ResolvedRole = {
        role: assignment.role,
        entityRef: assignment.entityRef,
        source: assignment.source,
        title:
          profileOf(entity).displayName ??
          entity?.metadata.title ??
          entity?.metadata.name,
        email: profileOf(entity).email,
        problems,
      };
      if (!entity) return role;
      const found = rotationOf(assignment.entityRef);
      if (!found) {
        problems.push(
          `${assignment.entityRef} declares no on-call rotation (annotation leak-response.io/oncall-period or leakResponse.onCall.rotations)`,
        );
        return role;
      }
      if ('problems' in found) {
        problems.push(...found.problems);
        return role;
      }
      rotations.set(found.rotation.group, found.rotation);
      role.onCall = this.onCall(found.rotation, now, get);
      return role;
    });

    return {
      roles: resolved,
      rotations: [...rotations.values()],
      trainings: userRef => trainingsOf(get(userRef)),
    };
  }

  private onCall(
    rotation: Rotation,
    now: DateTime,
    get: (ref: string) => Entity | undefined,
  ): RoleOnCall {
    const current = shiftIndexAt(rotation, now.toMillis());
    const describe = (index: number): OnCallShift => {
      const member = memberAt(rotation, index);
      const user = get(member);
      const trainings = trainingsOf(user);
      return {
        userRef: member,
        displayName: profileOf(user).displayName ?? user?.metadata.name,
        email: profileOf(user).email,
        from: handoverIso(rotation, index),
        until: handoverIso(rotation, index + 1),
        trainings,
        missingTrainings: this.options.requiredTrainings.filter(
          t => !trainings.includes(t),
        ),
      };
    };
    return {
      rotationOf: rotation.group,
      source: rotation.source,
      timeZone: rotation.timeZone,
      now: describe(current),
      next: describe(current + 1),
    };
  }
}
