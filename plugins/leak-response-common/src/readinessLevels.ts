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
 * One shared gap, once: its kind, its message and findings, and every
 * asset it affects.
 * @public
 */
export interface SharedGap {
  kind: AssetGapKind;
  message: string;
  details: string[];
  assets: { entityRef: string; title?: string }[];
}

/**
 * The shared gaps of a readiness report, each once (same kind and same
 * findings), with the assets they affect, the most widespread first.
 * @public
 */
export function sharedGapsOf(assets: readonly AssetReadiness[]): SharedGap[] {
  const byKey = new Map<string, SharedGap>();
  for (const asset of assets) {
    for (const gap of asset.gaps.filter((g: AssetGap) => isSharedGap(g.kind))) {
      const details = [...(gap.details ?? [])].sort();
      const key = `${gap.kind}\n${details.join('\n') || gap.message}`;
      const shared = byKey.get(key) ?? {
        kind: gap.kind,
        message: gap.message,
        details,
        assets: [],
      };
      shared.assets.push({ entityRef: asset.entityRef, title: asset.title });
      byKey.set(key, shared);
    }
  }
  return [...byKey.values()].sort(
    (a, b) => b.assets.length - a.assets.length || a.kind.localeCompare(b.kind),
  );
}
