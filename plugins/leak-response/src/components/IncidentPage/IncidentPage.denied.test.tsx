import { alertApiRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { leakResponseApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import { incident } from '../../__testUtils__/fixtures';
import { IncidentPage } from './IncidentPage';

// Kept apart: usePermission caches decisions for the whole test file.
jest.setTimeout(20_000);

describe('IncidentPage without permissions', () => {
  it('reads the incident but disables changes and approval', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            leakResponseApiRef,
            {
              getIncident: async () => ({
                ...incident,
                notices: [
                  {
                    id: 'n-1',
                    obligationId: incident.obligations[0].id,
                    templateId: 'gdpr-art33',
                    status: 'draft' as const,
                    body: 'Dear authority',
                    createdBy: 'user:default/guest',
                    createdAt: '2026-11-20T10:00:00.000Z',
                    updatedAt: '2026-11-20T10:00:00.000Z',
                  },
                ],
              }),
            },
          ],
          [
            permissionApiRef,
            mockApis.permission({ authorize: AuthorizeResult.DENY }),
          ],
          [alertApiRef, { post: jest.fn(), alert$: jest.fn() }],
        ]}
      >
        <Routes>
          <Route path="/incidents/:id" element={<IncidentPage />} />
        </Routes>
      </TestApiProvider>,
      {
        routeEntries: ['/incidents/inc-1'],
        mountedRoutes: {
          '/leak-response': rootRouteRef,
          '/catalog/:namespace/:kind/:name': entityRouteRef,
        },
      },
    );
    await screen.findByText('1 of 2 done');
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Close' })).toBeDisabled(),
    );
    expect(
      screen.getByRole('checkbox', { name: 'Revoke access to the weights' }),
    ).toBeDisabled();
    expect(
      screen.getByRole('button', { name: 'Save assessment' }),
    ).toBeDisabled();
    expect(
      screen.queryByRole('button', { name: 'Draft notice' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Not required' }),
    ).not.toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Correct awareness time' }),
    ).toBeDisabled();
    const notice = within(
      screen.getByRole('region', {
        name: 'Notice GDPR → Lead supervisory authority',
      }),
    );
    expect(notice.getByRole('button', { name: 'Approve' })).toBeDisabled();
    expect(
      notice.getByText(
        /Only holders of leak-response.notice.approve can approve/,
      ),
    ).toBeInTheDocument();
  });
});
