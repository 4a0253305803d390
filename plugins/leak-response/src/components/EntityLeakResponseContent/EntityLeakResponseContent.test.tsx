import { permissionApiRef } from '@backstage/plugin-permission-react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Entity } from '@backstage/catalog-model';
import { LeakResponseApi } from '../../api';
import { obligation, plan } from '../../__testUtils__/fixtures';
import { permissionsThat, renderOnEntity } from '../../__testUtils__/render';
import { EntityLeakResponseContent } from './EntityLeakResponseContent';

async function render(
  api: Partial<LeakResponseApi>,
  options: { allow?: boolean; entity?: Entity } = {},
) {
  return renderOnEntity(<EntityLeakResponseContent />, api, {
    entity: options.entity,
    apis: [[permissionApiRef, permissionsThat(options.allow !== false)]],
  });
}

jest.setTimeout(20_000);

describe('EntityLeakResponseContent', () => {
  it('asks the plan of the entity and lets the backend pick the leak type of an LLM entity', async () => {
    const getPlan = jest.fn(async () => plan);
    await render({ getPlan });
    await screen.findByText('Playbook: Model weight exfiltration');
    expect(getPlan).toHaveBeenCalledWith({
      entityRef: 'resource:default/recsys-llm-v3',
      leakType: undefined,
    });
  });

  it('asks an inference leak for a component that depends on a model', async () => {
    const getPlan = jest.fn(async () => plan);
    await render(
      { getPlan },
      {
        entity: {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'checkout' },
          spec: { type: 'website', owner: 'group:web' },
        },
      },
    );
    await screen.findByText('Playbook: Model weight exfiltration');
    expect(getPlan).toHaveBeenCalledWith({
      entityRef: 'component:default/checkout',
      leakType: 'inference-data-leakage',
    });
  });

  it('shows the impact with roles, the RACI matrix linking roles to the catalog, and on-call', async () => {
    await render({ getPlan: async () => plan });

    const affected = within(
      await screen.findByRole('table', { name: 'Affected entities' }),
    );
    const dataset = affected.getByText('Clickstream 2025 Q3').closest('tr')!;
    expect(within(dataset).getByText('Upstream data')).toBeInTheDocument();
    const surface = affected.getByText('checkout').closest('tr')!;
    expect(within(surface).getByText('Downstream surface')).toBeInTheDocument();
    expect(screen.getByText(/EU \(≥ 2,400,000\), GB/)).toBeInTheDocument();

    const raci = within(screen.getByRole('table', { name: 'RACI matrix' }));
    const contain = raci
      .getByText('Revoke access to the weights')
      .closest('tr')!;
    // columns: step, due, ai-engineering, security, compliance, legal
    const cells = within(contain).getAllByRole('cell');
    expect(cells.slice(2).map(c => c.textContent)).toEqual(['R', 'A', 'I', '']);
    expect(raci.getByRole('link', { name: 'Security IR' })).toHaveAttribute(
      'href',
      '/catalog/default/group/security-ir',
    );
    expect(raci.getByText('not configured')).toBeInTheDocument();

    const onCall = within(screen.getByRole('table', { name: 'On call' }));
    expect(
      onCall.getByRole('link', { name: 'Aisha Khan' }),
    ).toBeInTheDocument();
    expect(
      onCall.getByRole('link', { name: /aisha\.khan@shopwise\.example/ }),
    ).toHaveAttribute('href', 'mailto:aisha.khan@shopwise.example');
    expect(onCall.getByRole('link', { name: 'Ben Ortiz' })).toBeInTheDocument();
    expect(
      screen.getByText('No trained responder on call now for security.'),
    ).toBeInTheDocument();
  });

  it('previews the obligations and folds the ones that do not apply with reasons', async () => {
    await render({ getPlan: async () => plan });
    const applying = within(
      await screen.findByRole('list', { name: 'Obligations that would apply' }),
    );
    expect(applying.getByText('GDPR')).toBeInTheDocument();
    expect(applying.getByText(/within 72 hours/)).toBeInTheDocument();
    expect(screen.getByText('Not applicable (1)')).toBeInTheDocument();
    await userEvent.click(screen.getByText('Not applicable (1)'));
    expect(screen.getByText('No data subjects in US-CA')).toBeVisible();
  });

  it('folds the law, the minimum content of the notice and the sources under an obligation that applies', async () => {
    await render({ getPlan: async () => plan });
    const applying = within(
      await screen.findByRole('list', { name: 'Obligations that would apply' }),
    );
    const summary = applying.getByText('GDPR Art. 33 · verified');
    expect(applying.getByText('Nature of the breach')).not.toBeVisible();
    await userEvent.click(summary);
    expect(applying.getByText('The notice must give:')).toBeVisible();
    expect(applying.getByText('Nature of the breach')).toBeVisible();
    expect(applying.getByText('Source: GDPR Art. 33')).toBeVisible();
  });

  it('groups the obligations still to be determined by the question that settles them', async () => {
    const risk = {
      about: 'answers.risk',
      question: 'How likely is a risk to individuals?',
    };
    const where = {
      about: 'facts.dataSubjects',
      question: 'Where do the data subjects live?',
    };
    const undetermined = [
      ['gdpr-art34', 'GDPR', 'Data subjects', risk],
      ['ukgdpr34', 'UK GDPR', 'Data subjects (UK)', risk],
      ['lgpd48', 'LGPD', 'ANPD', risk],
      ['ccpa', 'CA 1798.82', 'California residents', where],
    ].map(([ruleId, regime, recipient, question]) =>
      obligation({
        ruleId: ruleId as string,
        regime: regime as string,
        recipient: recipient as string,
        status: 'to-be-determined',
        openQuestions: [question as { about: string; question: string }],
      }),
    );
    const evaluated = plan.obligations as Extract<
      typeof plan.obligations,
      { status: 'evaluated' }
    >;
    await render({
      getPlan: async () => ({
        ...plan,
        obligations: {
          ...evaluated,
          obligations: [...evaluated.obligations, ...undetermined],
        },
      }),
    });
    const counts = within(
      await screen.findByRole('group', { name: 'Obligation counts' }),
    );
    expect(counts.getByText('1 applies')).toBeInTheDocument();
    expect(counts.getByText('4 to be determined')).toBeInTheDocument();
    expect(counts.getByText('1 not applicable')).toBeInTheDocument();
    // more than three: folded until asked for
    const fold = screen.getByText('To be determined (4)');
    expect(screen.queryByText('LGPD')).not.toBeInTheDocument();
    await userEvent.click(fold);
    const riskGroup = within(
      await screen.findByRole('region', { name: risk.question }),
    );
    expect(riskGroup.getByText(`${risk.question} (3)`)).toBeInTheDocument();
    expect(riskGroup.getByText('LGPD')).toBeInTheDocument();
    const whereGroup = within(
      screen.getByRole('region', { name: where.question }),
    );
    expect(whereGroup.getByText('CA 1798.82')).toBeInTheDocument();
    // the biggest group comes first
    const groups = screen.getAllByRole('region', { name: /\?$/ });
    expect(groups.map(g => g.getAttribute('aria-label'))).toEqual([
      risk.question,
      where.question,
    ]);
  });

  it('counts the readiness gaps per rotation and shows the first few until asked for all', async () => {
    const gaps = [0, 1, 2, 3].map(day => ({
      kind: 'untrained-slot' as const,
      rotationOf: 'group:default/security-ir',
      userRef: `user:default/responder-${day}`,
      from: `2026-11-2${day}T00:00:00.000Z`,
      until: `2026-11-2${day + 1}T00:00:00.000Z`,
      missingTrainings: ['aws-incident-response'],
    }));
    await render({
      getPlan: async () => ({
        ...plan,
        readiness: { ...plan.readiness, gaps },
      }),
    });
    expect(
      await screen.findByText(
        /4 readiness gap\(s\) ahead: group:default\/security-ir 4/,
      ),
    ).toBeInTheDocument();
    const list = () =>
      within(screen.getByRole('list', { name: 'Readiness gaps' }));
    expect(list().getAllByRole('listitem')).toHaveLength(3);
    expect(
      list().getByText(/user:default\/responder-0 is on call for/),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Show all 4' }));
    expect(list().getAllByRole('listitem')).toHaveLength(4);
  });

  it('says so when the obligations could not be evaluated', async () => {
    await render({
      getPlan: async () => ({
        ...plan,
        obligations: {
          status: 'unavailable',
          reason: 'No data categories declared',
        },
      }),
    });
    expect(
      await screen.findByText(/Obligations could not be evaluated/),
    ).toBeInTheDocument();
    expect(screen.getByText(/No data categories declared/)).toBeInTheDocument();
  });

  it('shows the evidence hold and the open incidents linking to them', async () => {
    await render({
      getPlan: async () => ({
        ...plan,
        openIncidents: [
          {
            id: 'inc-7',
            title: 'Weights on a paste site',
            leakType: 'model-weight-exfiltration',
            originEntityRef: 'resource:default/recsys-llm-v3',
            severity: 'critical',
            status: 'investigating',
            exercise: false,
            awareAt: '2026-11-20T09:30:00.000Z',
            createdAt: '2026-11-20T09:31:00.000Z',
            createdBy: 'user:default/guest',
          },
        ],
      }),
    });
    expect(
      await screen.findByText(
        /Evidence hold: 1 open incident\(s\) affect this entity/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Weights on a paste site' }),
    ).toHaveAttribute('href', '/leak-response/incidents/inc-7');
  });

  it('says so when no incident is open', async () => {
    await render({ getPlan: async () => plan });
    expect(
      await screen.findByText('No incident has been opened for this entity.'),
    ).toBeInTheDocument();
  });

  it('shows the backend error instead of the plan', async () => {
    await render({
      getPlan: async () => {
        throw new Error(
          'leakType: no playbook responds to training-data-exposure',
        );
      },
    });
    expect(
      await screen.findByText(
        'Error: leakType: no playbook responds to training-data-exposure',
      ),
    ).toBeInTheDocument();
  });

  it('re-plans when another leak type is chosen', async () => {
    const getPlan = jest.fn(async () => plan);
    await render({ getPlan });
    await screen.findByText('Playbook: Model weight exfiltration');
    await userEvent.click(
      screen.getAllByRole('button', { name: /Leak type/ })[0],
    );
    await userEvent.click(
      await screen.findByRole('option', { name: 'training data exposed' }),
    );
    await waitFor(() =>
      expect(getPlan).toHaveBeenLastCalledWith({
        entityRef: 'resource:default/recsys-llm-v3',
        leakType: 'training-data-exposure',
      }),
    );
  });
});
