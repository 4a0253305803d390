import { AssetGap, AssetGapKind, AssetReadiness } from './readiness';

/**
 * Gaps that belong to a rotation or to the organisation, not to the asset:
 * an untrained person on the security rotation, no compliance group
 * configured. The asset's owner cannot fix them, so they do not lower the
 * asset's score, and the readiness page shows each once, at its level,
 * with the assets it affects.
 * @public
 */
export const SHARED_GAP_KINDS: readonly AssetGapKind[] = [
  'no-trained-on-call',
  'no-compliance-group',
];

/** Whether a gap kind belongs to a rotation or the organisation. @public */
export function isSharedGap(kind: AssetGapKind): boolean {
  return SHARED_GAP_KINDS.includes(kind);
}

/**
 * One shared gap, once, at the level it belongs to: a rotation (the group
 * whose rotation it is) or the organisation; its findings, and every asset
 * it affects.
 * @public
 */
export interface SharedGap {
  kind: AssetGapKind;
  /** The group whose rotation has the gap, when it is a rotation's. */
  groupRef?: string;
  /** The findings, each once. */
  details: string[];
  assets: { entityRef: string; title?: string }[];
}

const GROUP_PREFIX = /^(group:[^\s:]+\/[^\s:]+): /;

/**
 * The shared gaps of a readiness report, each once per rotation (findings
 * are prefixed with the rotation's group) or per organisation-level
 * finding, with the assets they affect, the most widespread first.
 * @public
 */
export function sharedGapsOf(assets: readonly AssetReadiness[]): SharedGap[] {
  const byKey = new Map<string, SharedGap & { seen: Set<string> }>();
  for (const asset of assets) {
    for (const gap of asset.gaps.filter((g: AssetGap) => isSharedGap(g.kind))) {
      const lines = gap.details?.length ? gap.details : [gap.message];
      for (const line of lines) {
        const groupRef = GROUP_PREFIX.exec(line)?.[1];
        const key = `${gap.kind}\n${groupRef ?? line}`;
        const shared = byKey.get(key) ?? {
          kind: gap.kind,
          ...(groupRef ? { groupRef } : {}),
          details: [],
          assets: [],
          seen: new Set<string>(),
        };
        const detail = groupRef ? line.slice(groupRef.length + 2) : line;
        if (!shared.details.includes(detail)) shared.details.push(detail);
        if (!shared.seen.has(asset.entityRef)) {
          shared.seen.add(asset.entityRef);
          shared.assets.push({
            entityRef: asset.entityRef,
            title: asset.title,
          });
        }
        byKey.set(key, shared);
      }
    }
  }
  return [...byKey.values()]
    .map(({ seen: _seen, ...gap }) => gap)
    .sort(
      (a, b) =>
        b.assets.length - a.assets.length ||
        (a.groupRef ?? '').localeCompare(b.groupRef ?? ''),
    );
}
