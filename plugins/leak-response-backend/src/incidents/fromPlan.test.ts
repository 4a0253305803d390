import {
  Obligation,
  ObligationsReport,
} from '@leak-response/plugin-leak-response-common';
import { obligationsFromReport, SUSPECTED_EXPOSURE_REASON } from './fromPlan';

function obligation(
  ruleId: string,
  status: Obligation['status'],
  reasons: string[],
): Obligation {
  return {
    ruleId,
    regime: 'GDPR',
    law: 'Regulation (EU) 2016/679',
    jurisdiction: 'EU',
    recipient: 'Lead supervisory authority',
    stage: 'notification',
    trigger: 'awareness',
    status,
    reasons,
    openQuestions: [],
    clock: { startedAt: '2026-11-20T09:30:00.000Z' },
    content: [],
    sources: [],
    confidence: 'high',
    notes: [],
  } as unknown as Obligation;
}

const report = (obligations: Obligation[]) =>
  ({
    evaluatedAt: '2026-11-20T10:00:00.000Z',
    obligations,
  } as unknown as ObligationsReport);

describe('obligationsFromReport', () => {
  it('gives every not-required obligation a justification', () => {
    const [withReasons, without] = obligationsFromReport(
      report([
        obligation('gdpr34', 'not-applicable', ['risk to individuals is low']),
        obligation('ukgdpr33', 'not-applicable', []),
      ]),
    );
    expect(withReasons).toMatchObject({
      status: 'not-required',
      justification: 'risk to individuals is low',
    });
    expect(without.status).toBe('not-required');
    expect(without.justification).toBe(
      'the obligations engine found that ukgdpr33 does not apply',
    );
  });

  it('keeps what applies to be determined while exposure is only suspected', () => {
    const [gdpr33] = obligationsFromReport(
      report([
        obligation('gdpr33', 'applies', ['personal data of EU residents']),
      ]),
      [],
      { exposure: 'suspected' },
    );
    expect(gdpr33.status).toBe('to-be-determined');
    expect((gdpr33.evaluation as Obligation).reasons).toContain(
      SUSPECTED_EXPOSURE_REASON,
    );
  });
});
