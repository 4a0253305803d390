import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { alertApiRef } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  ASSET_GAP_KINDS,
  ReadinessReport,
} from '@leak-response/plugin-leak-response-common';
import { LeakResponseApi, leakResponseApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import { ReadinessPage } from './ReadinessPage';

jest.setTimeout(40_000);

const gapCounts = Object.fromEntries(
  ASSET_GAP_KINDS.map(k => [k, 0]),
) as ReadinessReport['gapCounts'];

const report: ReadinessReport = {
  generatedAt: '2026-12-01T10:00:00.000Z',
  exerciseWindowDays: 90,
  score: 62,
  assets: [
    {
      entityRef: 'resource:default/shopwise-raw-uploads',
      type: 'llm-dataset',
      ownerRef: 'group:default/unknown',
      score: 33,
      checks: ['no-owner', 'no-data-categories', 'unclassified'],
      gaps: [
        {
          kind: 'unclassified',
          message:
            'discovered in AWS without the tag(s) llm:data-categories, owner (label leak-response.io/unclassified)',
          details: ['missing tag llm:data-categories', 'missing tag owner'],
        },
        {
          kind: 'no-data-categories',
          message: 'spec.dataCategories declares nothing',
        },
      ],
    },
    {
      entityRef: 'resource:default/product-reviews-2025',
      title: 'Product reviews 2025',
      type: 'llm-dataset',
      systemRef: 'system:default/product-discovery',
      ownerRef: 'group:default/search',
      score: 82,
      checks: ['no-owner', 'jurisdiction-review'],
      gaps: [
        {
          kind: 'jurisdiction-review',
          review: true,
          message: 'personal data is hosted outside its subjects’ jurisdiction',
          details: ['us-east-1 (US) hosts data of people in EU, GB'],
        },
      ],
    },
    {
      entityRef: 'resource:default/recsys-llm-v3',
      title: 'Recommendations LLM v3',
      type: 'llm-model',
      systemRef: 'system:default/product-discovery',
      ownerRef: 'group:default/ml-platform',
      score: 100,
      checks: ['no-owner'],
      gaps: [],
    },
  ],
  systems: [
    {
      systemRef: 'system:default/product-discovery',
      title: 'Product discovery',
      score: 91,
      assetCount: 2,
      gapCount: 1,
    },
    { score: 33, assetCount: 1, gapCount: 2 },
  ],
  gapCounts: {
    ...gapCounts,
    unclassified: 1,
    'no-data-categories': 1,
    'jurisdiction-review': 1,
  },
};

function alerts() {
  return { post: jest.fn(), alert$: jest.fn() };
}

function render(api: Partial<LeakResponseApi>, alertApi = alerts()) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [leakResponseApiRef, api],
        [alertApiRef, alertApi],
      ]}
    >
      <ReadinessPage />
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/leak-response': rootRouteRef,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
    },
  );
}

const rows = () =>
  screen
    .getAllByRole('row')
    .filter(
      r => within(r).queryByText(/^llm-(model|dataset|endpoint)$/) !== null,
    );

/** The row of an asset, by the name its entity link shows. */
const rowOf = (name: string) =>
  rows().find(r => within(r).queryAllByText(new RegExp(name)).length > 0)!;

describe('ReadinessPage', () => {
  it('shows the score, the chart by system and gap, and every asset with its gaps', async () => {
    await render({ getReadiness: async () => report });
    expect(
      await screen.findByLabelText('Readiness score 62 of 100'),
    ).toHaveTextContent('62');
    const bySystem = screen.getByRole('img', {
      name: 'Readiness score by system',
    });
    expect(
      within(bySystem)
        .getAllByTestId('bar')
        .map(b => b.getAttribute('aria-label')),
    ).toEqual(['Product discovery: 91', 'No system: 33']);
    const byGap = screen.getByRole('img', {
      name: 'Number of assets with each gap',
    });
    expect(within(byGap).getAllByTestId('bar')).toHaveLength(ASSET_GAP_KINDS.length);
    expect(
      within(byGap).getByLabelText('Unclassified (AWS discovery): 1'),
    ).toBeInTheDocument();

    expect(rows()).toHaveLength(3);
    const raw = rowOf('shopwise-raw-uploads');
    expect(
      within(raw).getByText('Unclassified (AWS discovery)'),
    ).toBeInTheDocument();
    expect(within(raw).getByText('33')).toBeInTheDocument();
    const recsys = rowOf('recsys-llm-v3');
    expect(within(recsys).getByText('Ready')).toBeInTheDocument();
  });

  it('explains a gap on hover with its message and details', async () => {
    await render({ getReadiness: async () => report });
    await screen.findByLabelText('Readiness score 62 of 100');
    const chip = within(rowOf('product-reviews-2025')).getByText(
      'Hosted outside jurisdiction',
    );
    await userEvent.hover(chip);
    expect(
      await screen.findByText('us-east-1 (US) hosts data of people in EU, GB'),
    ).toBeInTheDocument();
  });

  it('filters by system and by gap', async () => {
    await render({ getReadiness: async () => report });
    await screen.findByLabelText('Readiness score 62 of 100');

    await userEvent.click(screen.getByLabelText('System'));
    await userEvent.click(
      await screen.findByRole('option', { name: 'No system (33)' }),
    );
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(rowOf('shopwise-raw-uploads')).toBe(rows()[0]);

    await userEvent.click(screen.getByLabelText('System'));
    await userEvent.click(
      await screen.findByRole('option', { name: 'All systems' }),
    );
    await userEvent.click(screen.getByLabelText('Gap'));
    await userEvent.click(
      await screen.findByRole('option', {
        name: 'Hosted outside jurisdiction (1)',
      }),
    );
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(rowOf('product-reviews-2025')).toBe(rows()[0]);
  });

  it('downloads the inventory in the chosen format', async () => {
    const createObjectURL = jest.fn(() => 'blob:inventory');
    const revokeObjectURL = jest.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    // jsdom cannot navigate; the click is what hands the file over.
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => {});
    const getInventory = jest.fn(async () => ({
      filename: 'llm-inventory-2026-12-01.md',
      contentType: 'text/markdown; charset=utf-8',
      body: '# Record of processing activities',
    }));
    await render({ getReadiness: async () => report, getInventory });
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Export inventory (markdown)',
      }),
    );
    await waitFor(() => expect(getInventory).toHaveBeenCalledWith('markdown'));
    await waitFor(() => expect(click).toHaveBeenCalledTimes(1));
    expect(createObjectURL).toHaveBeenCalledTimes(1);
    expect(click.mock.contexts[0]).toMatchObject({
      download: 'llm-inventory-2026-12-01.md',
      href: 'blob:inventory',
    });
    click.mockRestore();
  });

  it('says why an export failed', async () => {
    const alertApi = alerts();
    await render(
      {
        getReadiness: async () => report,
        getInventory: async () => {
          throw new Error('Not allowed: leak-response.readiness.read');
        },
      },
      alertApi,
    );
    await userEvent.click(
      await screen.findByRole('button', { name: 'Export inventory (CSV)' }),
    );
    await waitFor(() =>
      expect(alertApi.post).toHaveBeenCalledWith({
        severity: 'error',
        message:
          'The inventory could not be exported: Not allowed: leak-response.readiness.read.',
      }),
    );
  });

  it('shows progress while the report loads', async () => {
    await render({ getReadiness: () => new Promise(() => {}) });
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('says so when the catalog holds no LLM assets', async () => {
    await render({
      getReadiness: async () => ({
        ...report,
        assets: [],
        systems: [],
        score: 100,
      }),
    });
    expect(
      await screen.findByText('No LLM assets in the catalog'),
    ).toBeInTheDocument();
  });

  it('shows the backend error when readiness cannot be read', async () => {
    const response = new Response(
      JSON.stringify({
        error: {
          name: 'NotAllowedError',
          message: 'Not allowed: leak-response.readiness.read',
        },
        request: { method: 'GET', url: '/api/leak-response/v1/readiness' },
        response: { statusCode: 403 },
      }),
      { status: 403, headers: { 'Content-Type': 'application/json' } },
    );
    const error = await ResponseError.fromResponse(response);
    await render({
      getReadiness: async () => {
        throw error;
      },
    });
    expect(
      await screen.findByText('Not allowed: leak-response.readiness.read'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});
