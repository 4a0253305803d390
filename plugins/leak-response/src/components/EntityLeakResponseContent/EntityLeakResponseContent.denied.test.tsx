import { permissionApiRef } from '@backstage/plugin-permission-react';
import { screen, waitFor } from '@testing-library/react';
import { plan } from '../../__testUtils__/fixtures';
import { permissionsThat, renderOnEntity } from '../../__testUtils__/render';
import { EntityLeakResponseContent } from './EntityLeakResponseContent';

// Kept apart: usePermission caches decisions for the whole test file.
jest.setTimeout(20_000);

describe('EntityLeakResponseContent without the create permission', () => {
  it('disables the launch button and says why', async () => {
    await renderOnEntity(
      <EntityLeakResponseContent />,
      { getPlan: async () => plan },
      { apis: [[permissionApiRef, permissionsThat(false)]] },
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
