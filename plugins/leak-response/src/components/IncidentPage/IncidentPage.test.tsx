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

jest.setTimeout(20_000);

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
    await render({
      getIncident: async () => dueIn(incident, [-3 * HOUR - 60_000, 50 * HOUR]),
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

  it('drafts a notice from an obligation and counts the parts to fill in', async () => {
    const drafted: IncidentRecord = {
      ...incident,
      notices: [
        {
          id: 'n-1',
          obligationId: incident.obligations[0].id,
          templateId: 'gdpr-art33',
          status: 'draft',
          body: 'Dear authority, [[nature of the breach]] \\[\\[DPO contact\\]\\]',
          createdBy: 'user:default/guest',
          createdAt: '2026-11-20T10:00:00.000Z',
          updatedAt: '2026-11-20T10:00:00.000Z',
          version: 'v-draft',
        },
      ],
    };
    const draftNotice = jest.fn(async () => drafted);
    await render({ getIncident: async () => incident, draftNotice });
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
    const notice = within(
      await screen.findByRole('region', {
        name: 'Notice GDPR → Lead supervisory authority',
      }),
    );
    expect(
      // an escaped mark is as unfinished as a plain one
      notice.getByText('2 [[…]] part(s) to fill in before approval.'),
    ).toBeInTheDocument();
    // placeholders are left: the backend refuses approval (409) until filled
    expect(notice.getByRole('button', { name: 'Approve' })).toBeEnabled();
  });

  it('edits, approves and marks a notice submitted', async () => {
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
    const api = {
      getIncident: async () => draft,
      editNotice: jest.fn(async () => edited),
      approveNotice: jest.fn(async () => approved),
      submitNotice: jest.fn(async () => approved),
    };
    await render(api);
    const body = await screen.findByRole('textbox', {
      name: 'Body of GDPR → Lead supervisory authority',
    });
    await userEvent.click(body);
    await userEvent.paste(', weights leaked');
    await userEvent.click(screen.getByRole('button', { name: 'Save draft' }));
    expect(api.editNotice).toHaveBeenCalledWith(
      'inc-1',
      'n-1',
      'Dear authority, weights leaked',
    );
    await userEvent.click(
      await screen.findByRole('button', { name: 'Approve' }),
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
    expect(screen.getByRole('button', { name: 'Close' })).toBeEnabled();
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
          'status: cannot move from triage to investigating; allowed next: closed',
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
