import {
  ASSET_GAP_KINDS,
  AssetGapKind,
  AssetReadiness,
  ReadinessReport,
  SystemReadiness,
} from '@leak-response/plugin-leak-response-common';

function mean(scores: number[]): number {
  return scores.length === 0
    ? 100
    : Math.round(scores.reduce((a, b) => a + b, 0) / scores.length);
}

/**
 * The report over assessed assets: per system the mean score of its assets
 * (the assets without a system together, last), worst system first; the
 * number of assets with each gap; the mean over all assets. Assets are
 * listed worst first, then by ref, so the table starts where work is.
 */
export function summarizeReadiness(options: {
  assets: AssetReadiness[];
  systemTitle: (systemRef: string) => string | undefined;
  generatedAt: string;
  exerciseWindowDays: number;
}): ReadinessReport {
  const { assets, systemTitle } = options;
  const bySystem = new Map<string | undefined, AssetReadiness[]>();
  for (const asset of assets) {
    const list = bySystem.get(asset.systemRef) ?? [];
    list.push(asset);
    bySystem.set(asset.systemRef, list);
  }
  const systems: SystemReadiness[] = [...bySystem.entries()]
    .map(([systemRef, members]) => ({
      ...(systemRef ? { systemRef } : {}),
      ...(systemRef && systemTitle(systemRef)
        ? { title: systemTitle(systemRef) }
        : {}),
      score: mean(members.map(m => m.score)),
      assetCount: members.length,
      gapCount: members.reduce((n, m) => n + m.gaps.length, 0),
    }))
    .sort((a, b) => {
      if (!a.systemRef !== !b.systemRef) return a.systemRef ? -1 : 1;
      return (
        a.score - b.score ||
        (a.systemRef ?? '').localeCompare(b.systemRef ?? '')
      );
    });

  const gapCounts = Object.fromEntries(
    ASSET_GAP_KINDS.map(kind => [kind, 0]),
  ) as Record<AssetGapKind, number>;
  for (const asset of assets) {
    for (const kind of new Set(asset.gaps.map(g => g.kind))) {
      gapCounts[kind] += 1;
    }
  }

  return {
    generatedAt: options.generatedAt,
    exerciseWindowDays: options.exerciseWindowDays,
    score: mean(assets.map(a => a.score)),
    assets: [...assets].sort(
      (a, b) => a.score - b.score || a.entityRef.localeCompare(b.entityRef),
    ),
    systems,
    gapCounts,
  };
}
