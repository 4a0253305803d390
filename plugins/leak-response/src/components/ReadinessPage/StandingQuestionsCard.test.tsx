import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { StandingQuestionsCard } from './StandingQuestionsCard';

describe('StandingQuestionsCard', () => {
  it('says how many questions settle how many obligations, each with its rules', async () => {
    await renderInTestApp(
      <StandingQuestionsCard
        standing={{
          obligationCount: 14,
          assetCount: 7,
          questions: [
            {
              about: 'answers.secRegistrant',
              question:
                'Is the organisation an SEC registrant (listed company)?',
              profileKey: 'sector.secRegistrant',
              rules: [
                { ruleId: 'sec8k', regime: 'SEC', law: 'Form 8-K Item 1.05' },
              ],
              obligationCount: 7,
              assetCount: 7,
            },
          ],
        }}
      />,
    );
    expect(
      screen.getByText(
        'Answer this question to settle 14 obligations across 7 assets',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('sector.secRegistrant')).toBeInTheDocument();
    expect(screen.getByText('SEC · Form 8-K Item 1.05')).toBeInTheDocument();
  });

  it('says the profile is complete when nothing is open', async () => {
    await renderInTestApp(
      <StandingQuestionsCard
        standing={{ questions: [], obligationCount: 0, assetCount: 0 }}
      />,
    );
    expect(
      screen.getByText(/answers every standing question/),
    ).toBeInTheDocument();
  });
});
