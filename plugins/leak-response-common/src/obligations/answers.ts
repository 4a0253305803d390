/**
 * The assessment questions a rule can depend on, with the values an answer
 * may take. Organisation-scoped answers (listed company, NIS2 scope, …) are
 * usually set once in configuration; incident-scoped ones are answered by the
 * responders. An unanswered question makes the rules that need it
 * "to be determined".
 *
 * @public
 */
export const ASSESSMENT_QUESTIONS = {
  risk: {
    scope: 'incident',
    values: ['unlikely', 'risk', 'high'],
    question:
      "How likely is the breach to harm individuals' rights and freedoms: unlikely, a risk, or a high risk?",
  },
  encrypted: {
    scope: 'incident',
    values: [true, false],
    question:
      'Were the data unintelligible to the unauthorised party (e.g. strongly encrypted, key not compromised)?',
  },
  acquired: {
    scope: 'incident',
    values: [true, false],
    question:
      'Were the data acquired (taken or copied) by an unauthorised person, not only exposed?',
  },
  misuseLikely: {
    scope: 'incident',
    values: [true, false],
    question:
      'Is misuse of the information, or harm to the affected consumers, reasonably likely?',
  },
  flNoHarmDetermination: {
    scope: 'incident',
    values: [true, false],
    question:
      'Has a written determination, after consulting law enforcement, concluded that the breach will not likely cause harm (Florida)?',
  },
  namesLeaked: {
    scope: 'incident',
    values: [true, false],
    question:
      "Do the leaked data include people's first name or initial and last name together with the other data (US state definitions of personal information)?",
  },
  governmentIdsLeaked: {
    scope: 'incident',
    values: [true, false],
    question:
      "Do the leaked data include Social Security, driver's licence, passport, military or other government ID numbers?",
  },
  accessCodesLeaked: {
    scope: 'incident',
    values: [true, false],
    question:
      'Did security codes, access codes or passwords that permit access to the leaked card or account numbers leak with them?',
  },
  healthOrBiometricDataLeaked: {
    scope: 'incident',
    values: [true, false],
    question:
      'Do the leaked data include medical, health-insurance or biometric information about identifiable people?',
  },
  paymentAccountLogins: {
    scope: 'incident',
    values: [true, false],
    question:
      'Do the leaked customer logins open accounts that can pay or send money (stored cards, wallets, online banking)? (Japan PPC Rules Art. 7(ii): risk of property damage)',
  },
  brNoticeIncomplete: {
    scope: 'incident',
    values: [true, false],
    question:
      'Did the first notice to the ANPD leave information to be supplemented (Res. CD/ANPD 15/2024)?',
  },
  maliciousAct: {
    scope: 'incident',
    values: [true, false],
    question:
      'Was the leak possibly caused by an unlawful or malicious act (unauthorised access, ransomware, insider theft)?',
  },
  nis2InScope: {
    scope: 'organisation',
    values: [true, false],
    question:
      'Is the organisation an essential or important entity under NIS2 (e.g. a medium or larger online marketplace established in the EU)?',
  },
  nis2Significant: {
    scope: 'incident',
    values: [true, false],
    question:
      'Is this a significant incident under NIS2 Art. 23(3) / IR 2024/2690 (e.g. a suspected malicious compromise of data confidentiality)?',
  },
  highRiskAiProvider: {
    scope: 'organisation',
    values: [true, false],
    question:
      'Does the organisation provide the high-risk AI system (AI Act Annex III, e.g. creditworthiness scoring) involved?',
  },
  aiSeriousIncident: {
    scope: 'incident',
    values: [true, false],
    question: 'Is this a serious incident under AI Act Art. 3(49)?',
  },
  aiWidespreadOrCriticalInfrastructure: {
    scope: 'incident',
    values: [true, false],
    question:
      'Is it a widespread infringement, or a serious and irreversible disruption of critical infrastructure (AI Act Art. 3(49)(b))?',
  },
  aiDeath: {
    scope: 'incident',
    values: [true, false],
    question:
      'Did the AI incident cause or possibly cause the death of a person?',
  },
  ukRdsp: {
    scope: 'organisation',
    values: [true, false],
    question:
      'Is the organisation a relevant digital service provider under the UK NIS Regulations (online marketplace, search engine or cloud; not small or micro)?',
  },
  ukNisSubstantialImpact: {
    scope: 'incident',
    values: [true, false],
    question:
      'Did the incident have a substantial impact on the digital service (UK NIS)?',
  },
  nydfsCoveredEntity: {
    scope: 'organisation',
    values: [true, false],
    question:
      'Is the organisation (or an affiliate) licensed by NYDFS (a 23 NYCRR 500 covered entity)?',
  },
  conductsBusinessInTexas: {
    scope: 'organisation',
    values: [true, false],
    question: 'Does the organisation conduct business in Texas?',
  },
  secRegistrant: {
    scope: 'organisation',
    values: [true, false],
    question: 'Is the organisation an SEC registrant (listed company)?',
  },
  secMaterial: {
    scope: 'incident',
    values: [true, false],
    question:
      'Has the incident been determined to be material for SEC purposes?',
  },
  rrosh: {
    scope: 'incident',
    values: [true, false],
    question:
      'Does the breach create a real risk of significant harm to individuals (Canada PIPEDA)?',
  },
  brSignificantEffect: {
    scope: 'incident',
    values: [true, false],
    question:
      'Can the incident significantly affect the interests or fundamental rights of the data subjects (Brazil, Res. CD/ANPD 15/2024)?',
  },
  vulnerableSubjects: {
    scope: 'incident',
    values: [true, false],
    question: 'Do the data concern children, adolescents or the elderly?',
  },
  secrecyData: {
    scope: 'incident',
    values: [true, false],
    question:
      'Are data under legal, judicial or professional secrecy involved?',
  },
  largeScale: {
    scope: 'incident',
    values: [true, false],
    question: 'Is the incident large scale (Brazil, Res. CD/ANPD 15/2024)?',
  },
  brSmallAgent: {
    scope: 'organisation',
    values: [true, false],
    question: 'Is the organisation a small processing agent under ANPD rules?',
  },
  sgSignificantHarm: {
    scope: 'incident',
    values: [true, false],
    question:
      'Is the breach likely to result in significant harm to the individuals (Singapore PDPA)?',
  },
  auAppEntity: {
    scope: 'organisation',
    values: [true, false],
    question:
      'Is the organisation an APP entity under the Australian Privacy Act (generally turnover above A$3 M, plus carve-ins)?',
  },
  auSeriousHarmLikely: {
    scope: 'incident',
    values: [true, false],
    question:
      'Is the breach likely to result in serious harm that remedial action has not prevented (an eligible data breach, Australia)?',
  },
  cnNetworkOperator: {
    scope: 'organisation',
    values: [true, false],
    question:
      'Does the organisation operate networks or process personal information in mainland China?',
  },
  cnRelativelyMajor: {
    scope: 'incident',
    values: [true, false],
    question:
      'Is the incident graded "relatively major" (较大) or above under the CAC Grading Guide?',
  },
  cnCii: {
    scope: 'organisation',
    values: [true, false],
    question:
      'Is the affected system critical information infrastructure (CII) in China?',
  },
  financialEntity: {
    scope: 'organisation',
    values: [true, false],
    question:
      'Is the organisation a DORA financial entity (e.g. a licensed payment or e-money institution)?',
  },
  doraMajor: {
    scope: 'incident',
    values: [true, false],
    question:
      'Is the ICT-related incident classified as major under RTS 2024/1772?',
  },
} as const;

/** @public */
export type AssessmentQuestion = keyof typeof ASSESSMENT_QUESTIONS;

/** Risk to individuals' rights and freedoms. @public */
export type RiskLevel = 'unlikely' | 'risk' | 'high';

/**
 * Answers given so far; an absent key means "not known yet".
 * @public
 */
export type AssessmentAnswers = {
  [K in AssessmentQuestion]?: (typeof ASSESSMENT_QUESTIONS)[K]['values'][number];
};

/** @public */
export function isAssessmentQuestion(
  value: unknown,
): value is AssessmentQuestion {
  return (
    typeof value === 'string' && Object.hasOwn(ASSESSMENT_QUESTIONS, value)
  );
}

/** Renders an answer value for a reason text. */
export function formatAnswer(value: unknown): string {
  if (value === true) return 'yes';
  if (value === false) return 'no';
  return `'${String(value)}'`;
}
