import { Entity } from '@backstage/catalog-model';
import {
  CatalogCollatorEntityTransformer,
  defaultCatalogCollatorEntityTransformer,
} from '@backstage/plugin-search-backend-module-catalog';
import {
  DataCategoryVocabulary,
  isLlmEntity,
} from '@leak-response/plugin-leak-response-common';

/**
 * The catalog's search documents, with an LLM entity's data categories (id
 * and description), subjects' jurisdictions and regions added to its text,
 * so that "behavioral" or "payment" finds the models and datasets holding
 * such data.
 */
export function llmEntityTransformer(
  vocabulary: DataCategoryVocabulary,
  base: CatalogCollatorEntityTransformer = defaultCatalogCollatorEntityTransformer,
): CatalogCollatorEntityTransformer {
  return (entity: Entity) => {
    const document = base(entity);
    if (!isLlmEntity(entity)) {
      return document;
    }
    const spec = entity.spec as {
      dataCategories?: string[];
      dataSubjects?: string[];
      regions?: string[];
    };
    const categories = (spec.dataCategories ?? []).map(id => {
      const description = vocabulary.get(id)?.description;
      return description ? `${id} (${description})` : id;
    });
    const parts = [
      document.text,
      categories.length ? `Data categories: ${categories.join('; ')}.` : '',
      spec.dataSubjects?.length
        ? `Data subjects in: ${spec.dataSubjects.join(', ')}.`
        : '',
      spec.regions?.length ? `Regions: ${spec.regions.join(', ')}.` : '',
    ];
    return {
      ...document,
      text: parts.filter(Boolean).join(' '),
      dataCategories: spec.dataCategories ?? [],
    };
  };
}
