import { Entity } from '@backstage/catalog-model';
import { isLlmEntityType } from './entityTypes';
import {
  LlmDatasetEntity,
  LlmEndpointEntity,
  LlmEntity,
  LlmModelEntity,
} from './types';

/**
 * Whether an entity is a `Resource` of one of the LLM types.
 *
 * This checks the kind and `spec.type` only; the catalog module rejects
 * entities whose other fields are wrong, so entities read back from the
 * catalog can be trusted to match the types.
 * @public
 */
export function isLlmEntity(entity: Entity): entity is LlmEntity {
  return (
    typeof entity?.kind === 'string' &&
    entity.kind.toLocaleLowerCase('en-US') === 'resource' &&
    isLlmEntityType(entity.spec?.type)
  );
}

/** @public */
export function isLlmModelEntity(entity: Entity): entity is LlmModelEntity {
  return isLlmEntity(entity) && entity.spec.type === 'llm-model';
}

/** @public */
export function isLlmDatasetEntity(entity: Entity): entity is LlmDatasetEntity {
  return isLlmEntity(entity) && entity.spec.type === 'llm-dataset';
}

/** @public */
export function isLlmEndpointEntity(
  entity: Entity,
): entity is LlmEndpointEntity {
  return isLlmEntity(entity) && entity.spec.type === 'llm-endpoint';
}
