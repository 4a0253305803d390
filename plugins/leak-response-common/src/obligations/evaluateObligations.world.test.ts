import { IncidentFacts } from './types';
import { dueAt, obligation, reasonsOf } from './__testUtils__/facts';

function facts(overrides: Partial<IncidentFacts>): IncidentFacts {
  return {
    clocks: { aware: '2026-04-01T13:00:00Z' },
    data: { categories: ['personal.behavioral'] },
    dataSubjects: [],
    hostingRegions: ['us-east-1'],
    establishments: ['US'],
    answers: {},
    ...overrides,
  };
}

describe('evaluateObligations — rest of the world', () => {
  describe('Brazil LGPD', () => {
    const br = (
      answers: IncidentFacts['answers'],
      categories = ['personal.credentials'],
    ) =>
      facts({
        data: { categories },
        dataSubjects: [{ jurisdiction: 'BR', approxCount: 5000 }],
        answers: { brSignificantEffect: true, ...answers },
      });

    it('3 working days, skipping Good Friday and the weekend', () => {
      const o = obligation(br({ brSmallAgent: false }), 'lgpd');
      expect(o.status).toBe('applies');
      expect(dueAt(o)).toBe('2026-04-07T13:00:00.000Z');
      expect(o.due).toMatchObject({
        period: '3 Brazilian working days',
        zone: 'America/Sao_Paulo',
      });
    });

    it('6 working days for a small processing agent', () => {
      const o = obligation(br({ brSmallAgent: true }), 'lgpd');
      expect(dueAt(o)).toBe('2026-04-10T13:00:00.000Z');
      expect(o.due).toMatchObject({
        note: 'doubled for small processing agents',
      });
    });

    it('plans with 3 working days while the agent size is unknown', () => {
      const o = obligation(br({}), 'lgpd');
      expect(dueAt(o)).toBe('2026-04-07T13:00:00.000Z');
      expect(o.due).toMatchObject({
        note: expect.stringContaining(
          '6 Brazilian working days instead (doubled for small processing agents)',
        ),
      });
    });

    it('needs one of the Res. 15/2024 criteria', () => {
      const noCriterion = br(
        { vulnerableSubjects: false, secrecyData: false, largeScale: false },
        ['personal.behavioral'],
      );
      expect(obligation(noCriterion, 'lgpd').status).toBe('not-applicable');
      const open = obligation(br({}, ['personal.behavioral']), 'lgpd');
      expect(open.status).toBe('to-be-determined');
      expect(open.openQuestions.map(q => q.about)).toEqual([
        'answers.vulnerableSubjects',
        'answers.secrecyData',
        'answers.largeScale',
      ]);
    });

    it('does not apply through hosting in São Paulo alone (LGPD Art. 4(IV)); an establishment there does', () => {
      const hosted = facts({
        data: { categories: ['personal.credentials'] },
        hostingRegions: ['sa-east-1'],
        answers: { brSignificantEffect: true },
      });
      const o = obligation(hosted, 'lgpd');
      expect(o.status).toBe('not-applicable');
      expect(o.reasons).toEqual([
        'no data subjects in BR',
        'not established in BR',
      ]);
      const established = obligation(
        { ...hosted, establishments: ['BR'] },
        'lgpd',
      );
      expect(established.status).toBe('applies');
      expect(established.reasons).toContain(
        'establishment link: established in BR',
      );
    });

    it('supplement 20 working days after the first notice', () => {
      const first = br({ brSmallAgent: false });
      expect(obligation(first, 'lgpd_supp').due).toMatchObject({
        kind: 'clock-not-started',
      });
      const supplemented = obligation(
        {
          ...first,
          clocks: {
            aware: '2026-04-01T13:00:00Z',
            first_notice: '2026-12-14T13:00:00Z',
          },
        },
        'lgpd_supp',
      );
      expect(dueAt(supplemented)).toBe('2027-01-13T13:00:00.000Z');
    });
  });

  describe('Singapore PDPA', () => {
    it('PDPC 3 days after the notifiable determination, at 500 individuals or more', () => {
      const sg = facts({
        dataSubjects: [{ jurisdiction: 'SG', approxCount: 600 }],
      });
      const pending = obligation(sg, 'sg_pdpc');
      expect(pending.status).toBe('applies');
      expect(pending.due).toMatchObject({
        kind: 'clock-not-started',
        earliestAt: '2026-04-04T13:00:00.000Z',
      });
      const determined = obligation(
        {
          ...sg,
          clocks: {
            aware: '2026-04-01T13:00:00Z',
            notifiable_determination: '2026-04-20T02:00:00Z',
          },
        },
        'sg_pdpc',
      );
      expect(dueAt(determined)).toBe('2026-04-23T02:00:00.000Z');
      expect(dueAt(obligation(sg, 'sg_assess'))).toBe(
        '2026-05-01T13:00:00.000Z',
      );
    });

    it('below 500 it depends on significant harm', () => {
      const small = facts({
        dataSubjects: [{ jurisdiction: 'SG', approxCount: 499 }],
      });
      expect(obligation(small, 'sg_pdpc').status).toBe('to-be-determined');
      expect(
        obligation(
          { ...small, answers: { sgSignificantHarm: false } },
          'sg_pdpc',
        ).status,
      ).toBe('not-applicable');
    });
  });

  describe('Japan APPI', () => {
    const jp = (answers: IncidentFacts['answers'], approxCount = 50) =>
      facts({
        dataSubjects: [{ jurisdiction: 'JP', approxCount }],
        answers: { encrypted: false, ...answers },
      });

    it('unlawful purpose: preliminary in 3 days, final in 60 days', () => {
      const malicious = jp({ maliciousAct: true });
      expect(dueAt(obligation(malicious, 'jp_prelim'))).toBe(
        '2026-04-04T13:00:00.000Z',
      );
      expect(obligation(malicious, 'jp_final').status).toBe('not-applicable');
      expect(dueAt(obligation(malicious, 'jp_final_mal'))).toBe(
        '2026-05-31T13:00:00.000Z',
      );
    });

    it('more than 1,000 persons: final in 30 days', () => {
      const many = jp({ maliciousAct: false }, 1001);
      expect(dueAt(obligation(many, 'jp_final'))).toBe(
        '2026-05-01T13:00:00.000Z',
      );
      expect(obligation(many, 'jp_final_mal').status).toBe('not-applicable');
    });

    it('a small, accidental leak of ordinary data is not reportable', () => {
      const o = obligation(jp({ maliciousAct: false }, 1000), 'jp_prelim');
      expect(o.status).toBe('not-applicable');
      expect(reasonsOf(o)).toContain(
        'about 1,000 data subjects in any jurisdiction, below the threshold (more than 1,000)',
      );
    });

    it('card data is reportable even for one person', () => {
      const card = facts({
        data: { categories: ['payment.card'] },
        dataSubjects: [{ jurisdiction: 'JP', approxCount: 1 }],
        answers: { encrypted: false, maliciousAct: false },
      });
      expect(obligation(card, 'jp_prelim').status).toBe('applies');
    });
  });

  describe('China', () => {
    const cn = facts({
      hostingRegions: ['cn-north-1'],
      dataSubjects: [{ jurisdiction: 'CN', approxCount: 2_000_000 }],
    });

    it('PIPL immediately; CAC 4 hours for a relatively major incident', () => {
      expect(obligation(cn, 'cn_pipl').due).toEqual({
        kind: 'text',
        text: 'immediately',
      });
      expect(dueAt(obligation(cn, 'cn_cac'))).toBe('2026-04-01T17:00:00.000Z');
      expect(obligation(cn, 'cn_cac_cii').status).toBe('to-be-determined');
      expect(
        dueAt(obligation({ ...cn, answers: { cnCii: true } }, 'cn_cac_cii')),
      ).toBe('2026-04-01T14:00:00.000Z');
      expect(obligation(cn, 'cn_summary').due).toMatchObject({
        kind: 'clock-not-started',
        period: '30 calendar days',
      });
    });

    it('nothing when neither hosted in nor serving mainland China', () => {
      const none = obligation(
        facts({ dataSubjects: [{ jurisdiction: 'HK', approxCount: 5 }] }),
        'cn_cac',
      );
      expect(none.status).toBe('not-applicable');
      expect(obligation(facts({}), 'cn_summary').status).toBe('not-applicable');
    });
  });

  describe('India', () => {
    const india = (aware: string) =>
      facts({
        clocks: { aware },
        dataSubjects: [{ jurisdiction: 'IN', approxCount: 100 }],
      });

    it('DPDP Rule 7 is not in force before 12 May 2027', () => {
      const o = obligation(india('2027-05-11T12:00:00Z'), 'in_dpdp_72');
      expect(o.status).toBe('not-applicable');
      expect(o.reasons[0]).toContain(
        'not yet in force: applies from 2027-05-12',
      );
    });

    it('is to be determined on the disputed start dates', () => {
      const o = obligation(india('2027-05-13T12:00:00Z'), 'in_dpdp_init');
      expect(o.status).toBe('to-be-determined');
      expect(o.openQuestions[0].about).toBe('rules.in_dpdp_init.inForce');
    });

    it('applies from 14 May 2027: without delay, and 72 hours for the detailed report', () => {
      const f = india('2027-05-14T12:00:00Z');
      expect(obligation(f, 'in_dpdp_init').due).toEqual({
        kind: 'text',
        text: 'without delay',
      });
      expect(dueAt(obligation(f, 'in_dpdp_72'))).toBe(
        '2027-05-17T12:00:00.000Z',
      );
    });

    it('CERT-In 6 hours when hosted or established in India, whatever the data', () => {
      const hosted = facts({
        data: { categories: ['credentials.machine'] },
        hostingRegions: ['ap-south-1'],
      });
      const o = obligation(hosted, 'in_certin');
      expect(dueAt(o)).toBe('2026-04-01T19:00:00.000Z');
      expect(o.reasons).toContain(
        'a data leak or unauthorised access is a listed CERT-In incident type',
      );
      expect(
        obligation(facts({ establishments: undefined }), 'in_certin').status,
      ).toBe('to-be-determined');
      expect(obligation(facts({}), 'in_certin').status).toBe('not-applicable');
    });
  });

  describe('South Korea, Canada, Australia, UAE', () => {
    it('Korea: data subjects and PIPC within 72 hours from 1,000 subjects', () => {
      const kr = facts({
        dataSubjects: [{ jurisdiction: 'KR', approxCount: 1000 }],
        answers: {},
      });
      expect(dueAt(obligation(kr, 'kr_ind'))).toBe('2026-04-04T13:00:00.000Z');
      expect(obligation(kr, 'kr_pipc').status).toBe('applies');
      const few = facts({
        dataSubjects: [{ jurisdiction: 'KR', approxCount: 999 }],
        answers: { maliciousAct: false },
      });
      expect(obligation(few, 'kr_pipc').status).toBe('not-applicable');
    });

    it('Canada: as soon as feasible after the determination, for a real risk of significant harm', () => {
      const ca = facts({
        dataSubjects: [{ jurisdiction: 'CA', approxCount: 10 }],
        answers: { rrosh: true },
      });
      const o = obligation(ca, 'pipeda');
      expect(o.due).toEqual({ kind: 'text', text: 'as soon as feasible' });
      expect(o.clock.source).toBe('not-started');
      // California (US-CA) is not Canada (CA).
      const california = facts({
        dataSubjects: [{ jurisdiction: 'US-CA', approxCount: 10 }],
        answers: { rrosh: true },
      });
      expect(obligation(california, 'pipeda').status).toBe('not-applicable');
      // ca-central-1 is in Canada, but hosting alone is no link to PIPEDA.
      expect(
        obligation(
          facts({ hostingRegions: ['ca-central-1'], answers: { rrosh: true } }),
          'pipeda',
        ).status,
      ).toBe('not-applicable');
    });

    it('Australia: only for APP entities', () => {
      const au = facts({
        dataSubjects: [{ jurisdiction: 'AU', approxCount: 10 }],
        answers: { auAppEntity: true },
      });
      // Sydney leaves DST on 5 April: 00:00 AEDT + 30 days = 00:00 AEST, an hour later in UTC.
      expect(dueAt(obligation(au, 'au_assess'))).toBe(
        '2026-05-01T14:00:00.000Z',
      );
      expect(obligation(au, 'au_notify').status).toBe('to-be-determined');
      expect(
        obligation({ ...au, answers: { auAppEntity: false } }, 'au_assess')
          .status,
      ).toBe('not-applicable');
    });

    it('UAE is a placeholder: always to be determined with counsel', () => {
      const o = obligation(
        facts({ dataSubjects: [{ jurisdiction: 'AE', approxCount: 5 }] }),
        'ae_pdpl',
      );
      expect(o.status).toBe('to-be-determined');
      expect(o.openQuestions[0].about).toBe('counsel');
      expect(o.confidence).toBe('unverified');
    });
  });
});
