import { DEFAULT_OBLIGATION_RULES } from './defaultRules';
import { RuleValidationError, mergeRules, validateRule } from './mergeRules';
import { dueAt, euFacts, obligation } from './__testUtils__/facts';

const SECTION_D_IDS = [
  'gdpr33',
  'gdpr34',
  'nis2_ew',
  'nis2_n',
  'nis2_final',
  'aiact_gen',
  'aiact_wide',
  'aiact_death',
  'ukgdpr33',
  'uknis_rdsp',
  'ca_ind',
  'ca_ag',
  'ny_ind',
  'nydfs',
  'tx_ind',
  'tx_ag',
  'fl_ind',
  'fl_ag',
  'co_ind',
  'co_ag',
  'wa_ind',
  'wa_ag',
  'sec8k',
  'visa_now',
  'visa_rpt',
  'visa_pans',
  'pipeda',
  'lgpd',
  'lgpd_supp',
  'sg_assess',
  'sg_pdpc',
  'au_assess',
  'au_notify',
  'jp_prelim',
  'jp_final',
  'jp_final_mal',
  'cn_pipl',
  'cn_cac',
  'cn_cac_cii',
  'cn_summary',
  'in_certin',
  'in_dpdp_init',
  'in_dpdp_72',
  'kr_ind',
  'kr_pipc',
  'ch_fdpic',
  'ae_pdpl',
  'dora_init',
];

function validationError(run: () => unknown): RuleValidationError {
  try {
    run();
  } catch (e) {
    if (e instanceof RuleValidationError) return e;
    throw e;
  }
  throw new Error('expected a RuleValidationError');
}

describe('the default rules table', () => {
  it('holds every rule of section D once, plus UK GDPR Art. 34', () => {
    const ids = DEFAULT_OBLIGATION_RULES.map(r => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(
      [...SECTION_D_IDS, 'ukgdpr34', 'fl_noharm'].sort(),
    );
  });

  it('passes its own schema unchanged', () => {
    for (const rule of DEFAULT_OBLIGATION_RULES) {
      expect(validateRule(rule, `rules.${rule.id}`)).toEqual(rule);
    }
    expect(mergeRules(DEFAULT_OBLIGATION_RULES, undefined)).toEqual(
      DEFAULT_OBLIGATION_RULES,
    );
  });

  it('carries the values of the reference', () => {
    const byId = Object.fromEntries(
      DEFAULT_OBLIGATION_RULES.map(r => [r.id, r]),
    );
    expect(byId.gdpr33.deadline).toEqual({
      kind: 'period',
      amount: 72,
      unit: 'h',
    });
    expect(byId.sec8k.deadline).toEqual({
      kind: 'period',
      amount: 4,
      unit: 'bd',
    });
    expect(byId.sec8k.clock).toBe('materiality_determination');
    expect(byId.ca_ag.clock).toBe('consumer_notice_sent');
    expect(byId.nis2_final.deadline).toEqual({
      kind: 'period',
      amount: 1,
      unit: 'mo',
    });
    expect(byId.lgpd.deadline).toMatchObject({ amount: 3, unit: 'wd' });
    expect(byId.aiact_gen.inForce?.from).toBe('2026-08-02');
    expect(byId.in_dpdp_72.inForce).toMatchObject({
      from: '2027-05-14',
      possiblyFrom: '2027-05-12',
    });
    // Checked against Fla. Stat. 501.171(3)(a); the reference had a secondary source only.
    expect(byId.fl_ag.confidence).toBe('verified');
    expect(byId.ae_pdpl.confidence).toBe('unverified');
    expect(byId.visa_now.deadline).toEqual({
      kind: 'text',
      text: 'immediately',
    });
  });
});

describe('mergeRules', () => {
  it('changes one field of a deadline and keeps the rest', () => {
    const rules = mergeRules(DEFAULT_OBLIGATION_RULES, {
      gdpr33: { deadline: { amount: 48 } },
    });
    expect(rules.find(r => r.id === 'gdpr33')!.deadline).toEqual({
      kind: 'period',
      amount: 48,
      unit: 'h',
    });
    expect(dueAt(obligation(euFacts(), 'gdpr33', { rules }))).toBe(
      '2026-03-29T09:00:00.000Z',
    );
  });

  it('moves a start date (e.g. the Digital Omnibus on AI once published)', () => {
    const rules = mergeRules(DEFAULT_OBLIGATION_RULES, {
      aiact_gen: { inForce: { from: '2027-12-02' } },
    });
    const facts = euFacts({
      clocks: { aware: '2026-09-01T10:00:00Z' },
      answers: { highRiskAiProvider: true, aiSeriousIncident: true },
    });
    expect(obligation(facts, 'aiact_gen').status).toBe('applies');
    const moved = obligation(facts, 'aiact_gen', { rules });
    expect(moved.status).toBe('not-applicable');
    expect(moved.reasons[0]).toContain(
      'not yet in force: applies from 2027-12-02',
    );
  });

  it('disables and adds rules, keeping the table order', () => {
    const rules = mergeRules(DEFAULT_OBLIGATION_RULES, {
      visa_now: { disabled: true },
      mc_now: {
        regime: 'Mastercard',
        law: 'Mastercard Account Data Compromise rules',
        jurisdiction: '*',
        recipient: 'Acquirer and Mastercard',
        stage: 'immediate notice',
        trigger: 'Suspected compromise of Mastercard account data',
        when: { data: 'cardData' },
        clock: 'suspicion',
        deadline: { kind: 'text', text: 'immediately' },
      },
    });
    const ids = rules.map(r => r.id);
    expect(ids).not.toContain('visa_now');
    expect(ids[ids.length - 1]).toBe('mc_now');
    expect(rules[rules.length - 1]).toMatchObject({
      zone: 'UTC',
      confidence: 'unverified',
      content: [],
    });
    const card = euFacts({ data: { categories: ['payment.card'] } });
    expect(obligation(card, 'mc_now', { rules }).status).toBe('applies');
  });

  it('does not touch the defaults', () => {
    const before = JSON.stringify(DEFAULT_OBLIGATION_RULES);
    mergeRules(DEFAULT_OBLIGATION_RULES, {
      gdpr33: { deadline: { amount: 1 } },
      kr_ind: { disabled: true },
    });
    expect(JSON.stringify(DEFAULT_OBLIGATION_RULES)).toBe(before);
  });

  it.each([
    [
      { gdpr33: { deadline: { unit: 'days' } } },
      'leakResponse.rules.gdpr33.deadline.unit',
      'must be one of h, cd, bd, wd, mo',
    ],
    [
      { gdpr33: { deadline: { amount: -3 } } },
      'leakResponse.rules.gdpr33.deadline.amount',
      'whole number',
    ],
    [
      { gdpr33: { clock: 'later' } },
      'leakResponse.rules.gdpr33.clock',
      'unknown clock event',
    ],
    [
      { gdpr33: { zone: 'Europe/Atlantis' } },
      'leakResponse.rules.gdpr33.zone',
      'IANA',
    ],
    [
      { gdpr33: { confidence: 'sure' } },
      'leakResponse.rules.gdpr33.confidence',
      'verified, secondary, unverified',
    ],
    [
      { gdpr33: { when: { all: [{ answer: 'vibes' }] } } },
      'leakResponse.rules.gdpr33.when.all[0].answer',
      'must be one of risk',
    ],
    [
      { gdpr33: { when: { answer: 'risk', is: 'huge' } } },
      'leakResponse.rules.gdpr33.when.is',
      'unlikely, risk, high',
    ],
    [
      { gdpr33: { when: { subjectsIn: ['US-CA'], moreThan: 1, atLeast: 2 } } },
      'leakResponse.rules.gdpr33.when.atLeast',
      'not both',
    ],
    [
      { gdpr33: { when: { data: 'personal', hostedIn: ['DE'] } } },
      'leakResponse.rules.gdpr33.when',
      'exactly one of',
    ],
    [
      { gdpr33: { colour: 'red' } },
      'leakResponse.rules.gdpr33.colour',
      'unknown field',
    ],
    [
      { aiact_gen: { inForce: { from: '2 Dec 2027' } } },
      'leakResponse.rules.aiact_gen.inForce.from',
      'YYYY-MM-DD',
    ],
    [
      { new_rule: { regime: 'X' } },
      'leakResponse.rules.new_rule.law',
      'non-empty string',
    ],
    [{ Bad_Id: { regime: 'X' } }, 'leakResponse.rules.Bad_Id.id', 'lower-case'],
    [{ nope: { disabled: true } }, 'leakResponse.rules.nope', "no rule 'nope'"],
    [
      { ca_ind: { disabled: true } },
      'leakResponse.rules.ca_ag.when',
      "unknown or disabled rule 'ca_ind'",
    ],
    [
      { nis2_n: { when: { ruleApplies: 'nis2_final' } } },
      'leakResponse.rules.nis2_n.when',
      'cycle',
    ],
    [['gdpr33'], 'leakResponse.rules', 'must be an object'],
  ])('rejects %j naming %s', (overrides, field, problem) => {
    const error = validationError(() =>
      mergeRules(DEFAULT_OBLIGATION_RULES, overrides),
    );
    expect(error.field).toBe(field);
    expect(error.message).toContain(problem);
  });
});
