import {
  Entity,
  getCompoundEntityRef,
  parseEntityRef,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
} from '@backstage/catalog-model';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  LocationSpec,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_DISCOVERED_BY,
  ANNOTATION_DISCOVERED_LINEAGE,
  ANNOTATION_SUGGESTED_DATA_CATEGORIES,
  LLM_LINEAGE_FIELDS,
  readDiscoveredLineage,
} from '@leak-response/plugin-leak-response-common';
import { ANNOTATION_AWS_ARN } from '../providers/entityMapper';
import { DiscoveredLineageIndex } from './DiscoveredLineageIndex';

const REVERSE = new Map<string, string>([
  ...LLM_LINEAGE_FIELDS.map(f => [f.relation, f.reverse] as [string, string]),
  [RELATION_DEPENDS_ON, RELATION_DEPENDENCY_OF],
]);

/**
 * Adds discovered lineage to the declared entities that claim an ARN:
 * the entity keeps every field it declares; the lineage the lineage
 * provider read for its ARN is written in the
 * `leak-response.io/discovered-lineage` annotation (so readiness can
 * compare it with what is declared, and the UI can mark it) and emitted as
 * relations in both directions, which the impact walk follows. The data
 * categories a scanner found in a declared dataset's storage are written in
 * `leak-response.io/suggested-data-categories`; `spec.dataCategories` stays
 * what the owner declares.
 *
 * Entities the lineage provider emits itself carry their lineage in spec
 * already and are left to `LlmEntityProcessor`.
 *
 * @public
 */
export class DiscoveredLineageProcessor implements CatalogProcessor {
  constructor(private readonly index: DiscoveredLineageIndex) {}

  getProcessorName(): string {
    return 'DiscoveredLineageProcessor';
  }

  async preProcessEntity(entity: Entity): Promise<Entity> {
    const arn = entity.metadata.annotations?.[ANNOTATION_AWS_ARN];
    if (!arn || entity.metadata.annotations?.[ANNOTATION_DISCOVERED_BY]) {
      return entity;
    }
    const edges = this.index.lineageOf(arn);
    const suggestions = this.index.suggestionsOf(arn);
    if (edges.length === 0 && suggestions.length === 0) return entity;
    return {
      ...entity,
      metadata: {
        ...entity.metadata,
        annotations: {
          ...entity.metadata.annotations,
          ...(edges.length > 0
            ? { [ANNOTATION_DISCOVERED_LINEAGE]: JSON.stringify(edges) }
            : {}),
          ...(suggestions.length > 0
            ? {
                [ANNOTATION_SUGGESTED_DATA_CATEGORIES]:
                  JSON.stringify(suggestions),
              }
            : {}),
        },
      },
    };
  }

  async postProcessEntity(
    entity: Entity,
    _location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    if (entity.metadata.annotations?.[ANNOTATION_DISCOVERED_BY]) {
      return entity;
    }
    const self = getCompoundEntityRef(entity);
    for (const edge of readDiscoveredLineage(entity)) {
      const reverse = REVERSE.get(edge.relation);
      if (!reverse) continue;
      let target;
      try {
        target = parseEntityRef(edge.target);
      } catch {
        continue;
      }
      emit(
        processingResult.relation({
          source: self,
          type: edge.relation,
          target,
        }),
      );
      emit(
        processingResult.relation({
          source: target,
          type: reverse,
          target: self,
        }),
      );
    }
    return entity;
  }
}
