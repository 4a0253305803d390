import {
  Entity,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
} from '@backstage/catalog-model';
import {
  isLlmEntityType,
  LLM_LINEAGE_FIELDS,
} from '@leak-response/plugin-leak-response-common';

/**
 * The relations to draw in a catalog graph of LLM lineage: the four lineage
 * pairs and the dependencies of the e-commerce surfaces. Ownership and
 * system are left out on purpose: through them the graph would reach the
 * whole organisation.
 * @public
 */
export const LLM_LINEAGE_GRAPH_RELATIONS: string[] = [
  ...LLM_LINEAGE_FIELDS.flatMap(f => [f.relation, f.reverse]),
  RELATION_DEPENDS_ON,
  RELATION_DEPENDENCY_OF,
];

/**
 * Whether an entity is an LLM model, dataset or endpoint.
 * @public
 */
export function isLlmEntity(entity: Entity): boolean {
  return (
    entity.kind.toLocaleLowerCase('en-US') === 'resource' &&
    isLlmEntityType(entity.spec?.type)
  );
}

/**
 * Whether an entity gets the Leak Response tab: LLM models, datasets and
 * endpoints, and components that depend on a resource (the surfaces a leak
 * reaches).
 * @public
 */
export function isLeakResponseAvailable(entity: Entity): boolean {
  if (isLlmEntity(entity)) {
    return true;
  }
  if (entity.kind.toLocaleLowerCase('en-US') === 'component') {
    return (entity.relations ?? []).some(
      r =>
        r.type === RELATION_DEPENDS_ON &&
        r.targetRef.toLocaleLowerCase('en-US').startsWith('resource:'),
    );
  }
  return false;
}
