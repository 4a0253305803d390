import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { mockApis } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  IncidentRecord,
  noticeApprovePermission,
} from '@leak-response/plugin-leak-response-common';
import { LeakResponseApi } from '../../api';
import { dueIn, incident } from '../../__testUtils__/fixtures';
import { renderIncidentPage } from '../../__testUtils__/render';

// Long flows (typing, dialogs) on a machine shared with other test runs.
jest.setTimeout(60_000);

const HOUR = 3_600_000;

function render(
  api: Partial<LeakResponseApi>,
  options: { approve?: boolean; update?: boolean; refreshMs?: number } = {},
) {
  const permission = mockApis.permission({
    authorize: request => {
      if (request.permission.name === noticeApprovePermission.name) {
        return options.approve === false
          ? AuthorizeResult.DENY
          : AuthorizeResult.ALLOW;
      }
      return options.update === false
        ? AuthorizeResult.DENY
        : AuthorizeResult.ALLOW;
    },
  });
  return renderIncidentPage(api, {
    permissions: permission,
    refreshMs: options.refreshMs,
  });
}

describe('IncidentPage', () => {
  it('shows a clock per obligation coloured by urgency, overdue in red', async () => {
    const applying = {
      ...incident,
      obligations: incident.obligations.map(o => ({
        ...o,
        status: 'pending' as const,
      })),
    };
    await render({
      getIncident: async () => dueIn(applying, [-3 * HOUR - 60_000, 50 * HOUR]),
    });
    const table = within(
      await screen.findByRole('table', { name: 'Obligations' }),
    );
    const overdue = table.getByText(/^overdue by 3h/);
    expect(overdue).toHaveAttribute('data-urgency', 'overdue');
    const later = table.getByText(/^2d [12]h left$/);
    expect(later).toHaveAttribute('data-urgency', 'later');
  });

  it('shows tasks with completion, affected entities and the timeline', async () => {
    await render({ getIncident: async () => incident });
    expect(await screen.findByText('1 of 2 done')).toBeInTheDocument();
    expect(
      screen.getByRole('checkbox', {
        name: 'Notify the supervisory authority',
      }),
    ).toBeChecked();
    const affected = within(
      screen.getByRole('table', { name: 'Affected entities' }),
    );
    expect(affected.getByText('Clickstream 2025 Q3')).toBeInTheDocument();
    expect(
      screen.getByText('Playbook launched (exercise)'),
    ).toBeInTheDocument();
    // The actor is the user's catalog page, by name.
    const timeline = within(screen.getByRole('list', { name: 'Timeline' }));
    expect(timeline.getByRole('link', { name: 'guest' })).toHaveAttribute(
      'href',
      expect.stringMatching(/\/catalog\/default\/user\/guest$/),
    );
    expect(
      screen.getByText(/This is an exercise: nothing is notified/),
    ).toBeInTheDocument();
  });

  it('completes a task and shows the returned record', async () => {
    const setTaskDone = jest.fn(async () => ({
      ...incident,
      tasks: incident.tasks.map(t => ({
        ...t,
        doneAt: '2026-11-20T11:00:00.000Z',
        doneBy: 'user:default/guest',
      })),
    }));
    await render({ getIncident: async () => incident, setTaskDone });
    await userEvent.click(
      await screen.findByRole('checkbox', {
        name: 'Revoke access to the weights',
      }),
    );
    expect(setTaskDone).toHaveBeenCalledWith('inc-1', 'task-1', true);
    expect(await screen.findByText('2 of 2 done')).toBeInTheDocument();
  });

  it('saves the assessment and shows the re-evaluated obligations', async () => {
    const assessIncident = jest.fn(async () => ({
      ...incident,
      assessment: { risk: 'high' },
      obligations: incident.obligations.map(o =>
        o.ruleId === 'gdpr-art34' ? { ...o, status: 'pending' as const } : o,
      ),
    }));
    await render({ getIncident: async () => incident, assessIncident });
    await userEvent.click(
      await screen.findByRole('button', { name: /How likely is the breach/ }),
    );
    await userEvent.click(await screen.findByRole('option', { name: 'high' }));
    await userEvent.click(
      screen.getByRole('button', { name: 'Save assessment' }),
    );
    expect(assessIncident).toHaveBeenCalledWith('inc-1', { risk: 'high' });
    const table = within(
      await screen.findByRole('table', { name: 'Obligations' }),
    );
    await waitFor(() =>
      expect(table.getByText('Data subjects').closest('tr')).toHaveTextContent(
        'pending',
      ),
    );
  });

  it('drafts a notice into an editor dialog with a preview and a live count of the parts to complete', async () => {
    const drafted: IncidentRecord = {
      ...incident,
      notices: [
        {
          id: 'n-1',
          obligationId: incident.obligations[0].id,
          templateId: 'gdpr-art33',
          status: 'draft',
          body: '# Notice\n\nDear authority, [[nature of the breach]] \\[\\[DPO contact\\]\\]',
          createdBy: 'user:default/guest',
          createdAt: '2026-11-20T10:00:00.000Z',
          updatedAt: '2026-11-20T10:00:00.000Z',
          version: 'v-draft',
        },
      ],
    };
    // A refresh on a slow machine reads what the backend holds by then.
    let current = incident;
    const draftNotice = jest.fn(async () => (current = drafted));
    const editNotice = jest.fn(async () => drafted);
    await render({
      getIncident: async () => current,
      draftNotice,
      editNotice,
    });
    const table = within(
      await screen.findByRole('table', { name: 'Obligations' }),
    );
    const row = within(
      table.getByText('Lead supervisory authority').closest('tr')!,
    );
    await userEvent.click(row.getByRole('button', { name: 'Draft notice' }));
    expect(draftNotice).toHaveBeenCalledWith(
      'inc-1',
      incident.obligations[0].id,
    );
    // The editor opens where the user is, with the text focused.
    const dialog = within(await screen.findByRole('dialog'));
    const body = dialog.getByRole('textbox', { name: 'Text (markdown)' });
    await waitFor(() => expect(body).toHaveFocus());
    const preview = within(
      dialog.getByRole('region', { name: 'Notice preview' }),
    );
    expect(
      await preview.findByRole('heading', { name: 'Notice' }),
    ).toBeInTheDocument();
    expect(
      // an escaped mark is as unfinished as a plain one
      dialog.getByText('2 parts to complete ([[…]]). Ctrl+Enter saves.'),
    ).toBeInTheDocument();
    const save = dialog.getByRole('button', { name: 'Save draft' });
    expect(save).toBeDisabled();
    // The count follows the typing.
    await userEvent.clear(body);
    expect(dialog.getByText('The notice cannot be empty.')).toBeInTheDocument();
    expect(save).toBeDisabled();
    await userEvent.type(body, 'Dear authority, weights leaked');
    expect(
      dialog.getByText('No part left to complete. Ctrl+Enter saves.'),
    ).toBeInTheDocument();
    expect(
      preview.getByText('Dear authority, weights leaked'),
    ).toBeInTheDocument();
    await userEvent.click(save);
    expect(editNotice).toHaveBeenCalledWith(
      'inc-1',
      'n-1',
      'Dear authority, weights leaked',
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
  });

  it('edits, approves after a confirmation and marks a notice submitted; its text stays readable', async () => {
    const base = {
      id: 'n-1',
      obligationId: incident.obligations[0].id,
      templateId: 'gdpr-art33',
      createdBy: 'user:default/guest',
      createdAt: '2026-11-20T10:00:00.000Z',
    };
    const draft: IncidentRecord = {
      ...incident,
      notices: [
        {
          ...base,
          status: 'draft',
          body: 'Dear authority',
          updatedAt: '2026-11-20T10:00:00.000Z',
          version: 'v-1',
        },
      ],
    };
    const edited: IncidentRecord = {
      ...incident,
      notices: [
        {
          ...base,
          status: 'draft',
          body: 'Dear authority, weights leaked',
          updatedAt: '2026-11-20T10:05:00.000Z',
          version: 'v-2',
        },
      ],
    };
    const approved: IncidentRecord = {
      ...incident,
      notices: [
        {
          ...edited.notices[0],
          status: 'approved',
          approvedBy: 'user:default/dpo',
          updatedAt: '2026-11-20T10:10:00.000Z',
        },
      ],
    };
    const submitted: IncidentRecord = {
      ...incident,
      notices: [
        {
          ...approved.notices[0],
          status: 'submitted',
          submissionRef: 'DPC-2026-123',
          submittedAt: '2026-11-20T10:20:00.000Z',
          updatedAt: '2026-11-20T10:20:00.000Z',
        },
      ],
    };
    // A refresh on a slow machine reads what the backend holds by then.
    let current = draft;
    const api = {
      getIncident: async () => current,
      editNotice: jest.fn(async () => (current = edited)),
      approveNotice: jest.fn(async () => (current = approved)),
      submitNotice: jest.fn(async () => (current = submitted)),
    };
    await render(api);
    await userEvent.click(await screen.findByRole('button', { name: 'Edit' }));
    const body = await screen.findByRole('textbox', {
      name: 'Text (markdown)',
    });
    // The dialog moves the focus into the text once it has opened.
    await waitFor(() => expect(body).toHaveFocus());
    await userEvent.clear(body);
    await userEvent.paste('Dear authority, weights leaked');
    await userEvent.click(screen.getByRole('button', { name: 'Save draft' }));
    expect(api.editNotice).toHaveBeenCalledWith(
      'inc-1',
      'n-1',
      'Dear authority, weights leaked',
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    // Approving asks first.
    await userEvent.click(
      await screen.findByRole('button', { name: 'Approve' }),
    );
    const confirm = within(await screen.findByRole('dialog'));
    expect(confirm.getByText('Every part is completed.')).toBeInTheDocument();
    expect(api.approveNotice).not.toHaveBeenCalled();
    await userEvent.click(
      confirm.getByRole('button', { name: 'Approve notice' }),
    );
    // approves the version it shows, the edited one
    expect(api.approveNotice).toHaveBeenCalledWith('inc-1', 'n-1', 'v-2');
    await userEvent.click(
      await screen.findByRole('textbox', { name: 'Submission reference' }),
    );
    await userEvent.paste('DPC-2026-123');
    await userEvent.click(
      screen.getByRole('button', { name: 'Mark submitted' }),
    );
    expect(api.submitNotice).toHaveBeenCalledWith(
      'inc-1',
      'n-1',
      'DPC-2026-123',
    );
    const text = await screen.findByRole('article', {
      name: 'Text of GDPR → Lead supervisory authority',
    });
    expect(text).toHaveTextContent('Dear authority, weights leaked');
  });

  it('leads with the next task, the nearest deadline that applies and the status button', async () => {
    const record = dueIn(
      {
        ...incident,
        affected: [
          ...incident.affected,
          {
            ...incident.affected[0],
            entityRef: incident.originEntityRef,
            role: 'origin',
            snapshot: {
              ...incident.affected[0].snapshot,
              title: 'Recommendations LLM v3',
            },
          },
        ],
      },
      [50 * HOUR, 2 * HOUR],
    );
    await render({ getIncident: async () => record });
    expect(
      await screen.findByRole('heading', {
        name: 'Recommendations LLM v3 — model weights exfiltrated',
        level: 1,
      }),
    ).toBeInTheDocument();
    const strip = within(screen.getByRole('region', { name: 'Next actions' }));
    const task = within(strip.getByRole('region', { name: 'Next task' }));
    expect(task.getByText('Revoke access to the weights')).toBeInTheDocument();
    expect(task.getByRole('link', { name: /ml-platform/ })).toBeInTheDocument();
    const deadline = within(
      strip.getByRole('region', { name: 'Nearest deadline that applies' }),
    );
    // The to-be-determined clock due in 2 h is not the nearest that applies.
    expect(
      deadline.getByText('GDPR notification → Lead supervisory authority'),
    ).toBeInTheDocument();
    expect(deadline.getByText(/^2d [12]h left$/)).toBeInTheDocument();
    expect(deadline.getByText(/1 still to be determined/)).toBeInTheDocument();
    const status = within(strip.getByRole('region', { name: 'Status' }));
    expect(
      status.getByRole('button', { name: 'Move to investigating' }),
    ).toBeEnabled();
  });

  it('asks for confirmation and a reason before closing with open items, then shows the clocks stopped', async () => {
    const open = dueIn(incident, [50 * HOUR]);
    const closed: IncidentRecord = { ...open, status: 'closed' };
    const setIncidentStatus = jest.fn(async () => closed);
    await render({ getIncident: async () => open, setIncidentStatus });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Close incident' }),
    );
    const dialog = within(await screen.findByRole('dialog'));
    expect(
      within(dialog.getByRole('list', { name: 'Open tasks' })).getByText(
        'Revoke access to the weights',
      ),
    ).toBeInTheDocument();
    const obligations = within(
      dialog.getByRole('list', { name: 'Open obligations' }),
    );
    expect(
      obligations.getByText(
        'GDPR communication → Data subjects (to-be-determined)',
      ),
    ).toBeInTheDocument();
    const confirm = dialog.getByRole('button', {
      name: 'Close with open items',
    });
    expect(confirm).toBeDisabled();
    const reason = dialog.getByRole('textbox', {
      name: 'Why close with open items',
    });
    await userEvent.type(reason, 'short');
    expect(
      dialog.getByText(/The reason needs at least 10 characters \(5 so far\)/),
    ).toBeInTheDocument();
    expect(confirm).toBeDisabled();
    await userEvent.type(reason, ': false positive, no data left');
    await userEvent.click(confirm);
    expect(setIncidentStatus).toHaveBeenCalledWith(
      'inc-1',
      'closed',
      'short: false positive, no data left',
    );
    const strip = within(
      await screen.findByRole('region', { name: 'Next actions' }),
    );
    await waitFor(() =>
      expect(strip.getAllByText('clock stopped').length).toBeGreaterThan(0),
    );
    expect(screen.queryByText(/\d[dhm] left$/)).not.toBeInTheDocument();
    expect(
      strip.getByRole('button', { name: 'Reopen for investigation' }),
    ).toBeInTheDocument();
  });

  it('shows an awareness correction in the timeline as old → new time with the reason', async () => {
    const corrected: IncidentRecord = {
      ...incident,
      timeline: [
        ...incident.timeline,
        {
          sequence: 2,
          at: '2026-11-20T10:00:00.000Z',
          actor: 'user:default/guest',
          type: 'awareness-corrected',
          message: 'Awareness time corrected: SOC mail at 07:00',
          before: { awareAt: '2026-11-20T09:30:00.000Z' },
          after: { awareAt: '2026-11-20T07:00:00.000Z', obligations: [] },
        },
      ],
    };
    await render({ getIncident: async () => corrected });
    const timeline = within(
      await screen.findByRole('list', { name: 'Timeline' }),
    );
    const entry = timeline
      .getByText('Reason: SOC mail at 07:00')
      .closest('li')!;
    const times = entry.querySelectorAll('time');
    expect([...times].map(t => t.getAttribute('datetime'))).toEqual([
      '2026-11-20T09:30:00.000Z',
      '2026-11-20T07:00:00.000Z',
      '2026-11-20T10:00:00.000Z',
    ]);
    expect(entry).toHaveTextContent('→');
  });

  it('moves the status only along allowed transitions and reports a conflict', async () => {
    const error = Object.assign(new Error('Request failed with 409 Conflict'), {
      cause: {
        message:
          'status: cannot move from triage to investigating; allowed next: closed',
      },
    });
    const setIncidentStatus = jest.fn(async () => {
      throw error;
    });
    const { alertApi } = await render({
      getIncident: async () => incident,
      setIncidentStatus,
    });
    expect(
      await screen.findByRole('button', { name: 'Move to investigating' }),
    ).toBeEnabled();
    expect(
      screen.getByRole('button', { name: 'Close incident' }),
    ).toBeEnabled();
    expect(
      screen.queryByRole('button', { name: 'Move to contained' }),
    ).not.toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Move to investigating' }),
    );
    expect(setIncidentStatus).toHaveBeenCalledWith('inc-1', 'investigating');
    await waitFor(() =>
      expect(alertApi.post).toHaveBeenCalledWith({
        message:
          'The status cannot move from triage to investigating; allowed next: closed.',
        severity: 'error',
      }),
    );
  });

  it('refreshes when another user changes the incident', async () => {
    let current = incident;
    await render({ getIncident: async () => current }, { refreshMs: 200 });
    await screen.findByText('1 of 2 done');
    current = { ...incident, status: 'investigating' };
    expect(
      await screen.findByRole(
        'button',
        { name: 'Move to contained' },
        { timeout: 3000 },
      ),
    ).toBeInTheDocument();
  });

  it('shows the error when the incident cannot be read', async () => {
    await render({
      getIncident: async () => {
        throw new Error('No incident inc-1');
      },
    });
    expect(
      await screen.findByText('Error: No incident inc-1'),
    ).toBeInTheDocument();
  });
});
