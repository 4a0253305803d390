import { screen } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { IncidentSummary } from '@leak-response/plugin-leak-response-common';
import { LeakResponseApi, leakResponseApiRef } from '../../api';
import { LeakResponsePage } from './LeakResponsePage';

const incident: IncidentSummary = {
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
  return renderInTestApp(
    <TestApiProvider apis={[[leakResponseApiRef, api]]}>
      <LeakResponsePage />
    </TestApiProvider>,
  );
}

describe('LeakResponsePage', () => {
  it('says so when there are no incidents', async () => {
    await render({ listIncidents: async () => [] });
    expect(
      await screen.findByText('No incidents have been opened.'),
    ).toBeInTheDocument();
  });

  it('lists incidents with their origin, status and exercise flag', async () => {
    await render({ listIncidents: async () => [incident] });
    expect(
      await screen.findByText('Support transcripts in a public bucket'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('resource:default/support-transcripts-2025'),
    ).toBeInTheDocument();
    expect(screen.getByText('triage')).toBeInTheDocument();
    expect(screen.getByText('exercise')).toBeInTheDocument();
  });

  it('shows the backend error instead of a blank page', async () => {
    await render({
      listIncidents: async () => {
        throw new Error('Not allowed: leak-response.incident.read');
      },
    });
    expect(
      await screen.findByText('Error: Not allowed: leak-response.incident.read'),
    ).toBeInTheDocument();
  });
});
