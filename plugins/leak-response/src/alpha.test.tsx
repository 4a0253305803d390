import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import { configApiRef } from '@backstage/core-plugin-api';
import {
  createExtensionTester,
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import { leakResponseApiRef } from './api';
import { rootRouteRef } from './routes';
import { modelEntity } from './__testUtils__/fixtures';
import leakResponsePlugin from './alpha';

jest.setTimeout(20_000);

describe('the ./alpha plugin for the new frontend system', () => {
  it('provides the API, the page, the entity tab and the overview card', () => {
    expect(leakResponsePlugin.id).toBe('leak-response');
    for (const id of [
      'api:leak-response',
      'page:leak-response',
      'entity-content:leak-response',
      'entity-card:leak-response',
    ]) {
      expect(leakResponsePlugin.getExtension(id)).toBeDefined();
    }
  });

  it('mounts the page under /leak-response with the plugin root route', () => {
    const tester = createExtensionTester(
      leakResponsePlugin.getExtension('page:leak-response'),
    );
    expect(
      tester.query(leakResponsePlugin.getExtension('page:leak-response')).node
        .spec.id,
    ).toBe('page:leak-response');
    expect(leakResponsePlugin.routes.root).toBe(
      convertLegacyRouteRef(rootRouteRef),
    );
  });

  it('renders the overview card of an LLM entity through its extension', async () => {
    const tester = createExtensionTester(
      leakResponsePlugin.getExtension('entity-card:leak-response'),
    );
    renderInTestApp(
      <TestApiProvider
        apis={[
          [
            leakResponseApiRef,
            { listIncidents: async () => ({ items: [], totalCount: 0 }) },
          ],
          [configApiRef, mockApis.config()],
        ]}
      >
        <EntityProvider entity={modelEntity}>
          {tester.reactElement()}
        </EntityProvider>
      </TestApiProvider>,
      {
        mountedRoutes: {
          '/leak-response': convertLegacyRouteRef(rootRouteRef),
        },
      },
    );
    expect(
      // the card is lazily loaded: on a busy machine that takes a while
      await screen.findByText(
        'No open incident affects this entity.',
        {},
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('personal.behavioral')).toBeInTheDocument();
  });
});
