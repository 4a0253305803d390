import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { IncidentSummary } from '@leak-response/plugin-leak-response-common';
import { LeakResponseApi } from '../../api';
import { incident as record } from '../../__testUtils__/fixtures';
import { renderWithApi } from '../../__testUtils__/render';
import { LeakResponsePage } from './LeakResponsePage';

jest.setTimeout(20_000);

const summary: IncidentSummary = {
  id: 'i-1',
  title: 'Support transcripts in a public bucket',
  leakType: 'training-data-exposure',
  originEntityRef: 'resource:default/support-transcripts-2025',
  severity: 'critical',
  status: 'triage',
  exercise: true,
  awareAt: '2026-11-20T09:30:00.000Z',
  createdAt: '2026-11-20T09:31:00.000Z',
  createdBy: 'user:default/aisha.khan',
};

function render(api: Partial<LeakResponseApi>) {
  return renderWithApi(<LeakResponsePage />, { api });
}

describe('LeakResponsePage', () => {
  it('asks for open incidents and says so when there are none', async () => {
    const listIncidents = jest.fn(async () => ({ items: [], totalCount: 0 }));
    await render({ listIncidents });
    expect(await screen.findByText('No open incidents.')).toBeInTheDocument();
    expect(listIncidents).toHaveBeenCalledWith(
      expect.objectContaining({ open: true }),
    );
  });

  it('lists incidents nearest deadline first, with origin, status and exercise flag', async () => {
    const later = { ...summary, id: 'i-2', title: 'Later deadline' };
    await render({
      listIncidents: async () => ({ items: [later, summary], totalCount: 2 }),
      getIncident: async id => ({
        ...record,
        id,
        obligations: record.obligations.map(o => ({
          ...o,
          dueAt:
            id === 'i-1'
              ? '2026-11-21T09:30:00.000Z'
              : '2026-11-25T09:30:00.000Z',
        })),
      }),
    });
    const first = await screen.findByRole('link', {
      name: 'Support transcripts in a public bucket',
    });
    expect(first).toHaveAttribute('href', '/leak-response/incidents/i-1');
    const rows = screen.getAllByRole('row');
    const titles = rows.map(r => r.textContent ?? '');
    expect(
      titles.findIndex(t => t.includes('Support transcripts')),
    ).toBeLessThan(titles.findIndex(t => t.includes('Later deadline')));
    const row = within(first.closest('tr')!);
    expect(row.getByText('triage')).toBeInTheDocument();
    expect(row.getByText('Exercise')).toBeInTheDocument();
    expect(row.getByText('training data exposed')).toBeInTheDocument();
    expect(row.getByText(/overdue by|left/)).toBeInTheDocument();
  });

  it('says how many closed incidents the default filter hides', async () => {
    const listIncidents = jest.fn(async (query?: { status?: string[] }) =>
      query?.status?.includes('closed')
        ? { items: [], totalCount: 3 }
        : { items: [], totalCount: 0 },
    );
    await render({ listIncidents });
    expect(
      await screen.findByText(
        /3 closed incidents are hidden by the Status filter/,
      ),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Show all' }));
    await waitFor(() =>
      expect(listIncidents).toHaveBeenLastCalledWith(
        expect.objectContaining({ open: undefined, status: undefined }),
      ),
    );
  });

  it('shows the backend error instead of a blank page', async () => {
    await render({
      listIncidents: async () => {
        throw new Error('Not allowed: leak-response.incident.read');
      },
    });
    expect(
      await screen.findByText(
        'Error: Not allowed: leak-response.incident.read',
      ),
    ).toBeInTheDocument();
  });

  it('filters by the search text', async () => {
    const other = {
      ...summary,
      id: 'i-3',
      title: 'Prompt logs exposed',
      status: 'closed' as const,
    };
    await render({
      listIncidents: async () => ({ items: [summary, other], totalCount: 2 }),
      getIncident: async () => record,
    });
    await screen.findByText('Prompt logs exposed');
    const search = screen.getByLabelText('Search');
    await userEvent.click(search);
    await userEvent.paste('prompt');
    await waitFor(() =>
      expect(
        screen.queryByText('Support transcripts in a public bucket'),
      ).not.toBeInTheDocument(),
    );
    expect(screen.getByText('Prompt logs exposed')).toBeInTheDocument();
  });
});
