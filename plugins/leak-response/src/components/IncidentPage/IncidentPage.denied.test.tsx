import { screen, waitFor, within } from '@testing-library/react';
import { incident } from '../../__testUtils__/fixtures';
import {
  permissionsThat,
  renderIncidentPage,
} from '../../__testUtils__/render';

// Kept apart: usePermission caches decisions for the whole test file.
jest.setTimeout(20_000);

describe('IncidentPage without permissions', () => {
  it('reads the incident but disables changes and approval', async () => {
    await renderIncidentPage(
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
              version: 'v-1',
            },
          ],
        }),
      },
      { permissions: permissionsThat(false) },
    );
    await screen.findByText('1 of 2 done');
    await waitFor(() =>
      expect(
        screen.getByRole('button', { name: 'Close incident' }),
      ).toBeDisabled(),
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
    expect(screen.getByRole('button', { name: 'Edit' })).toBeDisabled();
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
