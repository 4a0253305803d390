import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import { DateTime, Duration } from 'luxon';
import { ImpactLimits, DEFAULT_IMPACT_LIMITS } from './impact/ImpactAnalyzer';
import { normalizeRef, refKey } from './impact/lineage';
import { PeakPeriod } from './oncall/readiness';
import {
  buildRotation,
  DEFAULT_REQUIRED_TRAININGS,
  Rotation,
} from './oncall/rotation';
import { BUILT_IN_ROLES } from './playbooks/schema';
import { DEFAULT_PEOPLE_CACHE_TTL_MS } from './roles/PeopleCache';

/** The plan settings of `leakResponse`, read once at start-up. */
export interface PlanSettings {
  /** Role → full lower-case group (or user) ref, from `leakResponse.roles`. */
  roles: ReadonlyMap<string, string>;
  /** Every role a playbook may use: the built-in ones and the configured ones. */
  knownRoles: string[];
  impact: ImpactLimits;
  onCall: {
    requiredTrainings: string[];
    horizon: Duration;
    /** Configured rotations by group key; they win over Group annotations. */
    rotations: ReadonlyMap<string, Rotation>;
    peaks: PeakPeriod[];
    /** How long a caller's people lookups are reused; 0: never. */
    peopleCacheTtlMs: number;
  };
}

const ROLE_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

function positiveInteger(config: Config, key: string, fallback: number) {
  const value = config.getOptionalNumber(key);
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`Invalid leakResponse.${key}: must be a whole number ≥ 1`);
  }
  return value;
}

function readDate(config: Config, key: string, where: string): DateTime {
  const raw = config.getString(key);
  const value = DateTime.fromISO(raw, { zone: 'UTC' });
  if (!value.isValid) {
    throw new Error(
      `Invalid ${where}.${key}: "${raw}" is not an ISO 8601 date or date-time`,
    );
  }
  return value;
}

/**
 * Reads the plan settings: `leakResponse.roles`, `leakResponse.impact` and
 * `leakResponse.onCall`. Throws on bad values, naming the key.
 */
export function readPlanSettings(config: Config): PlanSettings {
  const root = config.getOptionalConfig('leakResponse');

  const roles = new Map<string, string>();
  const rolesConfig = root?.getOptionalConfig('roles');
  for (const role of rolesConfig?.keys() ?? []) {
    if (!ROLE_NAME.test(role)) {
      throw new Error(
        `Invalid leakResponse.roles.${role}: role names are lower-case and dash-separated`,
      );
    }
    const value = rolesConfig!.getString(role);
    const ref = normalizeRef(value, {
      defaultKind: 'group',
      defaultNamespace: 'default',
    });
    if (!ref) {
      throw new Error(
        `Invalid leakResponse.roles.${role}: "${value}" is not an entity reference such as group:dpo-office`,
      );
    }
    roles.set(role, ref);
  }
  const knownRoles = [...new Set<string>([...BUILT_IN_ROLES, ...roles.keys()])];

  const impactConfig = root?.getOptionalConfig('impact');
  const impact: ImpactLimits = {
    maxDepth: impactConfig
      ? positiveInteger(
          impactConfig,
          'maxDepth',
          DEFAULT_IMPACT_LIMITS.maxDepth,
        )
      : DEFAULT_IMPACT_LIMITS.maxDepth,
    maxEntities: impactConfig
      ? positiveInteger(
          impactConfig,
          'maxEntities',
          DEFAULT_IMPACT_LIMITS.maxEntities,
        )
      : DEFAULT_IMPACT_LIMITS.maxEntities,
  };

  const onCall = root?.getOptionalConfig('onCall');
  const requiredTrainings =
    onCall?.getOptionalStringArray('requiredTrainings') ??
    DEFAULT_REQUIRED_TRAININGS;
  let horizon = Duration.fromObject({ weeks: 8 });
  if (onCall?.has('horizon')) {
    try {
      horizon = Duration.fromObject(
        readDurationFromConfig(onCall, { key: 'horizon' }),
      );
    } catch (error) {
      throw new Error(
        `Invalid leakResponse.onCall.horizon: ${(error as Error).message}`,
      );
    }
  }

  let peopleCacheTtlMs = DEFAULT_PEOPLE_CACHE_TTL_MS;
  if (onCall?.has('peopleCacheTtl')) {
    try {
      peopleCacheTtlMs = durationToMilliseconds(
        readDurationFromConfig(onCall, { key: 'peopleCacheTtl' }),
      );
    } catch (error) {
      throw new Error(
        `Invalid leakResponse.onCall.peopleCacheTtl: ${
          (error as Error).message
        }`,
      );
    }
    if (!(peopleCacheTtlMs >= 0)) {
      throw new Error(
        'Invalid leakResponse.onCall.peopleCacheTtl: must not be negative',
      );
    }
  }

  const rotations = new Map<string, Rotation>();
  (onCall?.getOptionalConfigArray('rotations') ?? []).forEach(
    (entry, index) => {
      const where = `leakResponse.onCall.rotations[${index}]`;
      const group = normalizeRef(entry.getString('group'), {
        defaultKind: 'group',
        defaultNamespace: 'default',
      });
      if (!group) {
        throw new Error(`Invalid ${where}.group: not an entity reference`);
      }
      let period: Duration;
      try {
        period = Duration.fromObject(
          readDurationFromConfig(entry, { key: 'period' }),
        );
      } catch (error) {
        throw new Error(`Invalid ${where}.period: ${(error as Error).message}`);
      }
      const built = buildRotation(
        {
          group,
          members: entry.getStringArray('members'),
          period,
          start: entry.getString('start'),
          timeZone: entry.getOptionalString('timeZone'),
        },
        'config',
      );
      if ('problems' in built) {
        throw new Error(
          `Invalid ${where} (${group}): ${built.problems.join('; ')}`,
        );
      }
      if (rotations.has(refKey(group))) {
        throw new Error(
          `Invalid ${where}.group: ${group} has a rotation already`,
        );
      }
      rotations.set(refKey(group), built.rotation);
    },
  );

  const peaks = (onCall?.getOptionalConfigArray('peakPeriods') ?? []).map(
    (entry, index) => {
      const where = `leakResponse.onCall.peakPeriods[${index}]`;
      const from = readDate(entry, 'start', where);
      const until = readDate(entry, 'end', where);
      if (until <= from) {
        throw new Error(`Invalid ${where}.end: must be after start`);
      }
      const min = entry.getOptionalNumber('minTrainedResponders') ?? 2;
      if (!Number.isInteger(min) || min < 1) {
        throw new Error(
          `Invalid ${where}.minTrainedResponders: must be a whole number ≥ 1`,
        );
      }
      return {
        name: entry.getString('name'),
        from,
        until,
        minTrainedResponders: min,
      };
    },
  );

  return {
    roles,
    knownRoles,
    impact,
    onCall: { requiredTrainings, horizon, rotations, peaks, peopleCacheTtlMs },
  };
}
