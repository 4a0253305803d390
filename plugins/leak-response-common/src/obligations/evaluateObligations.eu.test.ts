import { dueAt, euFacts, obligation, reasonsOf } from './__testUtils__/facts';

describe('evaluateObligations — EU, UK and Switzerland', () => {
  describe('GDPR', () => {
    it('Art. 33: 72 hours from awareness, through a weekend and the DST change', () => {
      // Friday 09:00 UTC; EU clocks go forward on Sunday 29 March 2026.
      const o = obligation(euFacts(), 'gdpr33');
      expect(o.status).toBe('applies');
      expect(dueAt(o)).toBe('2026-03-30T09:00:00.000Z');
      expect(o.clock).toEqual({
        event: 'aware',
        label: 'became aware of the incident',
        startedAt: '2026-03-27T09:00:00.000Z',
        source: 'given',
      });
      expect(o.reasons).toEqual(
        expect.arrayContaining([
          "the leaked data include personal data: 'personal.behavioral', 'personal.identifiers'",
          'residence link: data subjects in EU',
        ]),
      );
      expect(o.content.length).toBeGreaterThan(0);
      expect(o.confidence).toBe('verified');
    });

    it('Art. 33 does not apply when the risk is assessed as unlikely', () => {
      const o = obligation(
        euFacts({ answers: { risk: 'unlikely' } }),
        'gdpr33',
      );
      expect(o.status).toBe('not-applicable');
      expect(reasonsOf(o)).toContain("'unlikely'");
      expect(o.due).toBeUndefined();
    });

    it('Art. 33 is to be determined while the risk is not assessed', () => {
      const o = obligation(euFacts({ answers: {} }), 'gdpr33');
      expect(o.status).toBe('to-be-determined');
      expect(o.openQuestions.map(q => q.about)).toEqual(['answers.risk']);
      // The deadline it would have is still shown.
      expect(dueAt(o)).toBe('2026-03-30T09:00:00.000Z');
    });

    it('applies to an EU establishment even without EU data subjects', () => {
      const facts = euFacts({
        dataSubjects: [{ jurisdiction: 'US-NY', approxCount: 10 }],
      });
      expect(obligation(facts, 'gdpr33').status).toBe('applies');
      const noEu = obligation({ ...facts, establishments: ['US'] }, 'gdpr33');
      expect(noEu.status).toBe('not-applicable');
      expect(noEu.reasons).toEqual([
        'no data subjects in EEA',
        'not established in EEA',
      ]);
      const unknownEstablishment = obligation(
        { ...facts, establishments: undefined },
        'gdpr33',
      );
      expect(unknownEstablishment.status).toBe('to-be-determined');
      expect(unknownEstablishment.openQuestions[0].about).toBe(
        'facts.establishments',
      );
    });

    it('counts a member state or an EEA country as inside the EEA', () => {
      const facts = euFacts({
        establishments: [],
        dataSubjects: [{ jurisdiction: 'NO', approxCount: 3 }],
      });
      expect(obligation(facts, 'gdpr33').status).toBe('applies');
    });

    it('Art. 34: high risk means data subjects without undue delay, unless encrypted', () => {
      const high = obligation(
        euFacts({ answers: { risk: 'high', encrypted: false } }),
        'gdpr34',
      );
      expect(high.status).toBe('applies');
      expect(high.due).toEqual({ kind: 'text', text: 'without undue delay' });
      const encrypted = obligation(
        euFacts({ answers: { risk: 'high', encrypted: true } }),
        'gdpr34',
      );
      expect(encrypted.status).toBe('not-applicable');
      expect(reasonsOf(encrypted)).toContain('unintelligible');
      expect(obligation(euFacts(), 'gdpr34').status).toBe('not-applicable');
    });

    it('produces no personal-data obligations for a synthetic-only leak, and says so', () => {
      const facts = euFacts({
        data: { categories: ['synthetic'] },
        answers: { risk: 'high', encrypted: false },
      });
      for (const id of ['gdpr33', 'gdpr34', 'ukgdpr33', 'ukgdpr34']) {
        const o = obligation(facts, id);
        expect(o.status).toBe('not-applicable');
        expect(o.reasons).toContain('the leaked data include no personal data');
      }
    });

    it('treats leaked weights of a model trained on personal data as personal data', () => {
      const weights = euFacts({
        data: {
          categories: ['proprietary.model-weights'],
          model: {
            ref: 'resource:default/recsys-llm-v3',
            trainingData: [
              {
                ref: 'resource:default/clickstream',
                categories: ['personal.behavioral'],
              },
            ],
          },
        },
      });
      const inherited = obligation(weights, 'gdpr33');
      expect(inherited.status).toBe('applies');
      expect(inherited.reasons).toContain(
        "the leaked data include personal data: 'personal.behavioral' (from resource:default/clickstream)",
      );
      const assessed = euFacts({
        data: {
          ...weights.data,
          model: {
            ...weights.data.model!,
            anonymityAssessment: { conclusion: 'anonymous' },
          },
        },
      });
      expect(obligation(assessed, 'gdpr33').status).toBe('not-applicable');
    });
  });

  describe('NIS2', () => {
    const nis2 = euFacts({
      answers: { nis2InScope: true, nis2Significant: true },
    });

    it('early warning 24 h and notification 72 h from awareness', () => {
      expect(dueAt(obligation(nis2, 'nis2_ew'))).toBe(
        '2026-03-28T09:00:00.000Z',
      );
      expect(dueAt(obligation(nis2, 'nis2_n'))).toBe(
        '2026-03-30T09:00:00.000Z',
      );
    });

    it('final report one calendar month after the notification was submitted', () => {
      const pending = obligation(nis2, 'nis2_final');
      expect(pending.status).toBe('applies');
      expect(pending.due).toMatchObject({
        kind: 'clock-not-started',
        period: '1 month',
        // 10:00 CET on 27 March is 10:00 CEST on 27 April.
        earliestAt: '2026-04-27T08:00:00.000Z',
      });
      expect(pending.openQuestions).toEqual([
        {
          about: 'facts.clocks.nis2_n_submitted',
          question:
            'Record when the organisation submitted the NIS2 incident notification.',
        },
      ]);
      const submitted = obligation(
        {
          ...nis2,
          clocks: {
            aware: '2026-03-27T09:00:00Z',
            nis2_n_submitted: '2026-03-30T08:00:00Z',
          },
        },
        'nis2_final',
      );
      expect(dueAt(submitted)).toBe('2026-04-30T08:00:00.000Z');
    });

    it('does not apply outside NIS2 scope and is to be determined when unknown', () => {
      const out = obligation(
        euFacts({ answers: { nis2InScope: false, nis2Significant: true } }),
        'nis2_n',
      );
      expect(out.status).toBe('not-applicable');
      expect(
        obligation(euFacts({ answers: { nis2InScope: false } }), 'nis2_final')
          .status,
      ).toBe('not-applicable');
      const unknown = obligation(euFacts(), 'nis2_ew');
      expect(unknown.status).toBe('to-be-determined');
      expect(unknown.openQuestions.map(q => q.about)).toEqual([
        'answers.nis2InScope',
        'answers.nis2Significant',
      ]);
    });
  });

  describe('AI Act Art. 73', () => {
    const ai = (aware: string, extra = {}) =>
      euFacts({
        clocks: { aware },
        answers: {
          highRiskAiProvider: true,
          aiSeriousIncident: true,
          ...extra,
        },
      });

    it('is not in force before 2 August 2026', () => {
      const o = obligation(ai('2026-08-01T10:00:00Z'), 'aiact_gen');
      expect(o.status).toBe('not-applicable');
      expect(o.reasons[0]).toMatch(
        /^not yet in force: applies from 2026-08-02 \(awareness on 2026-08-01\)/,
      );
    });

    it('gives 15, 2 and 10 calendar days once in force', () => {
      const facts = ai('2026-08-02T10:00:00Z', {
        aiWidespreadOrCriticalInfrastructure: true,
        aiDeath: false,
      });
      expect(dueAt(obligation(facts, 'aiact_gen'))).toBe(
        '2026-08-17T10:00:00.000Z',
      );
      expect(dueAt(obligation(facts, 'aiact_wide'))).toBe(
        '2026-08-04T10:00:00.000Z',
      );
      expect(obligation(facts, 'aiact_death').status).toBe('not-applicable');
      const death = ai('2026-08-02T10:00:00Z', { aiDeath: true });
      expect(dueAt(obligation(death, 'aiact_death'))).toBe(
        '2026-08-12T10:00:00.000Z',
      );
    });

    it('judges the start date on the local date in Brussels', () => {
      // 23:30 UTC on 1 August is already 2 August in Brussels.
      expect(obligation(ai('2026-08-01T23:30:00Z'), 'aiact_gen').status).toBe(
        'applies',
      );
    });
  });

  describe('DORA', () => {
    const dora = (clocks: Record<string, string>) =>
      euFacts({
        clocks: { aware: '2026-03-02T00:00:00Z', ...clocks },
        answers: { financialEntity: true, doraMajor: true },
      });

    it('is due 4 hours after classification', () => {
      expect(
        dueAt(
          obligation(
            dora({ classification: '2026-03-02T10:00:00Z' }),
            'dora_init',
          ),
        ),
      ).toBe('2026-03-02T14:00:00.000Z');
    });

    it('never later than 24 hours after awareness', () => {
      const late = obligation(
        dora({ classification: '2026-03-02T22:00:00Z' }),
        'dora_init',
      );
      expect(dueAt(late)).toBe('2026-03-03T00:00:00.000Z');
      expect(late.due).toMatchObject({
        note: expect.stringContaining('outer limit'),
      });
      const unclassified = obligation(dora({}), 'dora_init');
      expect(dueAt(unclassified)).toBe('2026-03-03T00:00:00.000Z');
    });

    it('does not apply to a non-financial entity', () => {
      expect(
        obligation(
          euFacts({ answers: { financialEntity: false } }),
          'dora_init',
        ).status,
      ).toBe('not-applicable');
    });
  });

  describe('United Kingdom', () => {
    const uk = euFacts({
      dataSubjects: [{ jurisdiction: 'GB', approxCount: 50_000 }],
      establishments: ['US'],
      answers: { risk: 'high', encrypted: false },
    });

    it('UK GDPR Art. 33 72 hours and Art. 34 without undue delay', () => {
      expect(dueAt(obligation(uk, 'ukgdpr33'))).toBe(
        '2026-03-30T09:00:00.000Z',
      );
      expect(obligation(uk, 'ukgdpr34').due).toEqual({
        kind: 'text',
        text: 'without undue delay',
      });
      expect(obligation(uk, 'gdpr33').status).toBe('not-applicable');
    });

    it('UK NIS for a relevant digital service provider with substantial impact', () => {
      const rdsp = {
        ...uk,
        answers: { ukRdsp: true, ukNisSubstantialImpact: true },
      };
      expect(dueAt(obligation(rdsp, 'uknis_rdsp'))).toBe(
        '2026-03-30T09:00:00.000Z',
      );
      expect(
        obligation({ ...uk, answers: { ukRdsp: false } }, 'uknis_rdsp').status,
      ).toBe('not-applicable');
    });
  });

  it('Switzerland: FDPIC as quickly as possible for a high risk', () => {
    const ch = euFacts({
      hostingRegions: ['eu-central-2'],
      dataSubjects: [{ jurisdiction: 'CH', approxCount: 40 }],
      answers: { risk: 'high' },
    });
    const o = obligation(ch, 'ch_fdpic');
    expect(o.status).toBe('applies');
    expect(o.reasons).toContain('residence link: data subjects in CH');
    // Hosting in Zurich alone is no link to the revFADP.
    expect(obligation({ ...ch, dataSubjects: [] }, 'ch_fdpic').status).toBe(
      'not-applicable',
    );
    expect(o.due).toEqual({ kind: 'text', text: 'as quickly as possible' });
    expect(
      obligation({ ...ch, answers: { risk: 'risk' } }, 'ch_fdpic').status,
    ).toBe('not-applicable');
  });
});
