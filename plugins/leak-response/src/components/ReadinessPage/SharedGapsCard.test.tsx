import { renderInTestApp } from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import { AssetReadiness } from '@leak-response/plugin-leak-response-common';
import { AssetsTable } from './AssetsTable';
import { SharedGapsCard } from './SharedGapsCard';

const untrained = {
  kind: 'no-trained-on-call' as const,
  message: 'the rotations of playbook "training-data-exposure" have 1 gap(s)',
  details: [
    'group:default/security-ir: user:default/carl.diaz is on call without aws-incident-response',
  ],
};

function asset(name: string, gaps: AssetReadiness['gaps']): AssetReadiness {
  return {
    entityRef: `resource:default/${name}`,
    title: name.toUpperCase(),
    type: 'llm-dataset',
    score: 90,
    checks: ['no-owner', 'no-trained-on-call'],
    gaps,
  };
}

const assets = [
  asset('a', [untrained]),
  asset('b', [untrained, { kind: 'no-owner', message: 'no spec.owner' }]),
  asset('c', []),
];

const routes = {
  mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
};

describe('shared readiness gaps', () => {
  it('shows a rotation gap once, at the rotation, with the assets it affects', async () => {
    await renderInTestApp(<SharedGapsCard assets={assets} />, routes);
    const gap = within(
      screen.getByRole('region', {
        name: 'No trained on-call: group:default/security-ir',
      }),
    );
    expect(gap.getByText(/affects 2 assets/)).toBeInTheDocument();
    expect(
      gap.getByText(
        'user:default/carl.diaz is on call without aws-incident-response',
      ),
    ).toBeInTheDocument();
    expect(gap.getAllByRole('link').map(l => l.textContent)).toEqual([
      'security-ir',
      'A',
      'B',
    ]);
  });

  it('leaves the rotation gap out of each asset row', async () => {
    await renderInTestApp(<AssetsTable assets={assets} />, routes);
    expect(screen.queryByText('No trained on-call')).not.toBeInTheDocument();
    expect(screen.getByText('No owner')).toBeInTheDocument();
    expect(screen.getByText('Ready (see the shared gaps)')).toBeInTheDocument();
  });
});
