import { signalApiRef } from '@backstage/plugin-signals-react';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  IncidentRecord,
  incidentSignalChannel,
} from '@leak-response/plugin-leak-response-common';
import { LeakResponseApi } from '../../api';
import { incident } from '../../__testUtils__/fixtures';
import {
  permissionsThat,
  renderIncidentPage,
} from '../../__testUtils__/render';

// Long flows (typing, dialogs) on a machine shared with other test runs.
jest.setTimeout(60_000);

type Listener = (message: unknown) => void;

/** The signals API as the app provides it, driven by the test. */
function signals() {
  const listeners = new Map<string, Listener>();
  return {
    listeners,
    api: {
      subscribe: (channel: string, onMessage: Listener) => {
        listeners.set(channel, onMessage);
        return { unsubscribe: () => listeners.delete(channel) };
      },
    },
  };
}

function render(
  api: Partial<LeakResponseApi>,
  options: { signalApi?: unknown; refreshMs?: number } = {},
) {
  return renderIncidentPage(api, {
    permissions: permissionsThat(true),
    apis: options.signalApi ? [[signalApiRef, options.signalApi]] : [],
    refreshMs: options.refreshMs,
  });
}

const [art33, art34] = incident.obligations;

/** The incident after the guest marked its second obligation not required. */
function art34NotRequired(justification: string): IncidentRecord {
  return {
    ...incident,
    obligations: [
      art33,
      {
        ...art34,
        status: 'not-required',
        justification,
        decidedBy: 'user:default/guest',
      },
    ],
  };
}

/** The row of a running clock, or the item of one to be determined. */
function rowOf(recipient: string) {
  const scopes = [
    ...screen.queryAllByRole('table', { name: 'Obligations' }),
    ...screen.queryAllByRole('list', { name: 'To be determined' }),
  ];
  for (const scope of scopes) {
    const hit = within(scope).queryByText(recipient);
    if (hit) return within(hit.closest('tr, li') as HTMLElement);
  }
  throw new Error(`no obligation for ${recipient}`);
}

describe('IncidentPage decisions', () => {
  it('marks an obligation not required only with a justification, submitted with Ctrl+Enter', async () => {
    const decided = art34NotRequired('Encrypted at rest; key not exposed');
    const decideObligation = jest.fn(async () => decided);
    await render({ getIncident: async () => incident, decideObligation });
    await screen.findByRole('table', { name: 'Obligations' });
    await userEvent.click(
      rowOf('Data subjects').getByRole('button', { name: 'Not required' }),
    );

    const dialog = within(await screen.findByRole('dialog'));
    const justification = dialog.getByRole('textbox', {
      name: 'Justification',
    });
    // focus moves into the dialog once it has opened
    await waitFor(() => expect(justification).toHaveFocus());
    const save = dialog.getByRole('button', { name: 'Mark not required' });
    expect(save).toBeDisabled();
    await userEvent.keyboard('too short');
    expect(save).toBeDisabled();
    expect(
      dialog.getByText(/At least 10 characters \(9 so far\)/),
    ).toBeInTheDocument();
    await userEvent.keyboard('{Control>}{Enter}{/Control}');
    expect(decideObligation).not.toHaveBeenCalled();

    await userEvent.clear(justification);
    await userEvent.type(justification, 'Encrypted at rest; key not exposed');
    expect(save).toBeEnabled();
    await userEvent.keyboard('{Control>}{Enter}{/Control}');
    expect(decideObligation).toHaveBeenCalledWith('inc-1', art34.id, {
      status: 'not-required',
      justification: 'Encrypted at rest; key not exposed',
    });
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    const row = rowOf('Data subjects');
    expect(row.getByText('not-required')).toBeInTheDocument();
    expect(
      row.getByText('Encrypted at rest; key not exposed'),
    ).toBeInTheDocument();
    expect(row.getByText('done')).toBeInTheDocument();
  });

  it('closes the justification dialog on Escape without deciding', async () => {
    const decideObligation = jest.fn();
    await render({ getIncident: async () => incident, decideObligation });
    await screen.findByRole('table', { name: 'Obligations' });
    await userEvent.click(
      rowOf('Data subjects').getByRole('button', { name: 'Not required' }),
    );
    await screen.findByRole('dialog');
    await userEvent.keyboard('{Escape}');
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(decideObligation).not.toHaveBeenCalled();
  });

  it('reopens an obligation marked not required', async () => {
    const notRequired = art34NotRequired('Encrypted at rest');
    const decideObligation = jest.fn(async () => incident);
    await render({ getIncident: async () => notRequired, decideObligation });
    await screen.findByRole('table', { name: 'Obligations' });
    await userEvent.click(
      rowOf('Data subjects').getByRole('button', { name: 'Reopen' }),
    );
    expect(decideObligation).toHaveBeenCalledWith('inc-1', art34.id, {
      status: 'pending',
    });
    // Back among the ones to be determined.
    await waitFor(() =>
      expect(
        within(
          screen.getByRole('list', { name: 'To be determined' }),
        ).getByText('Data subjects'),
      ).toBeInTheDocument(),
    );
  });

  it('groups the obligations: clocks nearest first, to be determined under their question, not applicable folded', async () => {
    const soon = new Date(Date.now() + 3_600_000).toISOString();
    const later = new Date(Date.now() + 50 * 3_600_000).toISOString();
    const record: IncidentRecord = {
      ...incident,
      obligations: [
        { ...art33, dueAt: later },
        {
          ...art34,
          id: 'o-tbd',
          dueAt: undefined,
          evaluation: {
            openQuestions: [
              {
                about: 'answers.risk',
                question: 'Is the risk to the people concerned high?',
              },
            ],
          },
        },
        {
          ...art33,
          id: 'o-soon',
          regime: 'UK GDPR',
          recipient: 'ICO',
          dueAt: soon,
        },
        {
          ...art33,
          id: 'o-na',
          regime: 'PIPL',
          recipient: 'CAC',
          status: 'not-required',
          justification: 'no data subjects in CN',
          dueAt: undefined,
        },
      ],
    };
    const assessIncident = jest.fn(async () => record);
    await render({ getIncident: async () => record, assessIncident });
    const table = within(
      await screen.findByRole('table', { name: 'Obligations' }),
    );
    const recipients = table
      .getAllByRole('row')
      .slice(1)
      .map(r => r.querySelectorAll('td')[1].textContent);
    expect(recipients).toEqual(['ICO', 'Lead supervisory authority']);
    expect(table.queryByText('CAC')).not.toBeInTheDocument();
    expect(table.queryByText('Data subjects')).not.toBeInTheDocument();
    const counts = within(
      screen.getAllByRole('group', { name: 'Obligation counts' })[0],
    );
    expect(counts.getByText('2 apply')).toBeInTheDocument();
    expect(counts.getByText('1 to be determined')).toBeInTheDocument();
    expect(counts.getByText('1 not applicable')).toBeInTheDocument();
    // The one to be determined sits under its question, answerable here.
    const question = within(
      screen.getByRole('region', {
        name: 'Is the risk to the people concerned high?',
      }),
    );
    expect(question.getByText('Data subjects')).toBeInTheDocument();
    await userEvent.click(question.getByRole('button', { name: /Answer/ }));
    await userEvent.click(await screen.findByRole('option', { name: 'high' }));
    expect(assessIncident).toHaveBeenCalledWith('inc-1', { risk: 'high' });
    await userEvent.click(screen.getByText('Not applicable (1)'));
    const folded = within(
      await screen.findByRole('list', {
        name: 'Obligations that do not apply',
      }),
    );
    expect(folded.getByText('PIPL')).toBeInTheDocument();
    expect(folded.getByText('no data subjects in CN')).toBeInTheDocument();
  });

  it('keeps the dialog open with the backend message when the decision fails', async () => {
    const decideObligation = jest.fn(async () => {
      throw Object.assign(new Error('Request failed'), {
        cause: {
          message:
            'body.justification: String must contain at least 10 character(s)',
        },
      });
    });
    await render({ getIncident: async () => incident, decideObligation });
    await screen.findByRole('table', { name: 'Obligations' });
    await userEvent.click(
      rowOf('Data subjects').getByRole('button', { name: 'Not required' }),
    );
    const dialog = within(await screen.findByRole('dialog'));
    await userEvent.type(
      dialog.getByRole('textbox', { name: 'Justification' }),
      'Risk unlikely for the subjects',
    );
    await userEvent.click(
      dialog.getByRole('button', { name: 'Mark not required' }),
    );
    expect(decideObligation).toHaveBeenCalled();
    expect(screen.getByRole('dialog')).toBeInTheDocument();
    expect(
      dialog.getByRole('button', { name: 'Mark not required' }),
    ).toBeEnabled();
  });

  it('corrects the awareness time with a reason, Enter submitting', async () => {
    const corrected: IncidentRecord = {
      ...incident,
      awareAt: '2026-11-20T07:00:00.000Z',
      timeline: [
        ...incident.timeline,
        {
          sequence: 2,
          at: '2026-11-20T10:00:00.000Z',
          actor: 'user:default/guest',
          type: 'awareness-corrected',
          message: 'Awareness corrected: SOC mail at 07:00',
        },
      ],
    };
    const correctAwareness = jest.fn(async () => corrected);
    await render({ getIncident: async () => incident, correctAwareness });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Correct awareness time' }),
    );
    const dialog = within(await screen.findByRole('dialog'));
    const at = dialog.getByLabelText('Aware since (your time zone)');
    await waitFor(() => expect(at).toHaveFocus());
    const submit = dialog.getByRole('button', {
      name: 'Correct and re-evaluate',
    });
    // unchanged time and no reason: nothing to correct
    expect(submit).toBeDisabled();
    const earlier = new Date('2026-11-20T07:00:00.000Z');
    const pad = (n: number) => String(n).padStart(2, '0');
    const local = `${earlier.getFullYear()}-${pad(
      earlier.getMonth() + 1,
    )}-${pad(earlier.getDate())}T${pad(earlier.getHours())}:${pad(
      earlier.getMinutes(),
    )}`;
    await userEvent.clear(at);
    await userEvent.type(at, local);
    expect(dialog.getByText('2026-11-20T07:00:00Z UTC')).toBeInTheDocument();
    const reason = dialog.getByRole('textbox', {
      name: 'Reason for the correction',
    });
    await userEvent.type(reason, 'SOC mail at 07:00{Enter}');
    expect(correctAwareness).toHaveBeenCalledWith(
      'inc-1',
      '2026-11-20T07:00:00.000Z',
      'SOC mail at 07:00',
    );
    expect(
      await screen.findByText('Awareness corrected: SOC mail at 07:00'),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
  });
});

describe('IncidentPage live refresh', () => {
  it('re-reads the incident when the backend signals a change on its channel', async () => {
    const { api: signalApi, listeners } = signals();
    let current = incident;
    const getIncident = jest.fn(async () => current);
    await render({ getIncident }, { signalApi, refreshMs: 100 });
    await screen.findByText('1 of 2 done');
    await waitFor(() =>
      expect(listeners.has(incidentSignalChannel('inc-1'))).toBe(true),
    );
    // with signals the fast polling is off: no re-read without a message
    const reads = getIncident.mock.calls.length;
    await new Promise(resolve => setTimeout(resolve, 400));
    expect(getIncident.mock.calls.length).toBe(reads);

    current = { ...incident, status: 'investigating' };
    act(() => {
      listeners.get(incidentSignalChannel('inc-1'))!({
        incidentId: 'inc-1',
        change: 'status',
      });
    });
    expect(
      await screen.findByRole(
        'button',
        { name: 'Move to contained' },
        { timeout: 5000 },
      ),
    ).toBeInTheDocument();
  });
});
