import { IncidentObligation } from '@leak-response/plugin-leak-response-common';
import { describeDeadline, nearestDeadline } from './openingNotice';

const obligation = (
  over: Partial<IncidentObligation> & { law?: string },
): IncidentObligation => ({
  id: over.ruleId ?? 'x',
  ruleId: 'x',
  regime: 'GDPR',
  recipient: 'supervisory authority',
  stage: 'notification',
  status: 'pending',
  evaluation: over.law ? { law: over.law } : {},
  updatedAt: '2026-12-03T09:00:00Z',
  ...over,
});

describe('nearestDeadline', () => {
  const now = new Date('2026-12-03T10:00:00Z');

  it('names the law of the earliest open deadline and the whole hours left', () => {
    const deadline = nearestDeadline(
      {
        obligations: [
          obligation({
            ruleId: 'nis2_n',
            regime: 'NIS2',
            dueAt: '2026-12-06T09:59:00Z',
          }),
          obligation({
            ruleId: 'gdpr33',
            law: 'GDPR Art. 33',
            dueAt: '2026-12-06T09:59:59Z',
            status: 'submitted',
          }),
          obligation({
            ruleId: 'gdpr33b',
            law: 'GDPR Art. 33',
            dueAt: '2026-12-06T09:30:00Z',
          }),
          obligation({ ruleId: 'later', dueText: 'without undue delay' }),
        ],
      },
      now,
    );
    expect(deadline).toEqual({
      obligationId: 'gdpr33b',
      label: 'GDPR Art. 33',
      dueAt: '2026-12-06T09:30:00Z',
      hoursLeft: 71,
    });
    expect(describeDeadline(deadline!)).toBe('GDPR Art. 33 due in 71 h');
  });

  it('reads under an hour and overdue plainly, and nothing when no clock runs', () => {
    const soon = nearestDeadline(
      { obligations: [obligation({ dueAt: '2026-12-03T10:40:00Z' })] },
      now,
    );
    expect(describeDeadline(soon!)).toBe('GDPR due in under 1 h');
    const late = nearestDeadline(
      { obligations: [obligation({ dueAt: '2026-12-03T07:30:00Z' })] },
      now,
    );
    expect(describeDeadline(late!)).toBe('GDPR overdue by 3 h');
    expect(
      nearestDeadline(
        {
          obligations: [
            obligation({
              status: 'not-required',
              dueAt: '2026-12-04T00:00:00Z',
            }),
          ],
        },
        now,
      ),
    ).toBeUndefined();
  });
});
