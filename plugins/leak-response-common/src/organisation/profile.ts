/**
 * The organisation profile: the standing facts that decide whole regimes
 * (where the organisation is established, which sector rules bind it, who
 * its DPO is), declared once in `leakResponse.organisation` instead of
 * being asked on every incident.
 */
import Ajv, { ErrorObject } from 'ajv';
import {
  ASSESSMENT_QUESTIONS,
  AssessmentAnswers,
  AssessmentQuestion,
  isAssessmentQuestion,
} from '../obligations/answers';

/**
 * Sector facts, each settling one organisation-scoped assessment question.
 * @public
 */
export interface OrganisationSectorFacts {
  /** NIS2 Art. 3: essential or important entity, or neither; and the entity's size (Art. 2). */
  nis2?: {
    entityType: 'essential' | 'important' | 'none';
    size?: 'micro' | 'small' | 'medium' | 'large';
  };
  /** DORA Art. 2 financial entity (e.g. a licensed payment or e-money institution). */
  doraFinancialEntity?: boolean;
  /** Files reports with the SEC (Form 8-K). */
  secRegistrant?: boolean;
  /** Provides a high-risk AI system (EU AI Act Annex III). */
  euAiActHighRiskProvider?: boolean;
  /** A body corporate in India (CERT-In Directions of 28 Apr 2022). */
  indianBodyCorporate?: boolean;
  /** UK NIS Regulations relevant digital service provider. */
  ukRdsp?: boolean;
  /** Licensed by NYDFS (23 NYCRR 500 covered entity). */
  nydfsCoveredEntity?: boolean;
  /** Conducts business in Texas (Tex. Bus. & Com. Code 521.053). */
  conductsBusinessInTexas?: boolean;
  /** APP entity under the Australian Privacy Act. */
  auAppEntity?: boolean;
  /** Operates networks or processes personal information in mainland China. */
  cnNetworkOperator?: boolean;
  /** Small processing agent under ANPD rules (Brazil). */
  brSmallAgent?: boolean;
}

/** @public */
export interface OrganisationProfile {
  name?: string;
  /** Contact details of the DPO as notices give them (GDPR Art. 33(3)(b)). */
  dpoContact?: string;
  /** Jurisdictions where the organisation is established. */
  establishments?: string[];
  /** The Member State of the main establishment in the EU (GDPR one-stop shop, NIS2 Art. 26). */
  mainEuEstablishment?: string;
  sector?: OrganisationSectorFacts;
  /** Organisation-scoped answers not covered by `sector`. */
  answers?: Record<string, string | boolean>;
}

/**
 * Each profile key, the question it settles and the regimes that question
 * decides: the table behind the README and the readiness card.
 * @public
 */
export const ORGANISATION_PROFILE_KEYS: ReadonlyArray<{
  key: string;
  answers?: AssessmentQuestion;
  regimes: string[];
}> = [
  {
    key: 'establishments',
    regimes: [
      'GDPR',
      'UK GDPR',
      'PIPEDA',
      'LGPD',
      'PDPA SG',
      'Privacy Act AU',
      'APPI',
      'PIPA',
      'revFADP',
      'UAE PDPL',
      'CERT-In',
    ],
  },
  { key: 'mainEuEstablishment', regimes: ['GDPR (lead SA)', 'NIS2'] },
  { key: 'sector.nis2', answers: 'nis2InScope', regimes: ['NIS2'] },
  {
    key: 'sector.doraFinancialEntity',
    answers: 'financialEntity',
    regimes: ['DORA'],
  },
  { key: 'sector.secRegistrant', answers: 'secRegistrant', regimes: ['SEC'] },
  {
    key: 'sector.euAiActHighRiskProvider',
    answers: 'highRiskAiProvider',
    regimes: ['AI Act Art. 73'],
  },
  { key: 'sector.indianBodyCorporate', regimes: ['CERT-In'] },
  { key: 'sector.ukRdsp', answers: 'ukRdsp', regimes: ['UK NIS'] },
  {
    key: 'sector.nydfsCoveredEntity',
    answers: 'nydfsCoveredEntity',
    regimes: ['23 NYCRR 500.17'],
  },
  {
    key: 'sector.conductsBusinessInTexas',
    answers: 'conductsBusinessInTexas',
    regimes: ['TX 521.053'],
  },
  {
    key: 'sector.auAppEntity',
    answers: 'auAppEntity',
    regimes: ['Privacy Act AU'],
  },
  {
    key: 'sector.cnNetworkOperator',
    answers: 'cnNetworkOperator',
    regimes: ['CAC Measures'],
  },
  { key: 'sector.brSmallAgent', answers: 'brSmallAgent', regimes: ['LGPD'] },
  { key: 'dpoContact', regimes: ['GDPR Art. 33 notice content'] },
];

const JURISDICTION = {
  type: 'string',
  pattern: '^([A-Z]{2}(-[A-Z0-9]{1,3})?|EU|EEA)$',
};
const FLAG = { type: 'boolean' };

const SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1 },
    dpoContact: { type: 'string', minLength: 1 },
    establishments: { type: 'array', items: JURISDICTION },
    mainEuEstablishment: { type: 'string', pattern: '^[A-Z]{2}$' },
    sector: {
      type: 'object',
      additionalProperties: false,
      properties: {
        nis2: {
          type: 'object',
          additionalProperties: false,
          required: ['entityType'],
          properties: {
            entityType: { enum: ['essential', 'important', 'none'] },
            size: { enum: ['micro', 'small', 'medium', 'large'] },
          },
        },
        doraFinancialEntity: FLAG,
        secRegistrant: FLAG,
        euAiActHighRiskProvider: FLAG,
        indianBodyCorporate: FLAG,
        ukRdsp: FLAG,
        nydfsCoveredEntity: FLAG,
        conductsBusinessInTexas: FLAG,
        auAppEntity: FLAG,
        cnNetworkOperator: FLAG,
        brSmallAgent: FLAG,
      },
    },
    answers: {
      type: 'object',
      additionalProperties: {
        anyOf: [{ type: 'string' }, { type: 'boolean' }],
      },
    },
  },
} as const;

const validate = new Ajv({ allErrors: false }).compile(SCHEMA);

/**
 * A profile that cannot be used; `key` names the offending config key.
 * @public
 */
export class OrganisationProfileError extends Error {
  readonly key: string;

  constructor(key: string, problem: string) {
    super(`Invalid ${key}: ${problem}`);
    this.name = 'OrganisationProfileError';
    this.key = key;
  }
}

const ROOT = 'leakResponse.organisation';

/** Sector facts as the questions they settle (indianBodyCorporate is an establishment). */
const SECTOR_ANSWERS: Array<
  [keyof OrganisationSectorFacts, AssessmentQuestion]
> = [
  ['doraFinancialEntity', 'financialEntity'],
  ['secRegistrant', 'secRegistrant'],
  ['euAiActHighRiskProvider', 'highRiskAiProvider'],
  ['ukRdsp', 'ukRdsp'],
  ['nydfsCoveredEntity', 'nydfsCoveredEntity'],
  ['conductsBusinessInTexas', 'conductsBusinessInTexas'],
  ['auAppEntity', 'auAppEntity'],
  ['cnNetworkOperator', 'cnNetworkOperator'],
  ['brSmallAgent', 'brSmallAgent'],
];

/**
 * Checks `leakResponse.organisation` and returns the profile, or throws an
 * {@link OrganisationProfileError} naming the key.
 * @public
 */
export function readOrganisationProfile(value: unknown): OrganisationProfile {
  if (value === undefined || value === null) return {};
  if (!validate(value)) {
    const error = validate.errors![0];
    const path = error.instancePath
      .split('/')
      .filter(Boolean)
      .map(p => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`))
      .join('');
    const extra =
      error.keyword === 'additionalProperties'
        ? `.${
            (error.params as { additionalProperty: string }).additionalProperty
          }`
        : '';
    const problem = problemOf(error);
    throw new OrganisationProfileError(`${ROOT}${path}${extra}`, problem);
  }
  const profile = value as OrganisationProfile;
  for (const [key, given] of Object.entries(profile.answers ?? {})) {
    const where = `${ROOT}.answers.${key}`;
    if (!isAssessmentQuestion(key)) {
      throw new OrganisationProfileError(
        where,
        `unknown question; known questions are ${Object.keys(
          ASSESSMENT_QUESTIONS,
        ).join(', ')}`,
      );
    }
    const allowed: readonly unknown[] = ASSESSMENT_QUESTIONS[key].values;
    if (!allowed.includes(given)) {
      throw new OrganisationProfileError(
        where,
        `must be one of ${allowed.join(', ')}`,
      );
    }
  }
  const main = profile.mainEuEstablishment;
  if (main && !(profile.establishments ?? []).includes(main)) {
    throw new OrganisationProfileError(
      `${ROOT}.mainEuEstablishment`,
      `${main} must also be listed in ${ROOT}.establishments`,
    );
  }
  return profile;
}

/**
 * The engine's view of the profile: establishments, and the answers the
 * sector facts and the explicit answers give. A sector fact and an answer
 * that disagree are an error, not a silent choice.
 * @public
 */
export function organisationFacts(profile: OrganisationProfile): {
  establishments?: string[];
  answers: AssessmentAnswers;
} {
  const answers: Record<string, unknown> = { ...(profile.answers ?? {}) };
  const sector = profile.sector ?? {};
  const settle = (
    question: AssessmentQuestion,
    value: boolean,
    key: string,
  ) => {
    if (answers[question] !== undefined && answers[question] !== value) {
      throw new OrganisationProfileError(
        `${ROOT}.answers.${question}`,
        `contradicts ${ROOT}.${key}`,
      );
    }
    answers[question] = value;
  };
  for (const [key, question] of SECTOR_ANSWERS) {
    const value = sector[key];
    if (typeof value === 'boolean') settle(question, value, `sector.${key}`);
  }
  if (sector.nis2) {
    settle('nis2InScope', sector.nis2.entityType !== 'none', 'sector.nis2');
  }
  let establishments = profile.establishments;
  if (sector.indianBodyCorporate) {
    establishments = [...new Set([...(establishments ?? []), 'IN'])];
  } else if (
    sector.indianBodyCorporate === false &&
    establishments?.some(e => e === 'IN' || e.startsWith('IN-'))
  ) {
    throw new OrganisationProfileError(
      `${ROOT}.sector.indianBodyCorporate`,
      `false, but ${ROOT}.establishments lists India`,
    );
  }
  return {
    ...(establishments ? { establishments } : {}),
    answers: answers as AssessmentAnswers,
  };
}

/** What an ajv error says about a profile key, in words. */
function problemOf(error: ErrorObject): string {
  switch (error.keyword) {
    case 'additionalProperties':
      return 'unknown key';
    case 'enum':
      return `must be one of ${(
        error.params as { allowedValues: unknown[] }
      ).allowedValues.join(', ')}`;
    case 'pattern':
      return 'must be a jurisdiction code (ISO 3166-1 alpha-2, ISO 3166-2 such as US-CA, EU or EEA)';
    default:
      return error.message ?? 'invalid';
  }
}
