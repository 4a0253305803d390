import { evaluateObligations } from './evaluateObligations';
import { euFacts, NOW } from './__testUtils__/facts';
import { incidentQuestionsToAsk } from './questionsToAsk';
import { IncidentFacts } from './types';

const ask = (facts: IncidentFacts) =>
  incidentQuestionsToAsk(
    evaluateObligations(facts, { now: NOW }).obligations,
    facts.answers,
  );

describe('incidentQuestionsToAsk', () => {
  it('asks a European retailer nothing about Brazil, Canada or China', () => {
    const questions = ask(
      euFacts({
        answers: { nis2InScope: false, financialEntity: false },
        dataSubjects: [{ jurisdiction: 'DE', approxCount: 1000 }],
      }),
    );
    expect(questions).toContain('risk');
    for (const foreign of [
      'brSignificantEffect',
      'rrosh',
      'cnRelativelyMajor',
      'sgSignificantHarm',
      'auSeriousHarmLikely',
    ]) {
      expect(questions).not.toContain(foreign);
    }
    // organisation questions are the profile's, never the incident's
    expect(questions).not.toContain('nis2InScope');
    expect(questions).not.toContain('secRegistrant');
  });

  it('asks the Brazilian questions when the people may live anywhere (unknown is not none)', () => {
    const questions = ask(
      euFacts({ dataSubjects: [], dataSubjectsUnknownFrom: ['resource:x'] }),
    );
    expect(questions).toContain('brSignificantEffect');
  });

  it('keeps a question once answered, so the answer can be changed', () => {
    const facts = euFacts({
      answers: { risk: 'unlikely', conductsBusinessInTexas: false },
    });
    const questions = ask(facts);
    expect(questions).toContain('risk');
    // unlikely risk settles GDPR Art. 34: whether the data were unintelligible no longer matters
    expect(questions).not.toContain('encrypted');
  });

  it('ignores entries that are not evaluations', () => {
    expect(
      incidentQuestionsToAsk([undefined, { openQuestions: 'x' }, 42]),
    ).toEqual([]);
  });
});
