import { ConfigApi } from '@backstage/core-plugin-api';
import {
  createDataCategoryVocabulary,
  DATA_CATEGORY_FLAGS,
  DataCategoryFlags,
  DataCategoryInput,
  DataCategoryVocabulary,
  DEFAULT_DATA_CATEGORY_VOCABULARY,
} from '@leak-response/plugin-leak-response-common';

/** How each flag reads on the card. */
export const FLAG_LABELS: Record<keyof DataCategoryFlags, string> = {
  personal: 'Personal data',
  specialCategory: 'Special category (GDPR Art. 9)',
  cardData: 'Card data (PCI DSS)',
  credentials: 'Credentials',
  financial: 'Financial data',
  proprietary: 'Proprietary',
  synthetic: 'Synthetic',
  anonymous: 'Anonymous',
};

/**
 * The vocabulary the catalog validated against: built-ins plus
 * `leakResponse.dataCategories` when the app config exposes them. A config
 * the backend would refuse falls back to the built-ins rather than breaking
 * the entity page.
 */
export function vocabularyFromConfig(
  config: ConfigApi,
): DataCategoryVocabulary {
  try {
    const entries =
      config.getOptionalConfigArray('leakResponse.dataCategories') ?? [];
    const inputs = entries.map(entry => {
      const input: DataCategoryInput = {
        id: entry.getString('id'),
        description: entry.getString('description'),
      };
      for (const flag of DATA_CATEGORY_FLAGS) {
        const value = entry.getOptionalBoolean(flag);
        if (value !== undefined) {
          input[flag] = value;
        }
      }
      return input;
    });
    return createDataCategoryVocabulary(inputs);
  } catch {
    return DEFAULT_DATA_CATEGORY_VOCABULARY;
  }
}
