import { EEA_NON_EU_STATES, EU_MEMBER_STATES } from '../entity/jurisdictions';

/**
 * Jurisdiction codes: ISO 3166-1 alpha-2 countries (`DE`, `GB`, `CA` is
 * Canada), ISO 3166-2 subdivisions (`US-CA` is California), and the groups
 * below. `*` in a rule means "any jurisdiction".
 *
 * @public
 */
export const JURISDICTION_GROUPS: Readonly<Record<string, readonly string[]>> =
  {
    EU: [...EU_MEMBER_STATES],
    // GDPR applies in the whole EEA, so a subject recorded as `EU` is inside it.
    EEA: ['EU', ...EEA_NON_EU_STATES],
  };

function collect(code: string, seen: Set<string>): Set<string> {
  if (seen.has(code)) return seen;
  seen.add(code);
  for (const member of JURISDICTION_GROUPS[code] ?? []) collect(member, seen);
  return seen;
}

const expanded = new Map<string, ReadonlySet<string>>();

/** Every code a jurisdiction stands for, itself included, groups expanded (memoised: the groups are constant). */
function expand(code: string): ReadonlySet<string> {
  let codes = expanded.get(code);
  if (!codes) {
    codes = collect(code, new Set());
    expanded.set(code, codes);
  }
  return codes;
}

/**
 * How a recorded place relates to a place a rule asks about.
 * - `inside`: every person recorded there is inside the target (`US-CA` in `US`, `DE` in `EEA`).
 * - `maybe`: some might be (`US` recorded, `US-CA` asked; `EU` recorded, `DE` asked).
 * - `outside`: none are.
 */
export type Containment = 'inside' | 'maybe' | 'outside';

const containments = new Map<string, Containment>();
const MAX_CONTAINMENTS = 10_000;

/** @public */
export function jurisdictionWithin(
  recorded: string,
  target: string,
): Containment {
  // Asked for every rule and every place of every evaluation; the answer
  // only depends on the two codes (the groups are constant).
  const key = `${recorded}\n${target}`;
  let found = containments.get(key);
  if (!found) {
    found = containment(recorded, target);
    if (containments.size >= MAX_CONTAINMENTS) containments.clear();
    containments.set(key, found);
  }
  return found;
}

function containment(recorded: string, target: string): Containment {
  const r = recorded.toUpperCase();
  const t = target.toUpperCase();
  if (t === '*') return 'inside';
  const targetCodes = expand(t);
  if (targetCodes.has(r)) return 'inside';
  for (const code of targetCodes) {
    if (r.startsWith(`${code}-`)) return 'inside';
  }
  const recordedCodes = expand(r);
  for (const code of recordedCodes) {
    if (targetCodes.has(code)) return 'maybe';
    for (const targetCode of targetCodes) {
      if (targetCode.startsWith(`${code}-`)) return 'maybe';
    }
  }
  return 'outside';
}
