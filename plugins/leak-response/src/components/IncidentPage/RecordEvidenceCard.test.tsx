import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { alertApiRef } from '@backstage/core-plugin-api';
import { TimelineVerification } from '@leak-response/plugin-leak-response-common';
import { LeakResponseApi } from '../../api';
import { incident } from '../../__testUtils__/fixtures';
import { renderWithApi } from '../../__testUtils__/render';
import { RecordEvidenceCard } from './RecordEvidenceCard';

jest.setTimeout(40_000);

const HEAD = `${'c0ffee'.repeat(10)}beef`;

const intact: TimelineVerification = {
  incidentId: incident.id,
  intact: true,
  count: 5,
  head: HEAD,
  verifiedAt: '2026-12-03T10:00:00.000Z',
};

const broken: TimelineVerification = {
  ...intact,
  intact: false,
  reason: 'the event does not match its hash: a field was changed',
  firstBroken: {
    sequence: 41,
    position: 2,
    at: '2026-12-03T09:00:00.000Z',
    type: 'status-changed',
  },
};

async function render(api: Partial<LeakResponseApi>) {
  const alertApi = { post: jest.fn(), alert$: jest.fn() };
  await renderWithApi(<RecordEvidenceCard record={incident} />, {
    api,
    apis: [[alertApiRef, alertApi]],
  });
  return { alertApi };
}

describe('RecordEvidenceCard', () => {
  it('says the timeline verifies, with the count and the chain head', async () => {
    const verifyIncidentTimeline = jest.fn(async () => intact);
    await render({ verifyIncidentTimeline });
    expect(
      await screen.findByText(/The timeline verifies: 5 events/),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Chain head')).toHaveTextContent(HEAD);
    expect(verifyIncidentTimeline).toHaveBeenCalledWith(incident.id);
  });

  it('names the first event that does not match, and verifies again on request', async () => {
    const verifyIncidentTimeline = jest
      .fn()
      .mockResolvedValueOnce(intact)
      .mockResolvedValueOnce(broken);
    await render({ verifyIncidentTimeline });
    await screen.findByText(/The timeline verifies/);
    await userEvent.click(screen.getByRole('button', { name: 'Verify again' }));
    expect(
      await screen.findByText('The timeline does not verify.'),
    ).toBeInTheDocument();
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent(/First broken: event 2 \(status-changed,/);
    expect(alert).toHaveTextContent(
      /The event does not match its hash: a field was changed\./,
    );
    expect(verifyIncidentTimeline).toHaveBeenCalledTimes(2);
  });

  it('says so when the verification cannot be made', async () => {
    await render({
      verifyIncidentTimeline: async () => {
        throw new Error('Not allowed: leak-response.incident.read');
      },
    });
    expect(
      await screen.findByText(
        'Could not verify the timeline: Not allowed: leak-response.incident.read.',
      ),
    ).toBeInTheDocument();
  });

  it('downloads the report as PDF or markdown', async () => {
    const createObjectURL = jest.fn(() => 'blob:report');
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    // jsdom cannot navigate; the click is what hands the file over.
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => {});
    const getIncidentReportFile = jest.fn(
      async (id: string, format: 'markdown' | 'pdf') => ({
        filename: `incident-${id}.${format === 'pdf' ? 'pdf' : 'md'}`,
        contentType: format === 'pdf' ? 'application/pdf' : 'text/markdown',
        body: new Blob(['x']),
      }),
    );
    await render({
      verifyIncidentTimeline: async () => intact,
      getIncidentReportFile,
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Download report (PDF)' }),
    );
    await waitFor(() => expect(click).toHaveBeenCalledTimes(1));
    expect(getIncidentReportFile).toHaveBeenCalledWith(incident.id, 'pdf');
    expect(click.mock.contexts[0]).toMatchObject({
      download: `incident-${incident.id}.pdf`,
      href: 'blob:report',
    });
    await userEvent.click(
      screen.getByRole('button', { name: 'Download report (Markdown)' }),
    );
    await waitFor(() => expect(click).toHaveBeenCalledTimes(2));
    expect(getIncidentReportFile).toHaveBeenLastCalledWith(
      incident.id,
      'markdown',
    );
    click.mockRestore();
  });
});
