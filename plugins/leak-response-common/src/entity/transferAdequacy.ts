import { jurisdictionBucket } from './jurisdictions';

/**
 * One adequacy finding: the law of the people's jurisdiction (`people`, a
 * jurisdiction bucket: `eu` for the EU/EEA, `gb`, `ch`) lets their personal
 * data go to these destinations without further safeguards. `conditional`
 * says when the finding covers only some recipients (the United States:
 * only organisations certified under the Data Privacy Framework), which a
 * catalog cannot tell, so those transfers stay for review.
 * @public
 */
export interface AdequacyFinding {
  people: string;
  /** Destination country codes (ISO 3166-1 alpha-2) or `eu` for the EU/EEA. */
  destinations: readonly string[];
  basis: string;
  source: string;
  conditional?: string;
}

/**
 * Adequacy as data, with sources. Only findings in force are listed; a
 * draft decision (e.g. the EU's for Brazil) is not adequacy.
 * @public
 */
export const TRANSFER_ADEQUACY: readonly AdequacyFinding[] = [
  {
    people: 'eu',
    destinations: [
      'AD',
      'AR',
      'CA',
      'CH',
      'FO',
      'GB',
      'GG',
      'IL',
      'IM',
      'JE',
      'JP',
      'KR',
      'NZ',
      'UY',
    ],
    basis:
      'GDPR Art. 45: European Commission adequacy decisions (the United Kingdom: Implementing Decision (EU) 2021/1772; Canada for organisations under PIPEDA)',
    source:
      'European Commission, "Adequacy decisions", commission.europa.eu/law/law-topic/data-protection/international-dimension-data-protection/adequacy-decisions_en',
  },
  {
    people: 'eu',
    destinations: ['US'],
    basis:
      'GDPR Art. 45: Implementing Decision (EU) 2023/1795 (EU-U.S. Data Privacy Framework)',
    source:
      'European Commission, "Adequacy decisions" (as above); dataprivacyframework.gov',
    conditional:
      'only for recipients certified under the EU-U.S. Data Privacy Framework',
  },
  {
    people: 'gb',
    destinations: [
      'eu',
      'GI',
      'AD',
      'AR',
      'CA',
      'CH',
      'FO',
      'GG',
      'IL',
      'IM',
      'JE',
      'JP',
      'NZ',
      'UY',
      'KR',
    ],
    basis:
      'UK GDPR Art. 45 and DPA 2018 s.17A: adequacy regulations (the EEA, Gibraltar and the EU-era decisions under DPA 2018 Sch. 21 paras 4-5; the Republic of Korea by the Data Protection (Adequacy) (Republic of Korea) Regulations 2022)',
    source:
      'legislation.gov.uk/ukpga/2018/12/schedule/21; legislation.gov.uk/uksi/2022/1213; ICO guide to international transfers',
  },
  {
    people: 'gb',
    destinations: ['US'],
    basis:
      'UK GDPR Art. 45: the Data Protection (Adequacy) (United States of America) Regulations 2023 (UK Extension to the Data Privacy Framework)',
    source: 'legislation.gov.uk/uksi/2023/1028',
    conditional:
      'only for recipients certified under the UK Extension to the EU-U.S. Data Privacy Framework',
  },
  {
    people: 'ch',
    destinations: ['eu', 'GB'],
    basis:
      'revFADP Art. 16(1): Federal Council list of states with adequate protection (Data Protection Ordinance, Annex 1)',
    source: 'fedlex.admin.ch/eli/cc/2022/568/en (DPO Annex 1)',
  },
];

/** @public */
export type TransferAssessment =
  | { kind: 'same-jurisdiction' }
  | { kind: 'adequate'; basis: string; source: string }
  | {
      kind: 'review';
      /** The conditional finding that may cover it, if any. */
      conditional?: { basis: string; condition: string };
    };

function bucketOf(code: string): string | undefined {
  if (code === 'EEA') return 'eu';
  return jurisdictionBucket(code.split('-')[0]);
}

/**
 * Whether personal data of people in `people` may be hosted in the country
 * `hostCountry` (ISO 3166-1/2) without a transfer to review: the same
 * jurisdiction, or a destination their law finds adequate.
 * @public
 */
export function assessTransfer(
  people: string,
  hostCountry: string,
): TransferAssessment {
  const from = bucketOf(people);
  const to = bucketOf(hostCountry);
  if (!from || !to) return { kind: 'review' };
  if (from === to) return { kind: 'same-jurisdiction' };
  const country = hostCountry.split('-')[0].toUpperCase();
  const matches = TRANSFER_ADEQUACY.filter(
    f =>
      f.people === from &&
      (f.destinations.includes(to) || f.destinations.includes(country)),
  );
  const firm = matches.find(f => !f.conditional);
  if (firm) return { kind: 'adequate', basis: firm.basis, source: firm.source };
  const conditional = matches.find(f => f.conditional);
  return conditional
    ? {
        kind: 'review',
        conditional: {
          basis: conditional.basis,
          condition: conditional.conditional!,
        },
      }
    : { kind: 'review' };
}
