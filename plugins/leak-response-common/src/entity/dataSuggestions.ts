import {
  combinedDataCategoryFlags,
  DATA_CATEGORY_FLAGS,
  DataCategoryVocabulary,
} from './dataCategories';
import { LLM_LABEL_PREFIX } from './labels';

/**
 * Data categories a scanner found in an entity's storage, offered to its
 * owner rather than written into `spec.dataCategories`: what the owner
 * declares is never overwritten, and readiness reports the difference.
 */

/**
 * JSON list of {@link DataCategorySuggestion}, written by the catalog
 * module's lineage discovery (Amazon Macie).
 * @public
 */
export const ANNOTATION_SUGGESTED_DATA_CATEGORIES = `${LLM_LABEL_PREFIX}/suggested-data-categories`;

/**
 * One category a scanner found, with its evidence.
 * @public
 */
export interface DataCategorySuggestion {
  /** A category id of the vocabulary, e.g. `payment.card`. */
  category: string;
  /** The scanner, e.g. `macie`. */
  source: string;
  /** What was found, e.g. `CREDIT_CARD_NUMBER × 12 in 3 objects`. */
  evidence: string;
  /** The S3 location it was found in (`arn:aws:s3:::bucket/prefix`). */
  location: string;
  /** ISO time of the newest finding behind it. */
  seenAt: string;
}

/**
 * What Macie's managed data identifiers (the `type` of a detection) mean in
 * the category vocabulary. Identifiers not listed fall back to the category
 * of their Macie group (see {@link MACIE_GROUP_CATEGORIES}).
 * Source: Amazon Macie User Guide, "Quick reference: Managed data
 * identifiers by type".
 * @public
 */
export const MACIE_DETECTION_CATEGORIES: Readonly<Record<string, string>> = {
  CREDIT_CARD_NUMBER: 'payment.card',
  CREDIT_CARD_EXPIRATION: 'payment.card',
  CREDIT_CARD_SECURITY_CODE: 'payment.card',
  CREDIT_CARD_MAGNETIC_STRIPE: 'payment.card',
  BANK_ACCOUNT_NUMBER: 'payment.financial',
  IBAN: 'payment.financial',
  AWS_CREDENTIALS: 'credentials.machine',
  OPENSSH_PRIVATE_KEY: 'credentials.machine',
  PGP_PRIVATE_KEY: 'credentials.machine',
  PKCS: 'credentials.machine',
  PUTTY_PRIVATE_KEY: 'credentials.machine',
  JSON_WEB_TOKEN: 'credentials.machine',
  HTTP_BASIC_AUTH_HEADER: 'credentials.machine',
  HTTP_COOKIE: 'personal.identifiers',
  ADDRESS: 'personal.contact',
  EMAIL_ADDRESS: 'personal.contact',
  PHONE_NUMBER: 'personal.contact',
  LATITUDE_LONGITUDE: 'personal.location',
  NAME: 'personal.identifiers',
  DATE_OF_BIRTH: 'personal.identifiers',
  PASSPORT_NUMBER: 'personal.identifiers',
  DRIVERS_LICENSE: 'personal.identifiers',
  NATIONAL_IDENTIFICATION_NUMBER: 'personal.identifiers',
  USA_SOCIAL_SECURITY_NUMBER: 'personal.identifiers',
  USA_HEALTH_INSURANCE_CLAIM_NUMBER: 'personal.special',
  USA_MEDICARE_BENEFICIARY_IDENTIFIER: 'personal.special',
  UK_NHS_NUMBER: 'personal.special',
  CA_HEALTH_NUMBER: 'personal.special',
  EUROPEAN_HEALTH_INSURANCE_CARD_NUMBER: 'personal.special',
};

/**
 * The category of a Macie sensitive-data group (`sensitiveData[].category`),
 * for identifiers {@link MACIE_DETECTION_CATEGORIES} does not name.
 * Custom identifiers say nothing about the kind of data and are left out.
 * @public
 */
export const MACIE_GROUP_CATEGORIES: Readonly<Record<string, string>> = {
  FINANCIAL_INFORMATION: 'payment.financial',
  PERSONAL_INFORMATION: 'personal.identifiers',
  CREDENTIALS: 'credentials.machine',
};

/**
 * The vocabulary category of a Macie detection, or undefined when it says
 * nothing about the kind of data (custom identifiers).
 * @public
 */
export function macieDetectionCategory(
  group: string | undefined,
  type: string | undefined,
): string | undefined {
  return (
    (type ? MACIE_DETECTION_CATEGORIES[type] : undefined) ??
    (group ? MACIE_GROUP_CATEGORIES[group] : undefined)
  );
}

/**
 * The suggestions on an entity; an absent or malformed annotation gives an
 * empty list (it is written by the catalog module, never by hand).
 * @public
 */
export function readDataCategorySuggestions(entity: {
  metadata: { annotations?: Record<string, string> };
}): DataCategorySuggestion[] {
  const raw =
    entity.metadata.annotations?.[ANNOTATION_SUGGESTED_DATA_CATEGORIES];
  if (!raw) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (s): s is DataCategorySuggestion =>
        typeof s === 'object' &&
        s !== null &&
        typeof s.category === 'string' &&
        typeof s.source === 'string' &&
        typeof s.evidence === 'string' &&
        typeof s.location === 'string' &&
        typeof s.seenAt === 'string',
    );
  } catch {
    return [];
  }
}

/**
 * The suggestions the declared categories do not account for. What the law
 * turns on are the categories' flags (personal, card data, credentials, …),
 * so a suggestion is accounted for when the declared categories together
 * carry every flag it carries: Macie's "email address" needs no change on a
 * dataset that declares personal data, its "card number" does unless card
 * data is declared. A suggestion of a category the vocabulary does not know
 * is kept (somebody must look at it).
 * @public
 */
export function undeclaredSuggestions(
  declared: ReadonlyArray<string>,
  suggestions: ReadonlyArray<DataCategorySuggestion>,
  vocabulary: DataCategoryVocabulary,
): DataCategorySuggestion[] {
  const have = combinedDataCategoryFlags(declared, vocabulary);
  return suggestions.filter(suggestion => {
    if (declared.includes(suggestion.category)) return false;
    const entry = vocabulary.get(suggestion.category);
    if (!entry) return true;
    return DATA_CATEGORY_FLAGS.some(flag => entry[flag] && !have[flag]);
  });
}
