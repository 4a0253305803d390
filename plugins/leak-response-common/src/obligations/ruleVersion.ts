import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import type { ObligationRule } from './types';

/**
 * The parts of a rule a change is reported by, each with the fields it
 * covers: a DPO wants to know whether *when it applies* or *the deadline*
 * moved, not which JSON key did.
 * @public
 */
export const RULE_VERSION_PARTS = {
  condition: ['when', 'jurisdiction'],
  deadline: ['clock', 'deadline', 'zone'],
  inForce: ['inForce'],
  wording: [
    'regime',
    'law',
    'recipient',
    'stage',
    'trigger',
    'stagedReports',
    'content',
    'sources',
    'confidence',
    'notes',
  ],
} as const satisfies Record<string, ReadonlyArray<keyof ObligationRule>>;

/** @public */
export type RuleVersionPart = keyof typeof RULE_VERSION_PARTS;

/** Words for each part, for "rule changed since this decision". @public */
export const RULE_VERSION_PART_LABELS: Readonly<
  Record<RuleVersionPart, string>
> = {
  condition: 'when it applies',
  deadline: 'the deadline',
  inForce: 'the date it applies from',
  wording: 'its wording (recipient, content, sources or notes)',
};

/**
 * The version of one rule's definition: a hash of all of it, and one per
 * part so a later table can say what changed.
 * @public
 */
export interface RuleVersion {
  /** SHA-256 (hex, first 16 digits) of the canonical rule. */
  hash: string;
  parts: Record<RuleVersionPart, string>;
}

/** JSON with object keys sorted, so the hash ignores key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map(k => [k, (v as Record<string, unknown>)[k]]),
        )
      : v,
  );
}

function digest(value: unknown, length: number): string {
  return bytesToHex(sha256(utf8ToBytes(canonical(value)))).slice(0, length);
}

const versions = new WeakMap<ObligationRule, RuleVersion>();
const tableVersions = new WeakMap<readonly ObligationRule[], string>();

/**
 * The version of a rule (memoised per rule object: tables are built once
 * and evaluated many times).
 * @public
 */
export function ruleVersion(rule: ObligationRule): RuleVersion {
  let version = versions.get(rule);
  if (!version) {
    const pick = (keys: readonly string[]) =>
      Object.fromEntries(
        keys.map(k => [k, (rule as unknown as Record<string, unknown>)[k]]),
      );
    const parts = Object.fromEntries(
      Object.entries(RULE_VERSION_PARTS).map(([part, keys]) => [
        part,
        digest(pick(keys), 8),
      ]),
    ) as Record<RuleVersionPart, string>;
    version = { hash: digest(rule, 16), parts };
    versions.set(rule, version);
  }
  return version;
}

/**
 * The version of a whole rule table: a hash over its rules' ids and
 * versions, in id order (the order of the table only orders the output).
 * @public
 */
export function ruleTableVersion(rules: readonly ObligationRule[]): string {
  let version = tableVersions.get(rules);
  if (!version) {
    version = digest(
      rules
        .map(r => [r.id, ruleVersion(r).hash])
        .sort(([a], [b]) => a.localeCompare(b, 'en')),
      16,
    );
    tableVersions.set(rules, version);
  }
  return version;
}

/**
 * How a rule that decided an obligation differs from the table now.
 * @public
 */
export interface RuleChange {
  ruleId: string;
  change: 'changed' | 'removed';
  /** For `changed`: the parts that differ. */
  parts: RuleVersionPart[];
  /** The version the obligation was decided under, and the current one. */
  was: string;
  now?: string;
}

/**
 * The rules whose definition changed since the obligations were decided.
 * `decided` pairs each obligation's rule id with the version it was decided
 * under; obligations without a recorded version (older incidents) are
 * skipped, since nothing can be said about them.
 * @public
 */
export function ruleChangesSince(
  decided: ReadonlyArray<{ ruleId: string; version?: RuleVersion }>,
  rules: readonly ObligationRule[],
): RuleChange[] {
  const current = new Map(rules.map(r => [r.id, r]));
  const changes: RuleChange[] = [];
  for (const { ruleId, version } of decided) {
    if (!version) continue;
    const rule = current.get(ruleId);
    if (!rule) {
      changes.push({ ruleId, change: 'removed', parts: [], was: version.hash });
      continue;
    }
    const now = ruleVersion(rule);
    if (now.hash === version.hash) continue;
    const parts = (Object.keys(RULE_VERSION_PARTS) as RuleVersionPart[]).filter(
      part => version.parts?.[part] !== now.parts[part],
    );
    changes.push({
      ruleId,
      change: 'changed',
      parts,
      was: version.hash,
      now: now.hash,
    });
  }
  return changes;
}

/** A stored value that looks like a {@link RuleVersion}. @public */
export function isRuleVersion(value: unknown): value is RuleVersion {
  const v = value as RuleVersion | undefined;
  return (
    typeof v?.hash === 'string' &&
    typeof v.parts === 'object' &&
    v.parts !== null
  );
}
