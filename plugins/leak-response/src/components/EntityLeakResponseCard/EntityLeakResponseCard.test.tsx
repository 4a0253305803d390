import { Entity } from '@backstage/catalog-model';
import { screen, within } from '@testing-library/react';
import { IncidentRecord } from '@leak-response/plugin-leak-response-common';
import { LeakResponseApi } from '../../api';
import {
  dueIn,
  incident,
  modelEntity,
  plan,
} from '../../__testUtils__/fixtures';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { permissionsThat, renderOnEntity } from '../../__testUtils__/render';
import { EntityLeakResponseCard, nextDeadline } from './EntityLeakResponseCard';

jest.setTimeout(20_000);

const HOUR = 3_600_000;

function render(api: Partial<LeakResponseApi>, entity?: Entity) {
  // The card's Launch button asks the permission API, as in the app.
  return renderOnEntity(<EntityLeakResponseCard />, api, {
    entity,
    apis: [[permissionApiRef, permissionsThat(true)]],
  });
}

function due(
  record: IncidentRecord,
  id: string,
  msFromNow: number[],
): IncidentRecord {
  return { ...dueIn(record, msFromNow), id, title: `Incident ${id}` };
}

const summaryOf = (r: IncidentRecord) => ({
  id: r.id,
  title: r.title,
  leakType: r.leakType,
  originEntityRef: r.originEntityRef,
  severity: r.severity,
  status: r.status,
  exercise: r.exercise,
  awareAt: r.awareAt,
  createdAt: r.createdAt,
  createdBy: r.createdBy,
});

describe('EntityLeakResponseCard', () => {
  it('shows the declared categories, the open incidents and the nearest deadline with its countdown', async () => {
    const a = due(incident, 'inc-a', [50 * HOUR]);
    const b = due(incident, 'inc-b', [5 * HOUR, 2 * HOUR]);
    // b's second obligation is settled: its earlier deadline no longer counts
    b.obligations[1] = { ...b.obligations[1], status: 'not-required' };
    const records = new Map([a, b].map(r => [r.id, r]));
    const listIncidents = jest.fn(async () => ({
      items: [a, b].map(summaryOf),
      totalCount: 2,
    }));
    const getPlan = jest.fn(async () => plan);
    await render({
      listIncidents,
      getIncident: async id => records.get(id)!,
      getPlan,
    });
    const next = within(
      await screen.findByRole('group', { name: 'Next deadline' }),
    );
    expect(next.getByText('GDPR')).toBeInTheDocument();
    expect(next.getByRole('link', { name: 'Incident inc-b' })).toHaveAttribute(
      'href',
      '/leak-response/incidents/inc-b',
    );
    const clock = next.getByText(/^4h 5\dm left$/);
    expect(clock).toHaveAttribute('data-urgency', 'critical');

    const categories = within(
      screen.getByRole('list', { name: 'Data categories' }),
    );
    expect(categories.getByText('personal.behavioral')).toBeInTheDocument();
    const open = within(screen.getByRole('list', { name: 'Open incidents' }));
    expect(open.getAllByRole('link').map(l => l.textContent)).toEqual([
      'Incident inc-a',
      'Incident inc-b',
    ]);
    expect(listIncidents).toHaveBeenCalledWith(
      expect.objectContaining({
        entityRef: 'resource:default/recsys-llm-v3',
        open: true,
      }),
    );
    // The plan gives who is on call for security now, the same counts as
    // the tab, and Launch.
    expect(getPlan).toHaveBeenCalledWith({
      entityRef: 'resource:default/recsys-llm-v3',
    });
    expect(screen.getByRole('link', { name: 'Carl Diaz' })).toBeInTheDocument();
    const counts = within(
      screen.getByRole('group', { name: 'Obligation counts' }),
    );
    expect(counts.getByText('1 applies')).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Launch playbook' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /Plan, on-call and obligations/ }),
    ).toHaveAttribute('href', expect.stringMatching(/leak-response$/));
  });

  it('says when no incident is open and when no categories are declared', async () => {
    await render(
      { listIncidents: async () => ({ items: [], totalCount: 0 }) },
      { ...modelEntity, spec: { ...modelEntity.spec, dataCategories: [] } },
    );
    expect(
      await screen.findByText('No open incident affects this entity.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /No data categories declared: a leak cannot be assessed/,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText('Next deadline')).not.toBeInTheDocument();
  });

  it('shows the categories a component reaches through the models it depends on', async () => {
    const getPlan = jest.fn(async () => plan);
    await render(
      { listIncidents: async () => ({ items: [], totalCount: 0 }), getPlan },
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'checkout' },
        spec: { type: 'website', owner: 'group:checkout' },
      },
    );
    expect(
      await screen.findByText('Data categories it reaches'),
    ).toBeInTheDocument();
    const categories = within(
      screen.getByRole('list', { name: 'Data categories' }),
    );
    expect(categories.getByText('personal.identifiers')).toBeInTheDocument();
    expect(getPlan).toHaveBeenCalledWith({
      entityRef: 'component:default/checkout',
      leakType: 'inference-data-leakage',
    });
  });

  it('says when an open incident has no dated deadline', async () => {
    const undated = due(incident, 'inc-u', []);
    await render({
      listIncidents: async () => ({
        items: [summaryOf(undated)],
        totalCount: 1,
      }),
      getIncident: async () => undated,
    });
    expect(
      await screen.findByText('No dated deadline is running.'),
    ).toBeInTheDocument();
  });

  it('shows the backend message when the incidents may not be read', async () => {
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
});

describe('nextDeadline', () => {
  it('ignores settled, undated and to-be-determined obligations', () => {
    const r = due(incident, 'x', [HOUR, 2 * HOUR]);
    // the second is to be determined: it never is the next deadline
    expect(nextDeadline([r])?.obligation.id).toBe(r.obligations[0].id);
    r.obligations[0] = { ...r.obligations[0], status: 'submitted' };
    expect(nextDeadline([r])).toBeUndefined();
    expect(nextDeadline([due(incident, 'y', [])])).toBeUndefined();
  });

  it('takes an exercise deadline only when no real incident has one', () => {
    const drill = due(incident, 'drill', [HOUR]);
    const real = { ...due(incident, 'real', [5 * HOUR]), exercise: false };
    expect(nextDeadline([drill, real])?.incident.id).toBe('real');
    expect(nextDeadline([drill])?.incident.exercise).toBe(true);
  });
});
