import { AssetReadiness } from '@leak-response/plugin-leak-response-common';
import { summarizeReadiness } from './summarize';

function asset(
  name: string,
  score: number,
  systemRef: string | undefined,
  gaps: AssetReadiness['gaps'] = [],
): AssetReadiness {
  return {
    entityRef: `resource:default/${name}`,
    type: 'llm-dataset',
    ...(systemRef ? { systemRef } : {}),
    score,
    checks: ['no-owner'],
    gaps,
  };
}

describe('summarizeReadiness', () => {
  const report = summarizeReadiness({
    assets: [
      asset('a', 100, 'system:default/shop'),
      asset('b', 51, 'system:default/shop', [
        { kind: 'no-owner', message: 'x' },
        { kind: 'lineage-problem', message: 'y' },
      ]),
      asset('c', 40, undefined, [{ kind: 'no-owner', message: 'x' }]),
      asset('d', 70, 'system:default/ml', [
        { kind: 'controls-missing', message: 'z' },
      ]),
    ],
    systemTitle: ref => (ref === 'system:default/shop' ? 'Shop' : undefined),
    generatedAt: '2026-12-01T10:00:00.000Z',
    exerciseWindowDays: 90,
  });

  it('scores each system by the mean of its assets, worst first, no system last', () => {
    expect(report.systems).toEqual([
      {
        systemRef: 'system:default/ml',
        score: 70,
        assetCount: 1,
        gapCount: 1,
      },
      {
        systemRef: 'system:default/shop',
        title: 'Shop',
        score: 76,
        assetCount: 2,
        gapCount: 2,
      },
      { score: 40, assetCount: 1, gapCount: 1 },
    ]);
  });

  it('counts the assets with each gap and the overall mean', () => {
    expect(report.score).toBe(65);
    expect(report.gapCounts).toMatchObject({
      'no-owner': 2,
      'lineage-problem': 1,
      'controls-missing': 1,
      unclassified: 0,
    });
    expect(Object.keys(report.gapCounts)).toHaveLength(13);
  });

  it('lists assets worst first', () => {
    expect(report.assets.map(a => a.entityRef)).toEqual([
      'resource:default/c',
      'resource:default/b',
      'resource:default/d',
      'resource:default/a',
    ]);
  });

  it('scores an empty catalog 100', () => {
    const empty = summarizeReadiness({
      assets: [],
      systemTitle: () => undefined,
      generatedAt: '2026-12-01T10:00:00.000Z',
      exerciseWindowDays: 90,
    });
    expect(empty).toMatchObject({ score: 100, assets: [], systems: [] });
  });
});
