import { IncidentFacts } from './types';
import { dueAt, obligation, reasonsOf } from './__testUtils__/facts';

/** Customer logins of US residents acquired by an attacker. */
function usFacts(overrides: Partial<IncidentFacts> = {}): IncidentFacts {
  return {
    clocks: {
      aware: '2026-03-02T15:00:00Z',
      determination: '2026-03-02T15:00:00Z',
    },
    data: { categories: ['personal.credentials'] },
    dataSubjects: [{ jurisdiction: 'US-CA', approxCount: 501 }],
    hostingRegions: ['us-east-1'],
    establishments: ['US'],
    answers: {
      acquired: true,
      encrypted: false,
      misuseLikely: true,
      conductsBusinessInTexas: true,
      flNoHarmDetermination: false,
    },
    ...overrides,
  };
}

const subjects = (jurisdiction: string, approxCount?: number) =>
  usFacts({ dataSubjects: [{ jurisdiction, approxCount }] });

describe('evaluateObligations — United States', () => {
  describe('California', () => {
    it('residents within 30 calendar days of discovery, across the DST change', () => {
      // 07:00 PST on 2 March; 30 days later it is 07:00 PDT.
      const o = obligation(usFacts(), 'ca_ind');
      expect(o.status).toBe('applies');
      expect(o.clock.source).toBe('awareness');
      expect(dueAt(o)).toBe('2026-04-01T14:00:00.000Z');
    });

    it('AG 15 calendar days after the consumer notice, for more than 500 residents', () => {
      const pending = obligation(usFacts(), 'ca_ag');
      expect(pending.status).toBe('applies');
      expect(pending.due).toMatchObject({
        kind: 'clock-not-started',
        earliestAt: '2026-03-17T14:00:00.000Z',
      });
      const sent = obligation(
        usFacts({
          clocks: {
            aware: '2026-03-02T15:00:00Z',
            consumer_notice_sent: '2026-04-20T17:00:00Z',
          },
        }),
        'ca_ag',
      );
      expect(dueAt(sent)).toBe('2026-05-05T17:00:00.000Z');
    });

    it('AG threshold is more than 500: 500 residents is below it', () => {
      const o = obligation(subjects('US-CA', 500), 'ca_ag');
      expect(o.status).toBe('not-applicable');
      expect(o.reasons).toEqual([
        'about 500 data subjects in US-CA, below the threshold (more than 500)',
      ]);
    });

    it('needs acquisition and unencrypted data', () => {
      expect(
        obligation(usFacts({ answers: { acquired: false } }), 'ca_ind').status,
      ).toBe('not-applicable');
      expect(
        obligation(
          usFacts({ answers: { acquired: true, encrypted: true } }),
          'ca_ind',
        ).status,
      ).toBe('not-applicable');
      const unknown = obligation(usFacts({ answers: {} }), 'ca_ind');
      expect(unknown.status).toBe('to-be-determined');
      expect(unknown.openQuestions.map(q => q.about)).toEqual([
        'answers.acquired',
        'answers.encrypted',
      ]);
    });

    it('is to be determined when only "US" is recorded, without the state', () => {
      const o = obligation(subjects('US', 10_000), 'ca_ind');
      expect(o.status).toBe('to-be-determined');
      expect(reasonsOf(o)).toContain(
        'data subjects are recorded for US, which may include US-CA',
      );
      expect(o.openQuestions[0].about).toBe('facts.dataSubjects');
    });

    it('AG is to be determined when the resident count is unknown', () => {
      expect(obligation(subjects('US-CA'), 'ca_ind').status).toBe('applies');
      const ag = obligation(subjects('US-CA'), 'ca_ag');
      expect(ag.status).toBe('to-be-determined');
      expect(reasonsOf(ag)).toContain(
        'the number of data subjects in US-CA is not known',
      );
    });

    it('asks whether names came with ID numbers when the data may hold them', () => {
      const o = obligation(
        usFacts({ data: { categories: ['personal.identifiers'] } }),
        'ca_ind',
      );
      expect(o.status).toBe('to-be-determined');
      expect(o.openQuestions.map(q => q.about)).toEqual([
        'answers.governmentIdsLeaked',
      ]);
      expect(
        obligation(
          usFacts({
            data: { categories: ['personal.identifiers'] },
            answers: { ...usFacts().answers, governmentIdsLeaked: true },
          }),
          'ca_ind',
        ).reasons[1],
      ).toMatch(/^personal information under Cal\. Civ\. Code 1798\.82\(h\)/);
      // Purchase history holds no element of the definition.
      const behavioural = obligation(
        usFacts({ data: { categories: ['personal.behavioral'] } }),
        'ca_ind',
      );
      expect(behavioural.status).toBe('not-applicable');
      expect(reasonsOf(behavioural)).toContain(
        'no personal information under Cal. Civ. Code 1798.82(h)',
      );
    });

    it('does not apply without California residents', () => {
      const o = obligation(subjects('US-NY', 10), 'ca_ind');
      expect(o.status).toBe('not-applicable');
      expect(o.reasons).toEqual(['no data subjects in US-CA']);
    });
  });

  describe('New York', () => {
    it('residents within 30 days of discovery; NYDFS 72 h from determination for covered entities', () => {
      const facts = usFacts({
        dataSubjects: [{ jurisdiction: 'US-NY', approxCount: 20 }],
        answers: { encrypted: false, nydfsCoveredEntity: true },
      });
      expect(dueAt(obligation(facts, 'ny_ind'))).toBe(
        '2026-04-01T14:00:00.000Z',
      );
      expect(dueAt(obligation(facts, 'nydfs'))).toBe(
        '2026-03-05T15:00:00.000Z',
      );
      const noDetermination = obligation(
        { ...facts, clocks: { aware: '2026-03-02T15:00:00Z' } },
        'nydfs',
      );
      expect(noDetermination.due).toMatchObject({
        kind: 'clock-not-started',
        period: '72 hours',
      });
      expect(
        obligation(
          { ...facts, answers: { nydfsCoveredEntity: false } },
          'nydfs',
        ).status,
      ).toBe('not-applicable');
    });
  });

  describe('Texas', () => {
    /** Card numbers with names and their security codes: sensitive personal information in Texas. */
    const texasCards = (count: number) =>
      usFacts({
        data: { categories: ['payment.card', 'personal.identifiers'] },
        dataSubjects: [{ jurisdiction: 'US-TX', approxCount: count }],
        answers: { ...usFacts().answers, accessCodesLeaked: true },
      });

    it('individuals 60 days and AG 30 days from determination, 250 residents or more', () => {
      const facts = texasCards(250);
      // 09:00 CST on 2 March; DST starts on 8 March.
      expect(dueAt(obligation(facts, 'tx_ind'))).toBe(
        '2026-05-01T14:00:00.000Z',
      );
      expect(dueAt(obligation(facts, 'tx_ag'))).toBe(
        '2026-04-01T14:00:00.000Z',
      );
      expect(obligation(texasCards(249), 'tx_ag').status).toBe(
        'not-applicable',
      );
    });

    it('customer logins are not sensitive personal information in Texas (521.002(a)(2) has no login element)', () => {
      const logins = subjects('US-TX', 5000);
      expect(obligation(logins, 'ca_ind').status).toBe('not-applicable');
      const o = obligation(logins, 'tx_ind');
      expect(o.status).toBe('not-applicable');
      expect(reasonsOf(o)).toContain(
        'no personal information under Tex. Bus. & Com. Code 521.002(a)(2)',
      );
      expect(reasonsOf(o)).toContain('no online-login element');
      // The same logins are personal information in California.
      expect(obligation(subjects('US-CA', 10), 'ca_ind').status).toBe(
        'applies',
      );
    });

    it('a card number needs its security code in Texas and California, and no name in Colorado', () => {
      const cards = (state: string, answers = {}) =>
        usFacts({
          data: { categories: ['payment.card'] },
          dataSubjects: [{ jurisdiction: state, approxCount: 10 }],
          answers: { ...usFacts().answers, ...answers },
        });
      const open = obligation(cards('US-TX'), 'tx_ind');
      expect(open.status).toBe('to-be-determined');
      expect(open.openQuestions.map(q => q.about)).toEqual([
        'answers.namesLeaked',
        'answers.accessCodesLeaked',
      ]);
      expect(
        obligation(cards('US-TX', { accessCodesLeaked: false }), 'tx_ind')
          .status,
      ).toBe('not-applicable');
      expect(
        obligation(cards('US-CA', { accessCodesLeaked: false }), 'ca_ind')
          .status,
      ).toBe('not-applicable');
      const colorado = obligation(
        cards('US-CO', { accessCodesLeaked: true, namesLeaked: false }),
        'co_ind',
      );
      expect(colorado.status).toBe('applies');
      expect(reasonsOf(colorado)).toContain('6-1-716(1)(g)(I)(C)');
      expect(
        obligation(
          cards('US-CA', { accessCodesLeaked: true, namesLeaked: false }),
          'ca_ind',
        ).status,
      ).toBe('not-applicable');
    });

    it('covers non-residents when the business operates in Texas', () => {
      const euOnly = {
        ...texasCards(300),
        dataSubjects: [{ jurisdiction: 'DE', approxCount: 300 }],
      };
      expect(obligation(euOnly, 'tx_ind').status).toBe('applies');
      expect(obligation(euOnly, 'tx_ag').status).toBe('not-applicable');
      const notInTexas = {
        ...euOnly,
        answers: { ...euOnly.answers, conductsBusinessInTexas: false },
      };
      expect(obligation(notInTexas, 'tx_ind').status).toBe('not-applicable');
    });
  });

  describe('Florida, Colorado, Washington', () => {
    it('Florida: the Department at 500 or more, even after a no-harm determination, which is itself due in 30 days', () => {
      expect(obligation(subjects('US-FL', 500), 'fl_ag').status).toBe(
        'applies',
      );
      expect(obligation(subjects('US-FL', 499), 'fl_ag').status).toBe(
        'not-applicable',
      );
      const noHarm = usFacts({
        dataSubjects: [{ jurisdiction: 'US-FL', approxCount: 5000 }],
        answers: { encrypted: false, flNoHarmDetermination: true },
      });
      expect(obligation(noHarm, 'fl_ind').status).toBe('not-applicable');
      // 501.171(3)(a): the Department's notice does not depend on the individual one.
      expect(obligation(noHarm, 'fl_ag').status).toBe('applies');
      const determination = obligation(noHarm, 'fl_noharm');
      expect(determination.status).toBe('applies');
      expect(determination.law).toBe('Florida Stat. 501.171(4)(c)');
      expect(dueAt(determination)).toBe('2026-04-01T14:00:00.000Z');
      expect(obligation(subjects('US-FL', 5000), 'fl_noharm').status).toBe(
        'not-applicable',
      );
      // 10:00 EST on 2 March + 30 days = 10:00 EDT on 1 April.
      expect(dueAt(obligation(subjects('US-FL', 500), 'fl_ind'))).toBe(
        '2026-04-01T14:00:00.000Z',
      );
    });

    it('Colorado: only if misuse is likely; AG at 500 or more', () => {
      expect(obligation(subjects('US-CO', 500), 'co_ag').status).toBe(
        'applies',
      );
      const unlikely = usFacts({
        dataSubjects: [{ jurisdiction: 'US-CO', approxCount: 900 }],
        answers: { acquired: true, encrypted: false, misuseLikely: false },
      });
      expect(obligation(unlikely, 'co_ind').status).toBe('not-applicable');
      // 08:00 MST on 2 March + 30 days = 08:00 MDT on 1 April.
      expect(dueAt(obligation(subjects('US-CO', 1), 'co_ind'))).toBe(
        '2026-04-01T14:00:00.000Z',
      );
    });

    it('Washington: AG for more than 500', () => {
      expect(obligation(subjects('US-WA', 500), 'wa_ag').status).toBe(
        'not-applicable',
      );
      expect(obligation(subjects('US-WA', 501), 'wa_ag').status).toBe(
        'applies',
      );
      expect(dueAt(obligation(subjects('US-WA', 501), 'wa_ag'))).toBe(
        '2026-04-01T14:00:00.000Z',
      );
    });

    it('entries of the same state may overlap: at least the largest, at most the sum', () => {
      const facts = usFacts({
        dataSubjects: [
          { jurisdiction: 'US-WA', approxCount: 300 },
          { jurisdiction: 'US-WA', approxCount: 201 },
        ],
      });
      const o = obligation(facts, 'wa_ag');
      expect(o.status).toBe('to-be-determined');
      expect(reasonsOf(o)).toContain(
        'between 300 and 501 data subjects in US-WA; the datasets may overlap (threshold: more than 500)',
      );
      expect(
        obligation(
          usFacts({
            dataSubjects: [
              { jurisdiction: 'US-WA', approxCount: 501 },
              { jurisdiction: 'US-WA', approxCount: 20 },
            ],
          }),
          'wa_ag',
        ).status,
      ).toBe('applies');
    });
  });

  describe('SEC Form 8-K Item 1.05', () => {
    const sec = (clocks: Record<string, string>) =>
      usFacts({
        clocks: { aware: '2026-06-29T12:00:00Z', ...clocks },
        answers: { secRegistrant: true, secMaterial: true },
      });

    it('4 business days from the materiality determination, skipping 3 July 2026', () => {
      const o = obligation(
        sec({ materiality_determination: '2026-07-02T19:00:00Z' }),
        'sec8k',
      );
      expect(dueAt(o)).toBe('2026-07-09T19:00:00.000Z');
      expect(o.due).toMatchObject({
        period: '4 US business days',
        zone: 'America/New_York',
      });
    });

    it('waits for the determination; not applicable for a private company', () => {
      expect(obligation(sec({}), 'sec8k').due).toMatchObject({
        kind: 'clock-not-started',
      });
      expect(
        obligation(usFacts({ answers: { secRegistrant: false } }), 'sec8k')
          .status,
      ).toBe('not-applicable');
      expect(
        obligation(usFacts({ answers: { secRegistrant: true } }), 'sec8k')
          .status,
      ).toBe('to-be-determined');
    });
  });

  describe('Visa', () => {
    const card = usFacts({
      clocks: { aware: '2026-11-25T14:00:00Z' },
      data: { categories: ['payment.card'] },
    });

    it('immediately, report in 3 and PANs in 10 business days over Thanksgiving', () => {
      expect(obligation(card, 'visa_now').due).toEqual({
        kind: 'text',
        text: 'immediately',
      });
      expect(dueAt(obligation(card, 'visa_rpt'))).toBe(
        '2026-12-01T14:00:00.000Z',
      );
      expect(dueAt(obligation(card, 'visa_pans'))).toBe(
        '2026-12-10T14:00:00.000Z',
      );
    });

    it('needs card data, encrypted or not', () => {
      const encrypted = { ...card, answers: { encrypted: true } };
      expect(obligation(encrypted, 'visa_now').status).toBe('applies');
      const noCards = obligation(usFacts(), 'visa_now');
      expect(noCards.status).toBe('not-applicable');
      expect(noCards.reasons).toEqual([
        'the leaked data include no card data (PCI account data)',
      ]);
    });
  });

  it('marks a passed deadline as overdue', () => {
    const late = obligation(usFacts(), 'ca_ind', {
      now: '2026-04-02T00:00:00Z',
    });
    expect(late.due).toMatchObject({ kind: 'at', overdue: true });
    expect(obligation(usFacts(), 'ca_ind').due).toMatchObject({
      overdue: false,
    });
  });
});
