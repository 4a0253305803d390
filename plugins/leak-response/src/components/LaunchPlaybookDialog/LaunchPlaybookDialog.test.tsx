import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { LeakResponseApi } from '../../api';
import { incident, plan } from '../../__testUtils__/fixtures';
import { renderWithApi } from '../../__testUtils__/render';
import { LaunchPlaybookDialog } from './LaunchPlaybookDialog';

jest.setTimeout(20_000);

function render(api: Partial<LeakResponseApi>, onClose = jest.fn()) {
  return renderWithApi(
    <Routes>
      <Route
        path="/"
        element={
          <LaunchPlaybookDialog
            open
            onClose={onClose}
            entityRef="resource:default/recsys-llm-v3"
            defaultLeakType="model-weight-exfiltration"
          />
        }
      />
      <Route
        path="/leak-response/incidents/:id"
        element={<div>incident page</div>}
      />
    </Routes>,
    { api },
  );
}

describe('LaunchPlaybookDialog', () => {
  it('pre-selects the leak type, shows the obligations it will start, launches and goes to the incident', async () => {
    const getPlan = jest.fn(async () => plan);
    const launchIncident = jest.fn(async () => ({ ...incident, id: 'inc-42' }));
    await render({ getPlan, launchIncident });

    const dialog = within(await screen.findByRole('dialog'));
    expect(dialog.getByRole('button', { name: /Leak type/ })).toHaveTextContent(
      'model weights exfiltrated',
    );
    // The same summary as the entity tab: counts and the nearest clocks.
    const counts = within(
      await dialog.findByRole('group', { name: 'Obligation counts' }),
    );
    expect(counts.getByText('1 applies')).toBeInTheDocument();
    expect(counts.getByText('0 to be determined')).toBeInTheDocument();
    expect(counts.getByText('1 not applicable')).toBeInTheDocument();
    const starting = within(
      dialog.getByRole('list', { name: 'Nearest clocks' }),
    );
    expect(starting.getByText('GDPR')).toBeInTheDocument();
    expect(starting.queryByText('CA 1798.82')).not.toBeInTheDocument();
    expect(getPlan).toHaveBeenCalledWith(
      expect.objectContaining({
        entityRef: 'resource:default/recsys-llm-v3',
        leakType: 'model-weight-exfiltration',
      }),
    );

    await userEvent.click(dialog.getByRole('checkbox'));
    await userEvent.click(dialog.getByRole('textbox', { name: 'Summary' }));
    await userEvent.paste('Tabletop drill');
    await userEvent.click(
      dialog.getByRole('button', { name: 'Launch exercise' }),
    );

    expect(await screen.findByText('incident page')).toBeInTheDocument();
    const [request, options] = launchIncident.mock.calls[0] as unknown as [
      Record<string, unknown>,
      { idempotencyKey: string },
    ];
    expect(request).toEqual({
      entityRef: 'resource:default/recsys-llm-v3',
      leakType: 'model-weight-exfiltration',
      awareAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:00\.000Z$/),
      severity: 'high',
      exercise: true,
      summary: 'Tabletop drill',
    });
    // awareness defaults to now (to the minute)
    expect(
      Math.abs(Date.parse(request.awareAt as string) - Date.now()),
    ).toBeLessThan(120_000);
    expect(options.idempotencyKey).toBeTruthy();
  });

  it('keeps the dialog open with the backend message when the launch fails', async () => {
    const error = Object.assign(
      new Error('Request failed with 403 Forbidden'),
      {
        cause: { message: 'Not allowed: leak-response.incident.create' },
      },
    );
    await render({
      getPlan: async () => plan,
      launchIncident: async () => {
        throw error;
      },
    });
    const dialog = within(await screen.findByRole('dialog'));
    await userEvent.click(
      dialog.getByRole('button', { name: 'Launch incident' }),
    );
    expect(
      await dialog.findByText('Not allowed: leak-response.incident.create.'),
    ).toBeInTheDocument();
    expect(
      dialog.getByRole('button', { name: 'Launch incident' }),
    ).toBeEnabled();
  });

  it('says when the obligations cannot be previewed', async () => {
    await render({
      getPlan: async () => {
        throw new Error('catalog unavailable');
      },
    });
    expect(
      await screen.findByText(
        'Could not evaluate the obligations: Catalog unavailable.',
      ),
    ).toBeInTheDocument();
  });

  it('closes on Escape', async () => {
    const onClose = jest.fn();
    await render({ getPlan: async () => plan }, onClose);
    await screen.findByRole('dialog');
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(onClose).toHaveBeenCalled());
  });

  it('focuses the leak type and launches with Enter from a one-line field', async () => {
    const launchIncident = jest.fn(async () => ({ ...incident, id: 'inc-9' }));
    await render({ getPlan: async () => plan, launchIncident });
    const dialog = within(await screen.findByRole('dialog'));
    await waitFor(() =>
      expect(dialog.getByRole('button', { name: /^Leak type/ })).toHaveFocus(),
    );
    await userEvent.click(
      dialog.getByLabelText('Aware since (your time zone)'),
    );
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(launchIncident).toHaveBeenCalledTimes(1));
    expect(await screen.findByText('incident page')).toBeInTheDocument();
  });
});
