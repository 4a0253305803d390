import { configApiRef } from '@backstage/core-plugin-api';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import { leakResponseApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import { modelEntity, plan } from '../../__testUtils__/fixtures';
import { EntityLeakResponseContent } from './EntityLeakResponseContent';

// Kept apart: usePermission caches decisions for the whole test file.
jest.setTimeout(20_000);

describe('EntityLeakResponseContent without the create permission', () => {
  it('disables the launch button and says why', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [leakResponseApiRef, { getPlan: async () => plan }],
          [configApiRef, mockApis.config()],
          [
            permissionApiRef,
            mockApis.permission({ authorize: AuthorizeResult.DENY }),
          ],
        ]}
      >
        <EntityProvider entity={modelEntity}>
          <EntityLeakResponseContent />
        </EntityProvider>
      </TestApiProvider>,
      {
        mountedRoutes: {
          '/leak-response': rootRouteRef,
          '/catalog/:namespace/:kind/:name': entityRouteRef,
        },
      },
    );
    const button = await screen.findByRole('button', {
      name: 'Launch playbook',
    });
    await waitFor(() => expect(button).toBeDisabled());
    expect(
      screen.getByText(/You need the leak-response.incident.create permission/),
    ).toBeInTheDocument();
    // the plan stays readable
    expect(
      screen.getByText('Playbook: Model weight exfiltration'),
    ).toBeInTheDocument();
  });
});
