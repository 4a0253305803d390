import { IncidentObligation } from './incidents';
import {
  incidentObligationReader,
  leakTypeInWords,
  obligationCountsText,
  planObligationReader,
  summarizeObligations,
} from './obligationSummary';
import { evaluateObligations } from './obligations';
import { euFacts, NOW } from './obligations/__testUtils__/facts';

function incidentObligation(
  id: string,
  fields: Partial<IncidentObligation>,
): IncidentObligation {
  return {
    id,
    ruleId: id,
    regime: id,
    recipient: 'someone',
    stage: 'notification',
    status: 'pending',
    evaluation: {},
    updatedAt: NOW,
    ...fields,
  };
}

describe('summarizeObligations', () => {
  it('splits an engine report into the three standings, nearest clocks first', () => {
    const report = evaluateObligations(euFacts(), { now: NOW });
    const summary = summarizeObligations(
      report.obligations,
      planObligationReader,
    );
    const { counts } = summary;
    expect(counts.applies + counts.toBeDetermined + counts.notApplicable).toBe(
      report.obligations.length,
    );
    expect(summary.applies.map(o => o.status)).toEqual(
      summary.applies.map(() => 'applies'),
    );
    expect(counts.applies).toBe(
      report.obligations.filter(o => o.status === 'applies').length,
    );
    const due = summary.nearest.map(o => planObligationReader.dueAt(o)!);
    expect(due.length).toBeGreaterThan(0);
    expect([...due].sort()).toEqual(due);
    expect(summary.nearest.every(o => o.status === 'applies')).toBe(true);
  });

  it('reads an incident: the engine’s not-required is not applicable, a person’s applies', () => {
    const summary = summarizeObligations(
      [
        incidentObligation('late', { dueAt: '2026-03-30T09:00:00Z' }),
        incidentObligation('early', {
          status: 'drafted',
          dueAt: '2026-03-28T09:00:00Z',
        }),
        incidentObligation('tbd', {
          status: 'to-be-determined',
          dueAt: '2026-03-27T15:00:00Z',
        }),
        incidentObligation('engine-no', { status: 'not-required' }),
        incidentObligation('person-no', {
          status: 'not-required',
          decidedBy: 'user:default/dpo',
        }),
      ],
      incidentObligationReader,
    );
    expect(summary.counts).toEqual({
      applies: 3,
      toBeDetermined: 1,
      notApplicable: 1,
    });
    // A to-be-determined clock is never the nearest deadline.
    expect(summary.nearest.map(o => o.id)).toEqual(['early', 'late']);
    expect(obligationCountsText(summary.counts)).toBe(
      '3 apply · 1 to be determined · 1 not applicable',
    );
    expect(
      obligationCountsText({ applies: 1, toBeDetermined: 0, notApplicable: 2 }),
    ).toBe('1 applies · 0 to be determined · 2 not applicable');
  });

  it('says leak types in words', () => {
    expect(leakTypeInWords('model-weight-exfiltration')).toBe(
      'model weights exfiltrated',
    );
    expect(leakTypeInWords('something-else')).toBe('something-else');
  });
});
