import {
  DEFAULT_OBLIGATION_RULES,
  IncidentObligation,
  IncidentRecord,
  ruleTableVersion,
  ruleVersion,
} from '@leak-response/plugin-leak-response-common';
import { obligationsFromReport } from './fromPlan';
import { renderIncidentReport } from './report';
import { ruleProvenance } from './ruleProvenance';

const gdpr33 = DEFAULT_OBLIGATION_RULES.find(r => r.id === 'gdpr33')!;
const launchedWith = ruleVersion(gdpr33);
/** The same table with GDPR Art. 33's deadline changed after launch. */
const changedTable = DEFAULT_OBLIGATION_RULES.map(r =>
  r.id === 'gdpr33'
    ? {
        ...r,
        deadline: { kind: 'period' as const, amount: 96, unit: 'h' as const },
      }
    : r,
);

function decided(status: IncidentObligation['status']): IncidentObligation {
  return {
    id: 'o-1',
    ruleId: 'gdpr33',
    regime: 'GDPR',
    recipient: 'Lead supervisory authority',
    stage: 'notification',
    status,
    decidedBy:
      status === 'submitted' ? 'user:default/eva.lindqvist' : undefined,
    evaluation: {
      ruleId: 'gdpr33',
      status: 'applies',
      reasons: [],
      ruleVersion: launchedWith,
    },
    updatedAt: '2026-11-20T10:00:00.000Z',
  };
}

describe('rule provenance of an incident', () => {
  it('flags a rule changed since it decided an obligation, with the part that changed', () => {
    const provenance = ruleProvenance(
      {
        rulesVersion: ruleTableVersion(DEFAULT_OBLIGATION_RULES),
        obligations: [decided('pending')],
      },
      changedTable,
    );
    expect(provenance.changedSinceLaunch).toBe(true);
    expect(provenance.changes).toEqual([
      expect.objectContaining({
        ruleId: 'gdpr33',
        change: 'changed',
        parts: ['deadline'],
      }),
    ]);
    // nothing to say for an incident launched before versions were kept
    expect(
      ruleProvenance({ obligations: [] }, changedTable).changedSinceLaunch,
    ).toBe(false);
  });

  it('keeps the version a person decided under across re-evaluations', () => {
    const before = decided('submitted');
    const reevaluated = obligationsFromReport(
      {
        evaluatedAt: '2026-11-21T10:00:00.000Z',
        data: {} as never,
        obligations: [
          {
            ...(before.evaluation as object),
            ruleVersion: ruleVersion(
              changedTable.find(r => r.id === 'gdpr33')!,
            ),
          } as never,
        ],
      },
      [before],
    );
    expect(reevaluated[0].status).toBe('submitted');
    const provenance = ruleProvenance(
      { obligations: [{ ...before, evaluation: reevaluated[0].evaluation }] },
      changedTable,
    );
    expect(provenance.changes.map(c => c.ruleId)).toEqual(['gdpr33']);
  });

  it('prints the versions in the report', () => {
    const incident = {
      id: 'i-1',
      title: 'Leak',
      leakType: 'training-data-exposure',
      originEntityRef: 'resource:default/x',
      severity: 'high',
      status: 'triage',
      exercise: false,
      awareAt: '2026-11-20T09:30:00.000Z',
      createdAt: '2026-11-20T09:31:00.000Z',
      createdBy: 'user:default/noah.fischer',
      updatedAt: '2026-11-20T09:31:00.000Z',
      assessment: {},
      affected: [],
      tasks: [],
      notices: [],
      timeline: [],
      obligations: [decided('pending')],
      rulesVersion: ruleTableVersion(DEFAULT_OBLIGATION_RULES),
    } as unknown as IncidentRecord;
    const withProvenance = {
      ...incident,
      ruleProvenance: ruleProvenance(incident, changedTable),
    };
    const text = renderIncidentReport(
      withProvenance,
      new Date('2026-11-21T00:00:00Z'),
    );
    expect(text).toContain(
      `- Obligation rule table: ${
        incident.rulesVersion
      } at launch; ${ruleTableVersion(
        changedTable,
      )} now (the rule table changed since launch)`,
    );
    expect(text).toContain(`gdpr33@${launchedWith.hash}`);
    expect(text).toContain(
      'gdpr33: rule changed since this decision (the deadline;',
    );
  });
});
