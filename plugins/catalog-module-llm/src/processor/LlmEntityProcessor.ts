import {
  Entity,
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  LocationSpec,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  DataCategoryVocabulary,
  DEFAULT_DATA_CATEGORY_VOCABULARY,
  deriveLlmLabels,
  formatLlmEntityProblems,
  isLlmEntity,
  readDataCategories,
  validateLlmEntity,
} from '@leak-response/plugin-leak-response-common';
import { lineageRelations } from './relations';

/**
 * Teaches the catalog the LLM `Resource` types (`llm-model`, `llm-dataset`,
 * `llm-endpoint`):
 * - preProcessEntity adds the derived `leak-response.io/*` labels, so the
 *   catalog can filter on personal data, special categories, card data and
 *   jurisdictions;
 * - validateEntityKind rejects a malformed LLM entity with an InputError
 *   naming every bad field, its value and what is allowed. The catalog turns
 *   that into a processing error on that entity only;
 * - postProcessEntity emits the lineage relations in both directions.
 *
 * @public
 */
export class LlmEntityProcessor implements CatalogProcessor {
  /**
   * Builds the processor with the built-in vocabulary plus the categories
   * declared under `leakResponse.dataCategories`. Throws on a malformed
   * category, so that a bad config stops the backend rather than rejecting
   * every entity that uses the category.
   */
  static fromConfig(config: Config): LlmEntityProcessor {
    return LlmEntityProcessor.create({
      vocabulary: readDataCategories(config),
    });
  }

  static create(options?: {
    vocabulary?: DataCategoryVocabulary;
  }): LlmEntityProcessor {
    return new LlmEntityProcessor(
      options?.vocabulary ?? DEFAULT_DATA_CATEGORY_VOCABULARY,
    );
  }

  private constructor(private readonly vocabulary: DataCategoryVocabulary) {}

  getProcessorName(): string {
    return 'LlmEntityProcessor';
  }

  async preProcessEntity(entity: Entity): Promise<Entity> {
    if (!isLlmEntity(entity)) {
      return entity;
    }
    const labels = deriveLlmLabels(entity.spec, this.vocabulary);
    if (Object.keys(labels).length === 0) {
      return entity;
    }
    return {
      ...entity,
      metadata: {
        ...entity.metadata,
        // Derived labels win over hand-written ones with the same key: they
        // must always agree with spec, or filtering would lie.
        labels: { ...entity.metadata.labels, ...labels },
      },
    };
  }

  async validateEntityKind(entity: Entity): Promise<boolean> {
    if (!isLlmEntity(entity)) {
      return false;
    }
    const problems = validateLlmEntity(entity, this.vocabulary);
    if (problems.length > 0) {
      throw new InputError(
        formatLlmEntityProblems(stringifyEntityRef(entity), problems),
      );
    }
    return true;
  }

  async postProcessEntity(
    entity: Entity,
    _location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    if (isLlmEntity(entity)) {
      for (const relation of lineageRelations(
        getCompoundEntityRef(entity),
        entity.spec,
      )) {
        emit(processingResult.relation(relation));
      }
    }
    return entity;
  }
}
