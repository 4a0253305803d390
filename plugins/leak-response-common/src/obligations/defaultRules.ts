/**
 * The built-in breach-notification rules: section D of
 * shared/reference/notification-obligations.md, with the regime details of
 * section A. Deadlines, thresholds and start dates are data so that a
 * compliance team can correct them from app-config (`leakResponse.rules`)
 * without a release. This is not legal advice; `confidence` says how well
 * each row was checked.
 */
import { AssessmentQuestion } from './answers';
import { PeriodUnit } from './time/periods';
import { Condition, Deadline, ObligationRule } from './types';

// Small builders keep the table readable; they only produce plain data.
const all = (...conditions: Condition[]): Condition => ({ all: conditions });
const any = (...conditions: Condition[]): Condition => ({ any: conditions });
const yes = (answer: AssessmentQuestion): Condition => ({ answer });
const no = (answer: AssessmentQuestion): Condition => ({ not: { answer } });
const subjects = (...codes: string[]): Condition => ({ subjectsIn: codes });
const hosted = (...codes: string[]): Condition => ({ hostedIn: codes });
const established = (...codes: string[]): Condition => ({
  establishedIn: codes,
});
const rule = (ruleId: string): Condition => ({ ruleApplies: ruleId });
const personal: Condition = { data: 'personal' };
/** Personal information as the state's own statute defines it (`US_STATE_PI_DEFINITIONS`). */
const statePi = (state: string): Condition => ({
  usStatePersonalInformation: state,
});
const period = (amount: number, unit: PeriodUnit): Deadline => ({
  kind: 'period',
  amount,
  unit,
});
const text = (words: string): Deadline => ({ kind: 'text', text: words });

/**
 * Laws that also cover processing on their territory (PIPL Art. 3, DPDP
 * Act s.3): hosting there links them to the incident, as residence does.
 */
const livesOrHosted = (code: string) => any(subjects(code), hosted(code));
/**
 * Laws that attach to the people's residence or the organisation's
 * establishment: hosting there alone does not make them apply (LGPD Art.
 * 4(IV) excludes data from abroad that are only processed in Brazil).
 */
const livesOrEstablished = (code: string) =>
  any(subjects(code), established(code));

const gdprTerritory = any(subjects('EEA'), established('EEA'));
const ukTerritory = any(subjects('GB'), established('GB'));
const notUnlikelyRisk: Condition = { answer: 'risk', is: ['risk', 'high'] };
const highRisk: Condition = { answer: 'risk', is: 'high' };

const GDPR_SOURCES = [
  'GDPR Art. 33 text: gdprlearninghub.com/article-33-gdpr',
  'EDPB Guidelines 9/2022 (awareness, para. 73): macwangrid.com, connectontech.com, privacyoutloud.ro',
];
const GDPR_CONTENT = [
  'Nature of the breach, categories and approximate numbers of data subjects and records',
  'Name and contact details of the DPO or other contact point',
  'Likely consequences of the breach',
  'Measures taken or proposed, including mitigation',
];
const NIS2_SOURCES = [
  'NIS2 Art. 23: nis2-info.eu/article-23-reporting-obligations; powerquant.dk; docs.modulos.ai',
  'NIS2 Art. 26: streamlex.eu/articles/nis2-en-art-26',
  'IR 2024/2690 Art. 11: springlex.eu/en/packages/nis2/cmsi-regulation/article-11',
];
const NIS2_STAGES =
  '24 h early warning; 72 h incident notification; intermediate report on request; final report ≤1 month after the notification (progress report then if still ongoing, final report within 1 month of handling)';
const NIS2_RECIPIENT =
  'CSIRT or competent authority of the Member State of main establishment in the EU (or of the Art. 26 representative); where appropriate also recipients of the service';
const AI_ACT_IN_FORCE = {
  from: '2026-08-02',
  note: 'AI Act Art. 113: Annex III high-risk obligations apply from 2 Aug 2026 (Annex I systems from 2 Aug 2027). The Digital Omnibus on AI would move this to 2 Dec 2027 (Annex III) / 2 Aug 2028 (Annex I) but is not law until published in the OJ: override `inForce.from` when it is.',
};
const AI_ACT_CONDITION = all(
  yes('highRiskAiProvider'),
  yes('aiSeriousIncident'),
);
const AI_ACT_SOURCES = [
  'AI Act Art. 73: springlex.netlify.app/en/packages/ai-act/ai-act-regulation/article-73/',
  'AI Act Art. 113: regulation-ai.eu/en/articles/article-113/; botcorpus.com; aiactblog.nl; powerquant.eu/digital-omnibus (Omnibus)',
];
const AI_ACT_NOTES = [
  'The report is due immediately once a causal link (or its reasonable likelihood) is established, and no later than the period shown.',
  'Whether these are calendar days is unverified (reference §E.1); under Reg. 1182/71 a period in days may roll to the next working day — not applied here, so the date shown is the earlier one.',
  'Do not alter the AI system before informing the authorities (Art. 73).',
];
const AI_ACT_STAGES =
  'Art. 73(5): an initial incomplete report followed by a complete report is allowed';
const US_STATE_NOTE =
  'Day counts keep the local time of the clock event in the state’s zone; the statute may allow until the end of the last day.';
const DPDP_IN_FORCE = {
  from: '2027-05-14',
  possiblyFrom: '2027-05-12',
  note: 'DPDP Rules 2025 Rule 7 applies 18 months after notification (13/14 Nov 2025); sources give 12, 13 or 14 May 2027 (reference §E.7).',
};
const DPDP_SOURCES = [
  'Rule 7 text: dpdpaedu.org',
  'Commencement: mondaq.com (1708164); azbpartners.com ("May 12, 2027"); getastra.com ("14 May 2027")',
];
const CAC_SOURCES = [
  'Art. 4 text: qdubb.cn (republished from 网信中国)',
  'globalprivacyblog.com (Squire Patton Boggs); freshfromchina.com (thresholds, 30 days)',
];
const CAC_TERRITORY = any(
  hosted('CN'),
  all(subjects('CN'), yes('cnNetworkOperator')),
);
const CAC_GRADE = any(yes('cnRelativelyMajor'), {
  subjectsIn: ['*'],
  atLeast: 1_000_000,
});
const VISA_SOURCES = [
  'usa.visa.com/support/small-business/data-security.html; visa.fi (same page; 3 working days)',
  'PCI DSS v4.0 Req. 12.10.1: well-architected.ai; ir-os.com',
];
const VISA_NOTES = [
  'Applies to merchants accepting Visa; Mastercard, Amex and Discover also expect immediate notice under their own rules (secondary sources).',
  'Visa says "business (working) days"; counted here on the US federal calendar (reference §D marks the definition ❓).',
];
const JP_CATEGORY = any(
  { data: 'specialCategory' },
  { data: 'cardData' },
  all({ data: 'authenticationData' }, yes('paymentAccountLogins')),
  yes('maliciousAct'),
  { subjectsIn: ['*'], moreThan: 1000 },
);
const JP_SOURCES = [
  'businesslawyers.jp/practices/1433',
  'kiroku.today archive of ppc.go.jp/personalinfo/legal/leakAction',
];
const JP_CONTENT = [
  'Overview of the incident',
  'Personal data items involved',
  'Number of persons',
  'Cause',
  'Secondary damage or its risk',
  'Response to the individuals',
  'Publication',
  'Measures to prevent recurrence',
];
const JP_NOTES = [
  'Categories special-care data, property-damage data and unlawful purpose apply even to a single person; the >1,000 threshold counts all affected persons.',
  'Exempt: data protected by advanced encryption; pseudonymously processed information (not modelled: declare such leaks as non-personal only after review).',
  'Individuals: notify promptly as circumstances permit.',
];
const KR_CONTENT = [
  'Personal data items leaked',
  'When and how the leak happened',
  'What data subjects can do to reduce harm',
  'Countermeasures and remedies of the controller',
  'Help desk and contact for reports',
];
const KR_SOURCES = [
  'prighter.com (Art. 34); dlapiperdataprotection.com KR; chambers.com (draft decree, 72 h / 1,000)',
];

/**
 * The built-in rules, in display order.
 * @public
 */
export const DEFAULT_OBLIGATION_RULES: readonly ObligationRule[] = [
  // ---- European Union -----------------------------------------------------
  {
    id: 'gdpr33',
    regime: 'GDPR',
    law: 'GDPR Art. 33',
    jurisdiction: 'EEA',
    recipient:
      'Competent supervisory authority (lead SA under one-stop-shop; a non-EU controller with only an Art. 27 representative notifies every SA where affected data subjects live)',
    stage: 'notification',
    trigger:
      'Personal data breach (Art. 4(12)) unless unlikely to result in a risk to rights and freedoms',
    when: all(personal, gdprTerritory, notUnlikelyRisk),
    clock: 'aware',
    deadline: period(72, 'h'),
    zone: 'Europe/Brussels',
    stagedReports:
      'Art. 33(4): information may be provided in phases without undue further delay',
    content: GDPR_CONTENT,
    sources: GDPR_SOURCES,
    confidence: 'verified',
    notes: [
      'Notify without undue delay and, where feasible, within 72 hours; a late notice must give the reasons for the delay.',
      'Every personal data breach, notified or not, goes into the internal breach register (Art. 33(5)).',
      'Hours run through weekends and holidays.',
    ],
  },
  {
    id: 'gdpr34',
    regime: 'GDPR',
    law: 'GDPR Art. 34',
    jurisdiction: 'EEA',
    recipient: 'Data subjects',
    stage: 'individuals',
    trigger:
      'Likely to result in a high risk; exempt if the data were unintelligible (e.g. encrypted)',
    when: all(personal, gdprTerritory, highRisk, no('encrypted')),
    clock: 'aware',
    deadline: text('without undue delay'),
    zone: 'Europe/Brussels',
    content: [
      'Clear and plain language',
      'Nature of the breach',
      'DPO or contact point; likely consequences; measures taken or proposed (Art. 33(3)(b)–(d))',
    ],
    sources: ['overview.legal/laws/gdpr/art-34', 'gdprhub.eu Article_34_GDPR'],
    confidence: 'verified',
    notes: [
      'Also exempt when later measures remove the high risk (Art. 34(3)(b)); where individual notice is disproportionate effort, a public communication is required instead (Art. 34(3)(c)).',
      'The supervisory authority may order the notice.',
    ],
  },
  {
    id: 'nis2_ew',
    regime: 'NIS2',
    law: 'NIS2 Art. 23(4)(a) (national transposition)',
    jurisdiction: 'EU',
    recipient: NIS2_RECIPIENT,
    stage: 'early warning',
    trigger:
      'Significant incident (Art. 23(3); IR 2024/2690 Art. 11 for online marketplaces) at an essential or important entity',
    when: all(yes('nis2InScope'), yes('nis2Significant')),
    clock: 'aware',
    deadline: period(24, 'h'),
    zone: 'Europe/Brussels',
    stagedReports: NIS2_STAGES,
    content: [
      'Whether the incident is suspected of being caused by unlawful or malicious acts',
      'Whether it could have a cross-border impact',
    ],
    sources: NIS2_SOURCES,
    confidence: 'verified',
    notes: [
      'Member States may add stricter or faster rules and have their own portals; override per Member State (reference §E.3).',
      'A shop selling only its own goods is probably not an online marketplace in NIS2 scope.',
    ],
  },
  {
    id: 'nis2_n',
    regime: 'NIS2',
    law: 'NIS2 Art. 23(4)(b) (national transposition)',
    jurisdiction: 'EU',
    recipient: NIS2_RECIPIENT,
    stage: 'incident notification',
    trigger: 'Significant incident at an essential or important entity',
    when: all(yes('nis2InScope'), yes('nis2Significant')),
    clock: 'aware',
    deadline: period(72, 'h'),
    zone: 'Europe/Brussels',
    stagedReports: NIS2_STAGES,
    content: [
      'Update of the early warning',
      'Initial assessment: severity and impact',
      'Indicators of compromise, where available',
    ],
    sources: NIS2_SOURCES,
    confidence: 'verified',
    notes: [],
  },
  {
    id: 'nis2_final',
    regime: 'NIS2',
    law: 'NIS2 Art. 23(4)(d) (national transposition)',
    jurisdiction: 'EU',
    recipient: NIS2_RECIPIENT,
    stage: 'final report',
    trigger: 'An incident notification (nis2_n) was made',
    when: rule('nis2_n'),
    clock: 'nis2_n_submitted',
    deadline: period(1, 'mo'),
    zone: 'Europe/Brussels',
    stagedReports: NIS2_STAGES,
    content: [
      'Detailed description: severity and impact',
      'Type of threat or root cause',
      'Mitigation measures applied and ongoing',
      'Cross-border impact, where applicable',
    ],
    sources: NIS2_SOURCES,
    confidence: 'verified',
    notes: [
      'If the incident is still ongoing then, send a progress report instead and the final report within one month of handling it.',
    ],
  },
  {
    id: 'aiact_gen',
    regime: 'EU AI Act',
    law: 'AI Act Art. 73(2)',
    jurisdiction: 'EU',
    recipient:
      'Market surveillance authority of the Member State where the incident occurred',
    stage: 'serious incident report (general case)',
    trigger:
      'Serious incident (Art. 3(49)) caused by a high-risk AI system the organisation provides',
    when: AI_ACT_CONDITION,
    clock: 'aware',
    deadline: period(15, 'cd'),
    zone: 'Europe/Brussels',
    inForce: AI_ACT_IN_FORCE,
    stagedReports: AI_ACT_STAGES,
    content: [
      'Per the Commission guidance and reporting template (draft consulted in 2025)',
    ],
    sources: AI_ACT_SOURCES,
    confidence: 'verified',
    notes: AI_ACT_NOTES,
  },
  {
    id: 'aiact_wide',
    regime: 'EU AI Act',
    law: 'AI Act Art. 73(3)',
    jurisdiction: 'EU',
    recipient:
      'Market surveillance authority of the Member State where the incident occurred',
    stage: 'serious incident report (widespread or critical infrastructure)',
    trigger:
      'Widespread infringement, or serious and irreversible disruption of critical infrastructure (Art. 3(49)(b))',
    when: all(AI_ACT_CONDITION, yes('aiWidespreadOrCriticalInfrastructure')),
    clock: 'aware',
    deadline: period(2, 'cd'),
    zone: 'Europe/Brussels',
    inForce: AI_ACT_IN_FORCE,
    stagedReports: AI_ACT_STAGES,
    content: ['Per the Commission guidance and reporting template'],
    sources: AI_ACT_SOURCES,
    confidence: 'verified',
    notes: AI_ACT_NOTES,
  },
  {
    id: 'aiact_death',
    regime: 'EU AI Act',
    law: 'AI Act Art. 73(4)',
    jurisdiction: 'EU',
    recipient:
      'Market surveillance authority of the Member State where the incident occurred',
    stage: 'serious incident report (death of a person)',
    trigger: 'Death of a person',
    when: all(AI_ACT_CONDITION, yes('aiDeath')),
    clock: 'aware',
    deadline: period(10, 'cd'),
    zone: 'Europe/Brussels',
    inForce: AI_ACT_IN_FORCE,
    stagedReports: AI_ACT_STAGES,
    content: ['Per the Commission guidance and reporting template'],
    sources: AI_ACT_SOURCES,
    confidence: 'verified',
    notes: AI_ACT_NOTES,
  },
  {
    id: 'dora_init',
    regime: 'DORA',
    law: 'DORA Art. 19; RTS 2025/301',
    jurisdiction: 'EU',
    recipient: 'National competent authority',
    stage: 'initial notification',
    trigger: 'Major ICT-related incident (RTS 2024/1772) at a financial entity',
    when: all(yes('financialEntity'), yes('doraMajor')),
    clock: 'classification',
    deadline: {
      kind: 'period',
      amount: 4,
      unit: 'h',
      cap: { clock: 'aware', amount: 24, unit: 'h' },
    },
    zone: 'Europe/Brussels',
    stagedReports:
      'Intermediate report 72 h; final report 1 month (RTS 2025/301; templates ITS 2025/302)',
    content: ['Per RTS 2025/301'],
    sources: [
      'dokimos.eu; gibs.dev; intellectumlab.com (RTS 2025/301 summary)',
    ],
    confidence: 'secondary',
    notes: [
      'Only for financial entities (e.g. licensed payment or e-money institutions).',
      'Classification as major must itself happen without undue delay.',
    ],
  },
  // ---- United Kingdom -----------------------------------------------------
  {
    id: 'ukgdpr33',
    regime: 'UK GDPR',
    law: 'UK GDPR Art. 33',
    jurisdiction: 'GB',
    recipient: 'Information Commissioner’s Office (ICO)',
    stage: 'notification',
    trigger:
      'Personal data breach unless unlikely to result in a risk to rights and freedoms',
    when: all(personal, ukTerritory, notUnlikelyRisk),
    clock: 'aware',
    deadline: period(72, 'h'),
    zone: 'Europe/London',
    stagedReports: 'Information may be provided in phases',
    content: GDPR_CONTENT,
    sources: [
      'gdprledger.com/uk; thedpodiary.com; DPA 2018 s.67 (legislation.gov.uk)',
    ],
    confidence: 'verified',
    notes: ['Hours run through weekends and holidays.'],
  },
  {
    // Not a row of §D, which lists only ukgdpr33; §A.2 covers Art. 34 too.
    id: 'ukgdpr34',
    regime: 'UK GDPR',
    law: 'UK GDPR Art. 34',
    jurisdiction: 'GB',
    recipient: 'Data subjects',
    stage: 'individuals',
    trigger:
      'Likely to result in a high risk; exempt if the data were unintelligible (e.g. encrypted)',
    when: all(personal, ukTerritory, highRisk, no('encrypted')),
    clock: 'aware',
    deadline: text('without undue delay'),
    zone: 'Europe/London',
    content: [
      'Clear and plain language: nature of the breach, contact point, likely consequences, measures',
    ],
    sources: ['gdprledger.com/uk; thedpodiary.com'],
    confidence: 'verified',
    notes: ['Added from reference §A.2; section D has no row for it.'],
  },
  {
    id: 'uknis_rdsp',
    regime: 'UK NIS',
    law: 'NIS Regulations 2018 reg. 12',
    jurisdiction: 'GB',
    recipient: 'ICO, in writing',
    stage: 'notification',
    trigger:
      'Incident with a substantial impact on the service of a relevant digital service provider',
    when: all(yes('ukRdsp'), yes('ukNisSubstantialImpact')),
    clock: 'aware',
    deadline: period(72, 'h'),
    zone: 'Europe/London',
    content: [
      'Name of the provider and the services affected',
      'Time the incident occurred and its duration',
      'Nature and impact of the incident, including cross-border impact',
      'Any other information that may be helpful',
    ],
    sources: [
      'ico.org.uk/for-organisations/the-guide-to-nis/',
      'legislation.gov.uk/uksi/2018/506/part/4',
    ],
    confidence: 'verified',
    notes: [
      'The Cyber Security and Resilience Bill (introduced 12 Nov 2025) proposes 24 h initial / 72 h full reports — pending legislation.',
    ],
  },
  // ---- United States: by residence of the affected people -----------------
  {
    id: 'ca_ind',
    regime: 'CA 1798.82',
    law: 'California Civ. Code 1798.82 (as amended by SB 446)',
    jurisdiction: 'US-CA',
    recipient: 'California residents',
    stage: 'individuals',
    trigger:
      'Unencrypted personal information (or encrypted with the key) acquired by an unauthorised person',
    when: all(
      subjects('US-CA'),
      statePi('US-CA'),
      yes('acquired'),
      no('encrypted'),
    ),
    clock: 'discovery',
    deadline: period(30, 'cd'),
    zone: 'America/Los_Angeles',
    content: [
      'Titled "Notice of Data Breach"',
      'Headings "What Happened", "What Information Was Involved", "What We Are Doing", "What You Can Do", "For More Information"',
    ],
    sources: [
      'lcwlegal.com; dataprotectionreport.com (Nov 2025); jdsupra (Sheppard Mullin)',
    ],
    confidence: 'verified',
    notes: [
      'Delay allowed for law enforcement or to determine scope and restore integrity.',
      US_STATE_NOTE,
    ],
  },
  {
    id: 'ca_ag',
    regime: 'CA 1798.82',
    law: 'California Civ. Code 1798.82(f)',
    jurisdiction: 'US-CA',
    recipient: 'California Attorney General (sample notice, electronically)',
    stage: 'regulator',
    trigger: 'More than 500 California residents notified for one breach',
    when: all(rule('ca_ind'), { subjectsIn: ['US-CA'], moreThan: 500 }),
    clock: 'consumer_notice_sent',
    deadline: period(15, 'cd'),
    zone: 'America/Los_Angeles',
    content: ['A sample copy of the consumer notice'],
    sources: [
      'lcwlegal.com; dataprotectionreport.com (Nov 2025); jdsupra (Sheppard Mullin)',
    ],
    confidence: 'verified',
    notes: [US_STATE_NOTE],
  },
  {
    id: 'ny_ind',
    regime: 'NY GBL 899-aa',
    law: 'New York GBL 899-aa (amended Dec 2024)',
    jurisdiction: 'US-NY',
    recipient:
      'New York residents; Attorney General, Department of State, Division of State Police',
    stage: 'individuals',
    trigger:
      'Breach of private information (unauthorised access or acquisition)',
    when: all(subjects('US-NY'), statePi('US-NY'), no('encrypted')),
    clock: 'discovery',
    deadline: period(30, 'cd'),
    zone: 'America/New_York',
    content: [
      'Contact information; telephone numbers and websites of relevant agencies; description of the information involved',
    ],
    sources: [
      'covingtonblogs.com 2025/01/07; workplaceprivacyreport.com; docmagic.com (S.804); alstonprivacy.com',
    ],
    confidence: 'verified',
    notes: [
      'The "scope/restore integrity" delay was removed; a law-enforcement delay is kept.',
      'NYDFS is notified too only if the business is a DFS covered entity (see nydfs).',
      US_STATE_NOTE,
    ],
  },
  {
    id: 'nydfs',
    regime: '23 NYCRR 500.17',
    law: '23 NYCRR 500.17',
    jurisdiction: 'US-NY',
    recipient: 'NYDFS Superintendent',
    stage: 'regulator',
    trigger:
      'Cybersecurity incident at a covered entity, an affiliate or a third-party service provider',
    when: yes('nydfsCoveredEntity'),
    clock: 'determination',
    deadline: period(72, 'h'),
    zone: 'America/New_York',
    content: ['Information about the incident; continuing duty to update'],
    sources: ['law.cornell.edu/regulations/new-york/23-NYCRR-500.17'],
    confidence: 'verified',
    notes: [
      'An extortion payment needs notice within 24 h and a written justification within 30 days (secondary source).',
    ],
  },
  {
    id: 'tx_ind',
    regime: 'TX 521.053',
    law: 'Texas Bus. & Com. Code 521.053',
    jurisdiction: 'US-TX',
    recipient: 'Affected individuals, including non-residents',
    stage: 'individuals',
    trigger:
      'Sensitive personal information acquired without authorisation, by a person doing business in Texas',
    when: all(
      any(subjects('US-TX'), yes('conductsBusinessInTexas')),
      statePi('US-TX'),
      yes('acquired'),
      no('encrypted'),
    ),
    clock: 'determination',
    deadline: period(60, 'cd'),
    zone: 'America/Chicago',
    content: [],
    sources: ['lawserver.com (statute text); lewisbrisbois.com'],
    confidence: 'verified',
    notes: [
      'Texas covers every affected person, not only residents, when the business operates in Texas.',
      'More than 10,000 Texas residents: also notify the nationwide consumer reporting agencies without unreasonable delay (secondary source).',
      US_STATE_NOTE,
    ],
  },
  {
    id: 'tx_ag',
    regime: 'TX 521.053',
    law: 'Texas Bus. & Com. Code 521.053(i) (S.B. 768, 2023)',
    jurisdiction: 'US-TX',
    recipient: 'Texas Attorney General (online portal)',
    stage: 'regulator',
    trigger: 'At least 250 Texas residents affected',
    when: all(rule('tx_ind'), { subjectsIn: ['US-TX'], atLeast: 250 }),
    clock: 'determination',
    deadline: period(30, 'cd'),
    zone: 'America/Chicago',
    content: [],
    sources: ['perkinscoie.com security-breach chart, Texas'],
    confidence: 'verified',
    notes: [US_STATE_NOTE],
  },
  {
    id: 'fl_ind',
    regime: 'FL 501.171',
    law: 'Florida Stat. 501.171',
    jurisdiction: 'US-FL',
    recipient: 'Affected Florida individuals',
    stage: 'individuals',
    trigger:
      'Unauthorised access to electronic personal information, unless a written no-harm determination was made after consulting law enforcement',
    when: all(
      subjects('US-FL'),
      statePi('US-FL'),
      no('encrypted'),
      no('flNoHarmDetermination'),
    ),
    clock: 'determination',
    deadline: period(30, 'cd'),
    zone: 'America/New_York',
    content: [],
    sources: [
      'dwt.com/gcp/states/florida; statute excerpt (e-cigarette-forum mirror)',
    ],
    confidence: 'verified',
    notes: [
      'A no-harm determination must be sent in writing to the Department of Legal Affairs within 30 days.',
      'More than 1,000 individuals: also notify the consumer reporting agencies (secondary source).',
      US_STATE_NOTE,
    ],
  },
  {
    id: 'fl_ag',
    regime: 'FL 501.171',
    law: 'Florida Stat. 501.171(3)',
    jurisdiction: 'US-FL',
    recipient: 'Florida Department of Legal Affairs',
    stage: 'regulator',
    trigger:
      'A breach of security affecting at least 500 individuals in Florida, whether or not individual notice is needed',
    // 501.171(3)(a) does not depend on the individual notice: a no-harm
    // determination under (4)(c) spares the individuals, not the Department.
    when: all(
      { subjectsIn: ['US-FL'], atLeast: 500 },
      statePi('US-FL'),
      no('encrypted'),
    ),
    clock: 'determination',
    deadline: period(30, 'cd'),
    zone: 'America/New_York',
    content: [
      'A synopsis of the events; the number of Floridians affected; services offered; a copy of the notice; contact (501.171(3)(b))',
    ],
    sources: [
      'Fla. Stat. 501.171(3)(a)–(b) (statute text: leg.state.fl.us)',
      'wordsbywit.com/florida; complianceiq.site',
    ],
    confidence: 'verified',
    notes: [
      '15 more days if good cause is given in writing within the 30 days (501.171(3)(a)).',
      'The reference (§D) made this notice depend on the individual notice (fl_ind); 501.171(3)(a) does not, so it is evaluated on its own.',
      US_STATE_NOTE,
    ],
  },
  {
    id: 'fl_noharm',
    regime: 'FL 501.171',
    law: 'Florida Stat. 501.171(4)(c)',
    jurisdiction: 'US-FL',
    recipient: 'Florida Department of Legal Affairs',
    stage: 'written no-harm determination',
    trigger:
      'Individual notice withheld because, after consulting law enforcement, the breach was determined not likely to cause identity theft or financial harm',
    when: all(
      subjects('US-FL'),
      statePi('US-FL'),
      no('encrypted'),
      yes('flNoHarmDetermination'),
    ),
    clock: 'determination',
    deadline: period(30, 'cd'),
    zone: 'America/New_York',
    content: [
      'The written determination, with the investigation and the law-enforcement consultation it rests on',
    ],
    sources: [
      'Fla. Stat. 501.171(4)(c) (statute text: leg.state.fl.us)',
      'dwt.com/gcp/states/florida',
    ],
    confidence: 'verified',
    notes: [
      'The 30 days run from the determination; it is also kept for 5 years (501.171(4)(c)).',
      US_STATE_NOTE,
    ],
  },
  {
    id: 'co_ind',
    regime: 'CO 6-1-716',
    law: 'Colorado CRS 6-1-716',
    jurisdiction: 'US-CO',
    recipient: 'Affected Colorado residents',
    stage: 'individuals',
    trigger: 'Unauthorised acquisition, unless misuse is not reasonably likely',
    when: all(
      subjects('US-CO'),
      statePi('US-CO'),
      yes('acquired'),
      no('encrypted'),
      yes('misuseLikely'),
    ),
    clock: 'determination',
    deadline: period(30, 'cd'),
    zone: 'America/Denver',
    content: [],
    sources: ['dwt.com/gcp/states/colorado'],
    confidence: 'verified',
    notes: [
      'Colorado treats a card number with its code as personal information even without a name.',
      '1,000 or more residents: also notify the consumer reporting agencies (secondary source).',
      US_STATE_NOTE,
    ],
  },
  {
    id: 'co_ag',
    regime: 'CO 6-1-716',
    law: 'Colorado CRS 6-1-716(2)(f)',
    jurisdiction: 'US-CO',
    recipient: 'Colorado Attorney General',
    stage: 'regulator',
    trigger: 'At least 500 Colorado residents affected',
    when: all(rule('co_ind'), { subjectsIn: ['US-CO'], atLeast: 500 }),
    clock: 'determination',
    deadline: period(30, 'cd'),
    zone: 'America/Denver',
    content: [],
    sources: ['dwt.com; csrps.com/privacy-regulations/colorado'],
    confidence: 'verified',
    notes: [US_STATE_NOTE],
  },
  {
    id: 'wa_ind',
    regime: 'WA 19.255',
    law: 'Washington RCW 19.255.010',
    jurisdiction: 'US-WA',
    recipient: 'Affected Washington residents',
    stage: 'individuals',
    trigger:
      'Unsecured personal information acquired and reasonably likely to subject consumers to a risk of harm',
    when: all(
      subjects('US-WA'),
      statePi('US-WA'),
      yes('acquired'),
      no('encrypted'),
      yes('misuseLikely'),
    ),
    clock: 'discovery',
    deadline: period(30, 'cd'),
    zone: 'America/Los_Angeles',
    content: [],
    sources: [
      'atg.wa.gov/washington-s-data-breach-notification-laws (official)',
    ],
    confidence: 'verified',
    notes: [US_STATE_NOTE],
  },
  {
    id: 'wa_ag',
    regime: 'WA 19.255',
    law: 'Washington RCW 19.255.010(7)',
    jurisdiction: 'US-WA',
    recipient: 'Washington Attorney General (web form)',
    stage: 'regulator',
    trigger: 'More than 500 Washington residents affected',
    when: all(rule('wa_ind'), { subjectsIn: ['US-WA'], moreThan: 500 }),
    clock: 'discovery',
    deadline: period(30, 'cd'),
    zone: 'America/Los_Angeles',
    content: [],
    sources: [
      'atg.wa.gov/washington-s-data-breach-notification-laws (official)',
    ],
    confidence: 'verified',
    notes: [US_STATE_NOTE],
  },
  {
    id: 'sec8k',
    regime: 'SEC',
    law: 'SEC Form 8-K Item 1.05',
    jurisdiction: 'US',
    recipient: 'SEC (public filing)',
    stage: 'public filing',
    trigger:
      'Cybersecurity incident determined to be material, at an SEC registrant',
    when: all(yes('secRegistrant'), yes('secMaterial')),
    clock: 'materiality_determination',
    deadline: period(4, 'bd'),
    zone: 'America/New_York',
    stagedReports:
      'An 8-K/A within 4 business days after previously unavailable information becomes available',
    content: [
      'Material aspects of the nature, scope and timing of the incident',
      'Its material impact or reasonably likely material impact',
    ],
    sources: [
      'Release 33-11216 quoted at breachdocket.com; mktbolt.com; threatngsecurity.com (amendment)',
    ],
    confidence: 'verified',
    notes: [
      'The materiality determination must be made without unreasonable delay after discovery.',
      'Delay only if the US Attorney General finds a substantial risk to national security or public safety.',
    ],
  },
  // ---- Card brands (contractual) -------------------------------------------
  {
    id: 'visa_now',
    regime: 'Visa',
    law: 'Visa What To Do If Compromised; PCI DSS v4.0 Req. 12.10.1',
    jurisdiction: '*',
    recipient: 'Acquirer, Visa Fraud Control, US Secret Service',
    stage: 'immediate notice',
    trigger: 'Suspected or confirmed loss or theft of Visa account data',
    when: { data: 'cardData' },
    clock: 'suspicion',
    deadline: text('immediately'),
    zone: 'America/New_York',
    content: [],
    sources: VISA_SOURCES,
    confidence: 'verified',
    notes: [
      ...VISA_NOTES,
      'Up to US$100k penalty (to the client bank) for failing to notify immediately.',
    ],
  },
  {
    id: 'visa_rpt',
    regime: 'Visa',
    law: 'Visa What To Do If Compromised',
    jurisdiction: '*',
    recipient: 'Visa',
    stage: 'incident report',
    trigger: 'Suspected or confirmed loss or theft of Visa account data',
    when: { data: 'cardData' },
    clock: 'incident',
    deadline: period(3, 'bd'),
    zone: 'America/New_York',
    content: ['Incident report'],
    sources: VISA_SOURCES,
    confidence: 'verified',
    notes: VISA_NOTES,
  },
  {
    id: 'visa_pans',
    regime: 'Visa',
    law: 'Visa What To Do If Compromised',
    jurisdiction: '*',
    recipient: 'Visa',
    stage: 'at-risk account numbers',
    trigger: 'Suspected or confirmed loss or theft of Visa account data',
    when: { data: 'cardData' },
    clock: 'incident',
    deadline: period(10, 'bd'),
    zone: 'America/New_York',
    content: ['All at-risk account numbers (PANs)'],
    sources: VISA_SOURCES,
    confidence: 'verified',
    notes: VISA_NOTES,
  },
  // ---- Rest of the world ---------------------------------------------------
  {
    id: 'pipeda',
    regime: 'PIPEDA',
    law: 'PIPEDA s.10.1; Breach of Security Safeguards Regulations',
    jurisdiction: 'CA',
    recipient:
      'Privacy Commissioner of Canada; affected individuals; organisations that can reduce the harm',
    stage: 'notification',
    trigger:
      'Breach of security safeguards creating a real risk of significant harm (RROSH)',
    when: all(personal, livesOrEstablished('CA'), yes('rrosh')),
    clock: 'determination',
    deadline: text('as soon as feasible'),
    zone: 'America/Toronto',
    content: [],
    sources: ['priv.gc.ca gd_pb_201810; dataprotectionreport.com (2018)'],
    confidence: 'verified',
    notes: [
      'Keep a record of every breach, notified or not (24-month retention unverified, reference §E.5).',
    ],
  },
  {
    id: 'lgpd',
    regime: 'LGPD',
    law: 'LGPD Art. 48; Res. CD/ANPD 15/2024',
    jurisdiction: 'BR',
    recipient: 'ANPD (electronic form) and data subjects',
    stage: 'notification',
    trigger:
      'Risk or relevant damage: can significantly affect interests or fundamental rights AND involves sensitive, children’s/elderly, financial, authentication or secret data, or is large scale',
    when: all(
      personal,
      livesOrEstablished('BR'),
      yes('brSignificantEffect'),
      any(
        { data: 'specialCategory' },
        { data: 'financial' },
        { data: 'authenticationData' },
        { data: 'vulnerableSubjects' },
        yes('vulnerableSubjects'),
        yes('secrecyData'),
        yes('largeScale'),
      ),
    ),
    clock: 'knowledge_pd_affected',
    deadline: {
      kind: 'period',
      amount: 3,
      unit: 'wd',
      variants: [
        {
          when: yes('brSmallAgent'),
          amount: 6,
          note: 'doubled for small processing agents',
        },
      ],
    },
    zone: 'America/Sao_Paulo',
    stagedReports:
      'The ANPD notice may be supplemented within 20 working days (lgpd_supp)',
    content: [],
    sources: [
      'bortolozoadv.com.br; lhlaw.com.br; trenchrossi.com; pradovidigal.com.br; bastilhocoelho.com.br',
    ],
    confidence: 'verified',
    notes: [
      'Keep a register of all incidents for at least 5 years.',
      'Notify individuals directly where possible, otherwise by public notice for at least 90 days.',
      'Sources disagree on the article number of Res. 15/2024 (Art. 6 or Art. 9).',
    ],
  },
  {
    id: 'lgpd_supp',
    regime: 'LGPD',
    law: 'Res. CD/ANPD 15/2024',
    jurisdiction: 'BR',
    recipient: 'ANPD',
    stage: 'supplement',
    trigger: 'The ANPD was notified (lgpd)',
    when: all(rule('lgpd'), yes('brNoticeIncomplete')),
    clock: 'first_notice',
    deadline: period(20, 'wd'),
    zone: 'America/Sao_Paulo',
    content: ['Information not available at the first notice'],
    sources: ['bortolozoadv.com.br; lhlaw.com.br; trenchrossi.com'],
    confidence: 'verified',
    notes: [],
  },
  {
    id: 'sg_assess',
    regime: 'PDPA SG',
    law: 'Singapore PDPA Part 6A (s.26C); PDPC guide',
    jurisdiction: 'SG',
    recipient: 'Internal: assessment of whether the breach is notifiable',
    stage: 'assessment',
    trigger: 'Credible grounds to believe a data breach occurred',
    when: all(personal, livesOrEstablished('SG')),
    clock: 'credible_grounds',
    deadline: period(30, 'cd'),
    zone: 'Asia/Singapore',
    content: [],
    sources: ['pdpc.gov.sg data-breach-management-guide; sorena.io'],
    confidence: 'verified',
    notes: [
      '"Reasonable and expeditious"; the PDPC guidance expects at most 30 calendar days.',
    ],
  },
  {
    id: 'sg_pdpc',
    regime: 'PDPA SG',
    law: 'Singapore PDPA Part 6A (s.26D)',
    jurisdiction: 'SG',
    recipient: 'PDPC; affected individuals if significant harm is likely',
    stage: 'notification',
    trigger:
      'Likely significant harm, or significant scale (at least 500 individuals)',
    when: all(
      personal,
      livesOrEstablished('SG'),
      any(yes('sgSignificantHarm'), { subjectsIn: ['*'], atLeast: 500 }),
    ),
    clock: 'notifiable_determination',
    deadline: period(3, 'cd'),
    zone: 'Asia/Singapore',
    content: [],
    sources: [
      'pdpc.gov.sg/Report-Data-Breach (official); pdpc.gov.sg data-breach-management-guide; sorena.io',
    ],
    confidence: 'verified',
    notes: [
      'Day 1 is the day after the determination.',
      'Individuals (only if significant harm): as soon as practicable, at the same time as or after notifying the PDPC.',
      'The 500 threshold counts all affected individuals.',
    ],
  },
  {
    id: 'au_assess',
    regime: 'Privacy Act AU',
    law: 'Privacy Act 1988 Part IIIC (s 26WH)',
    jurisdiction: 'AU',
    recipient: 'Internal: assessment of a suspected eligible data breach',
    stage: 'assessment',
    trigger:
      'Reasonable grounds to suspect an eligible data breach, at an APP entity',
    when: all(personal, livesOrEstablished('AU'), yes('auAppEntity')),
    clock: 'suspicion',
    deadline: period(30, 'cd'),
    zone: 'Australia/Sydney',
    content: [],
    sources: ['rulesmate.com.au (cites OAIC); moores.com.au; dpoadviser.com'],
    confidence: 'secondary',
    notes: ['Section numbers unverified.'],
  },
  {
    id: 'au_notify',
    regime: 'Privacy Act AU',
    law: 'Privacy Act 1988 Part IIIC (s 26WK, 26WL)',
    jurisdiction: 'AU',
    recipient: 'OAIC (statement); individuals at risk',
    stage: 'notification',
    trigger:
      'Reasonable grounds to believe an eligible data breach (likely serious harm, not prevented by remedial action)',
    when: all(
      personal,
      livesOrEstablished('AU'),
      yes('auAppEntity'),
      yes('auSeriousHarmLikely'),
    ),
    clock: 'belief',
    deadline: text('as soon as practicable'),
    zone: 'Australia/Sydney',
    content: [],
    sources: ['rulesmate.com.au (cites OAIC); moores.com.au; dpoadviser.com'],
    confidence: 'secondary',
    notes: ['Section numbers unverified.'],
  },
  {
    id: 'jp_prelim',
    regime: 'APPI',
    law: 'APPI Art. 26; PPC Rules Art. 7–8',
    jurisdiction: 'JP',
    recipient:
      'Personal Information Protection Commission (or the delegated ministry)',
    stage: 'preliminary report (速報)',
    trigger:
      'Special-care data, property-damage data (card numbers, banking logins), possible unlawful purpose, or more than 1,000 persons',
    when: all(personal, livesOrEstablished('JP'), no('encrypted'), JP_CATEGORY),
    clock: 'aware',
    deadline: period(3, 'cd'),
    zone: 'Asia/Tokyo',
    stagedReports:
      'Preliminary report promptly (about 3–5 days); final report within 30 days, or 60 days for a possibly unlawful purpose',
    content: JP_CONTENT,
    sources: JP_SOURCES,
    confidence: 'verified',
    notes: [
      'The PPC guideline says "promptly, about 3–5 days"; the earlier end is used.',
      ...JP_NOTES,
    ],
  },
  {
    id: 'jp_final',
    regime: 'APPI',
    law: 'APPI Art. 26; PPC Rules Art. 8',
    jurisdiction: 'JP',
    recipient:
      'Personal Information Protection Commission (or the delegated ministry)',
    stage: 'final report (確報)',
    trigger: 'Reportable leak not possibly committed for an unlawful purpose',
    when: all(rule('jp_prelim'), no('maliciousAct')),
    clock: 'aware',
    deadline: period(30, 'cd'),
    zone: 'Asia/Tokyo',
    content: JP_CONTENT,
    sources: JP_SOURCES,
    confidence: 'verified',
    notes: JP_NOTES,
  },
  {
    id: 'jp_final_mal',
    regime: 'APPI',
    law: 'APPI Art. 26; PPC Rules Art. 8',
    jurisdiction: 'JP',
    recipient:
      'Personal Information Protection Commission (or the delegated ministry)',
    stage: 'final report (確報)',
    trigger: 'Reportable leak possibly committed for an unlawful purpose',
    when: all(rule('jp_prelim'), yes('maliciousAct')),
    clock: 'aware',
    deadline: period(60, 'cd'),
    zone: 'Asia/Tokyo',
    content: JP_CONTENT,
    sources: JP_SOURCES,
    confidence: 'verified',
    notes: JP_NOTES,
  },
  {
    id: 'cn_pipl',
    regime: 'PIPL',
    law: 'PIPL Art. 57',
    jurisdiction: 'CN',
    recipient: 'PI-protection departments (CAC etc.) and individuals',
    stage: 'notification',
    trigger:
      'Actual or possible leak, tampering or loss of personal information',
    when: all(personal, livesOrHosted('CN')),
    clock: 'occurrence',
    deadline: text('immediately'),
    zone: 'Asia/Shanghai',
    content: [
      'Categories of personal information, cause and possible harm',
      'Remedial measures taken',
      'Steps individuals can take to reduce harm',
      'Contact of the personal information handler',
    ],
    sources: ['translate.hicom-asia.com (summary of Art. 57)'],
    confidence: 'secondary',
    notes: [
      'Individual notice may be skipped if measures effectively avoid harm, unless the authority requires it.',
    ],
  },
  {
    id: 'cn_cac',
    regime: 'CAC Measures',
    law: 'National Cybersecurity Incident Reporting Measures (CAC, in force 1 Nov 2025)',
    jurisdiction: 'CN',
    recipient: 'Provincial CAC',
    stage: 'incident report',
    trigger:
      'Incident graded "relatively major" (较大) or above (e.g. personal information of at least 1 million people)',
    when: all(CAC_TERRITORY, CAC_GRADE),
    clock: 'discovery',
    deadline: period(4, 'h'),
    zone: 'Asia/Shanghai',
    stagedReports:
      'Post-incident summary report within 30 days after handling (cn_summary)',
    content: [],
    sources: CAC_SOURCES,
    confidence: 'verified',
    notes: [
      'Grading thresholds are from secondary sources (reference §E.6); the 1 million count covers all affected people.',
      'Central and state organs: 2 hours (not modelled).',
    ],
  },
  {
    id: 'cn_cac_cii',
    regime: 'CAC Measures',
    law: 'National Cybersecurity Incident Reporting Measures (CAC, in force 1 Nov 2025)',
    jurisdiction: 'CN',
    recipient: 'CII protection department and public security',
    stage: 'incident report',
    trigger:
      'Incident at critical information infrastructure graded "relatively major" or above',
    when: all(CAC_TERRITORY, yes('cnCii'), CAC_GRADE),
    clock: 'discovery',
    deadline: period(1, 'h'),
    zone: 'Asia/Shanghai',
    content: [],
    sources: CAC_SOURCES,
    confidence: 'verified',
    notes: ['Grading thresholds are from secondary sources (reference §E.6).'],
  },
  {
    id: 'cn_summary',
    regime: 'CAC Measures',
    law: 'National Cybersecurity Incident Reporting Measures (CAC)',
    jurisdiction: 'CN',
    recipient: 'CAC',
    stage: 'summary report',
    trigger: 'The incident was reported to the CAC',
    when: any(rule('cn_cac'), rule('cn_cac_cii')),
    clock: 'handling_complete',
    deadline: period(30, 'cd'),
    zone: 'Asia/Shanghai',
    content: [],
    sources: CAC_SOURCES,
    confidence: 'secondary',
    notes: [],
  },
  {
    id: 'in_certin',
    regime: 'CERT-In',
    law: 'CERT-In Directions of 28 Apr 2022',
    jurisdiction: 'IN',
    recipient: 'CERT-In',
    stage: 'incident report',
    trigger:
      'A listed incident type (data breach, data leak, unauthorised access, attacks on AI/ML, …) at a body corporate or service provider',
    when: all(any(hosted('IN'), established('IN')), {
      constant: 'yes',
      reason:
        'a data leak or unauthorised access is a listed CERT-In incident type',
    }),
    clock: 'noticed',
    deadline: period(6, 'h'),
    zone: 'Asia/Kolkata',
    content: [],
    sources: ['argus-p.com; veritect.ai; spinsafe.com'],
    confidence: 'verified',
    notes: ['In force since 27/28 Jun 2022.'],
  },
  {
    id: 'in_dpdp_init',
    regime: 'DPDP',
    law: 'DPDP Act s.8(6); DPDP Rules 2025 Rule 7',
    jurisdiction: 'IN',
    recipient: 'Data Protection Board and every affected Data Principal',
    stage: 'initial intimation',
    trigger: 'Any personal data breach (no risk threshold)',
    when: all(personal, livesOrHosted('IN')),
    clock: 'aware',
    deadline: text('without delay'),
    zone: 'Asia/Kolkata',
    inForce: DPDP_IN_FORCE,
    stagedReports:
      'Description without delay; detailed report within 72 hours (in_dpdp_72)',
    content: [
      'Description of the breach: nature, extent, timing, location, likely impact',
    ],
    sources: DPDP_SOURCES,
    confidence: 'verified',
    notes: [],
  },
  {
    id: 'in_dpdp_72',
    regime: 'DPDP',
    law: 'DPDP Rules 2025 Rule 7(2)',
    jurisdiction: 'IN',
    recipient: 'Data Protection Board',
    stage: 'detailed report',
    trigger: 'Any personal data breach (no risk threshold)',
    when: all(personal, livesOrHosted('IN')),
    clock: 'aware',
    deadline: period(72, 'h'),
    zone: 'Asia/Kolkata',
    inForce: DPDP_IN_FORCE,
    content: [
      'Updated description; facts, circumstances and reasons of the breach',
      'Mitigation measures; findings about the person who caused it',
      'Remedial measures; report of the intimations to Data Principals',
    ],
    sources: DPDP_SOURCES,
    confidence: 'verified',
    notes: [
      'The Board may extend the period on written request.',
      'Date-gated like in_dpdp_init: both stages come from Rule 7 (section D gates only the first).',
    ],
  },
  {
    id: 'kr_ind',
    regime: 'PIPA',
    law: 'PIPA Art. 34; Enforcement Decree',
    jurisdiction: 'KR',
    recipient: 'Data subjects',
    stage: 'individuals',
    trigger: 'Loss, theft or leak of personal information',
    when: all(personal, livesOrEstablished('KR')),
    clock: 'aware',
    deadline: period(72, 'h'),
    zone: 'Asia/Seoul',
    content: KR_CONTENT,
    sources: KR_SOURCES,
    confidence: 'verified',
    notes: [
      'The 2026 amendment adds forgery, alteration and damage, and the possibility of a breach, as triggers; awaiting the Enforcement Decree.',
    ],
  },
  {
    id: 'kr_pipc',
    regime: 'PIPA',
    law: 'PIPA Art. 34(3); Enforcement Decree',
    jurisdiction: 'KR',
    recipient: 'PIPC or KISA',
    stage: 'regulator',
    trigger:
      'At least 1,000 data subjects, sensitive or unique-identifier information, or external unauthorised access',
    when: all(
      personal,
      livesOrEstablished('KR'),
      any(
        { subjectsIn: ['*'], atLeast: 1000 },
        { data: 'specialCategory' },
        yes('maliciousAct'),
      ),
    ),
    clock: 'aware',
    deadline: period(72, 'h'),
    zone: 'Asia/Seoul',
    content: KR_CONTENT,
    sources: KR_SOURCES,
    confidence: 'verified',
    notes: [
      'Unique identifiers (e.g. resident registration numbers) are not a vocabulary flag: answer via a special category or review by hand.',
    ],
  },
  {
    id: 'ch_fdpic',
    regime: 'revFADP',
    law: 'Swiss revFADP Art. 24',
    jurisdiction: 'CH',
    recipient:
      'FDPIC; data subjects if needed for their protection or if the FDPIC asks',
    stage: 'notification',
    trigger:
      'Breach of data security likely to lead to a high risk to personality or fundamental rights',
    when: all(personal, livesOrEstablished('CH'), highRisk),
    clock: 'aware',
    deadline: text('as quickly as possible'),
    zone: 'Europe/Zurich',
    content: [
      'Nature of the breach',
      'Its consequences',
      'Measures taken or planned',
    ],
    sources: [
      'lawbrary.ch DSG art 24 (official English translation); prighter.com',
    ],
    confidence: 'verified',
    notes: ['A processor notifies the controller as quickly as possible.'],
  },
  {
    id: 'ae_pdpl',
    regime: 'UAE PDPL',
    law: 'Federal Decree-Law 45/2021 Art. 9',
    jurisdiction: 'AE',
    recipient: 'UAE Data Office; data subjects',
    stage: 'notification',
    trigger:
      'Breach that would prejudice the privacy, confidentiality or security of personal data',
    when: all(personal, livesOrEstablished('AE'), {
      constant: 'unknown',
      reason:
        'Placeholder: are the UAE PDPL Executive Regulations issued and in force (compliance starts 6 months after)? Confirm with counsel.',
    }),
    clock: 'aware',
    deadline: text('immediately'),
    zone: 'Asia/Dubai',
    content: [],
    sources: [
      'dataguidance.com (ER not released); thelawreporters.com; jservo.com',
    ],
    confidence: 'unverified',
    notes: [
      'Excludes DIFC/ADGM (own laws: DIFC DPL 72 h), health and credit data.',
    ],
  },
];

/** The ids of the built-in rules. @public */
export const DEFAULT_OBLIGATION_RULE_IDS: readonly string[] =
  DEFAULT_OBLIGATION_RULES.map(r => r.id);
