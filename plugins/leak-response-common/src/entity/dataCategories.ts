/**
 * The data-category vocabulary: what kind of data an LLM model, dataset or
 * endpoint holds, and what that means legally. The flags drive impact
 * analysis and the obligations engine, so each one has a precise meaning
 * (see shared/reference/notification-obligations.md, section C).
 */

/**
 * The legal and business flags every data category carries.
 * @public
 */
export type DataCategoryFlags = {
  /** Personal data under GDPR Art. 4(1). */
  personal: boolean;
  /** A special category under GDPR Art. 9(1), including inferred ones. */
  specialCategory: boolean;
  /** PCI DSS account data (PAN, sensitive authentication data). */
  cardData: boolean;
  /** Credentials that grant access to an account or system. */
  credentials: boolean;
  /**
   * Financial data about a person (bank account, payment history, card data):
   * triggers rules such as LGPD's and Japan's APPI that name financial data.
   */
  financial: boolean;
  /** Trade secrets or other proprietary material of the organisation. */
  proprietary: boolean;
  /** Generated data that describes no real person. */
  synthetic: boolean;
  /** Data that has been assessed as anonymous (no person identifiable). */
  anonymous: boolean;
};

/**
 * The names of the flags, in display order.
 * @public
 */
export const DATA_CATEGORY_FLAGS: ReadonlyArray<keyof DataCategoryFlags> = [
  'personal',
  'specialCategory',
  'cardData',
  'credentials',
  'financial',
  'proprietary',
  'synthetic',
  'anonymous',
];

/**
 * One entry of the vocabulary.
 * @public
 */
export type DataCategory = DataCategoryFlags & {
  /** The id used in `spec.dataCategories`, e.g. `personal.behavioral`. */
  id: string;
  /** What belongs in this category, for owners choosing one. */
  description: string;
};

/**
 * The set of known categories, keyed by id. Built with
 * {@link createDataCategoryVocabulary}.
 * @public
 */
export type DataCategoryVocabulary = ReadonlyMap<string, DataCategory>;

/**
 * A category as an organisation declares it in `leakResponse.dataCategories`:
 * flags left out are `false`.
 * @public
 */
export type DataCategoryInput = Partial<DataCategoryFlags> & {
  id: string;
  description: string;
};

/**
 * Category ids: lower-case dot-separated segments of letters, digits and
 * dashes, so they read well in YAML and can never clash with label syntax.
 * @public
 */
export const DATA_CATEGORY_ID_PATTERN =
  '^[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)*$';

const NONE: DataCategoryFlags = {
  personal: false,
  specialCategory: false,
  cardData: false,
  credentials: false,
  financial: false,
  proprietary: false,
  synthetic: false,
  anonymous: false,
};

function category(
  id: string,
  description: string,
  flags: Partial<DataCategoryFlags>,
): DataCategory {
  return Object.freeze({ id, description, ...NONE, ...flags });
}

/**
 * The built-in categories.
 * @public
 */
export const DEFAULT_DATA_CATEGORIES: ReadonlyArray<DataCategory> =
  Object.freeze([
    category(
      'personal.identifiers',
      'Names, customer and account ids, device ids, cookies, IP addresses that can be attributed to a person.',
      { personal: true },
    ),
    category(
      'personal.contact',
      'Email addresses, phone numbers, postal and delivery addresses.',
      { personal: true },
    ),
    category(
      'personal.behavioral',
      'Purchase, click, search and preference history of identifiable customers.',
      { personal: true },
    ),
    category(
      'personal.location',
      'Precise or coarse location of a person: GPS, delivery location, location inferred from IP.',
      { personal: true },
    ),
    category(
      'personal.special',
      'GDPR Art. 9 special categories (health, religion, ethnicity, sex life, biometrics, ...), including ones inferred from purchases or conversations.',
      { personal: true, specialCategory: true },
    ),
    category(
      'personal.children',
      'Personal data of children; raises the risk of any breach and triggers stricter rules in several regimes.',
      { personal: true },
    ),
    category(
      'personal.credentials',
      'Customer logins: a username or email address together with a password or security answer. Personal information on its own under US state laws.',
      { personal: true, credentials: true },
    ),
    category(
      'personal.pseudonymised',
      'Pseudonymised customer data. Still personal data while the key or token vault exists (GDPR Art. 4(5)).',
      { personal: true },
    ),
    category(
      'payment.card',
      'PCI DSS account data: card numbers (PAN), with or without cardholder name and expiry, or sensitive authentication data.',
      { personal: true, cardData: true, financial: true },
    ),
    category(
      'payment.financial',
      'Order values, bank account numbers, payment history and other financial data about customers.',
      { personal: true, financial: true },
    ),
    category(
      'credentials.machine',
      'Machine credentials: AWS access keys, API tokens, model-provider keys. Usually not personal data, but their exposure is an unauthorised-access incident.',
      { credentials: true },
    ),
    category(
      'proprietary.model-weights',
      'Model weights, adapters and checkpoints. Weights trained on personal data carry that data unless an anonymity assessment is recorded (EDPB Opinion 28/2024): declare the training sets with trainedOn.',
      { proprietary: true },
    ),
    category(
      'proprietary.business',
      'Prices, supplier terms, internal documents and other trade secrets.',
      { proprietary: true },
    ),
    category('synthetic', 'Generated data that describes no real person.', {
      synthetic: true,
    }),
    category(
      'anonymous',
      'Data assessed as anonymous: no person can be identified by any means reasonably likely to be used.',
      { anonymous: true },
    ),
    category(
      'public',
      'Information that is already public, e.g. published product descriptions.',
      {},
    ),
  ]);

/**
 * Checks a category id against {@link DATA_CATEGORY_ID_PATTERN}.
 * @public
 */
export function isValidDataCategoryId(id: unknown): id is string {
  return (
    typeof id === 'string' && new RegExp(DATA_CATEGORY_ID_PATTERN).test(id)
  );
}

/**
 * Builds a vocabulary from the built-in categories plus the organisation's
 * own. An organisation entry with a built-in id replaces the built-in one,
 * so a company can sharpen a description or a flag for its own context.
 *
 * Throws on a malformed entry: a vocabulary that silently drops a category
 * would reject every entity that uses it.
 * @public
 */
export function createDataCategoryVocabulary(
  additions: ReadonlyArray<DataCategoryInput> = [],
  base: ReadonlyArray<DataCategory> = DEFAULT_DATA_CATEGORIES,
): DataCategoryVocabulary {
  const vocabulary = new Map<string, DataCategory>();
  for (const entry of base) {
    vocabulary.set(entry.id, entry);
  }
  const seen = new Set<string>();
  additions.forEach((input, index) => {
    const where = `leakResponse.dataCategories[${index}]`;
    if (!isValidDataCategoryId(input?.id)) {
      throw new Error(
        `${where}.id: "${String(
          input?.id,
        )}" is not a valid category id; ids are dot-separated lower-case segments such as "personal.loyalty"`,
      );
    }
    if (seen.has(input.id)) {
      throw new Error(`${where}.id: "${input.id}" is declared twice`);
    }
    seen.add(input.id);
    if (typeof input.description !== 'string' || !input.description.trim()) {
      throw new Error(`${where}.description: a description is required`);
    }
    const flags = { ...NONE };
    for (const flag of DATA_CATEGORY_FLAGS) {
      const value = input[flag];
      if (value !== undefined && typeof value !== 'boolean') {
        throw new Error(`${where}.${flag}: must be true or false`);
      }
      flags[flag] = value ?? false;
    }
    vocabulary.set(
      input.id,
      Object.freeze({ id: input.id, description: input.description, ...flags }),
    );
  });
  return vocabulary;
}

/**
 * The vocabulary of built-in categories only.
 * @public
 */
export const DEFAULT_DATA_CATEGORY_VOCABULARY: DataCategoryVocabulary =
  createDataCategoryVocabulary();

/**
 * The combined flags of a list of category ids: a flag is set when any known
 * category has it. Unknown ids are ignored (validation reports them).
 * @public
 */
export function combinedDataCategoryFlags(
  ids: ReadonlyArray<string>,
  vocabulary: DataCategoryVocabulary,
): DataCategoryFlags {
  const result = { ...NONE };
  for (const id of ids) {
    const entry = vocabulary.get(id);
    if (!entry) {
      continue;
    }
    for (const flag of DATA_CATEGORY_FLAGS) {
      result[flag] = result[flag] || entry[flag];
    }
  }
  return result;
}
