import { Config } from '@backstage/config';
import {
  createDataCategoryVocabulary,
  DATA_CATEGORY_FLAGS,
  DataCategoryInput,
  DataCategoryVocabulary,
} from './dataCategories';

/**
 * Reads `leakResponse.dataCategories` into a vocabulary (built-ins plus the
 * organisation's own). Config types are checked by the config schema and
 * again here, so a broken entry fails at startup with its config path.
 * Shared by the catalog processor and the validator CLI, so both judge an
 * entity against the same vocabulary.
 * @public
 */
export function readDataCategories(config: Config): DataCategoryVocabulary {
  const entries = config.getOptionalConfigArray('leakResponse.dataCategories');
  const inputs: DataCategoryInput[] = (entries ?? []).map(entry => {
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
}
