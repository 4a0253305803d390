import { Entity, RELATION_DEPENDS_ON } from '@backstage/catalog-model';
import { isLlmEntityType } from '@leak-response/plugin-leak-response-common';

/**
 * Whether an entity gets the Leak Response tab: LLM models, datasets and
 * endpoints, and components that depend on a resource (the surfaces a leak
 * reaches).
 * @public
 */
export function isLeakResponseAvailable(entity: Entity): boolean {
  const kind = entity.kind.toLocaleLowerCase('en-US');
  if (kind === 'resource') {
    return isLlmEntityType(entity.spec?.type);
  }
  if (kind === 'component') {
    return (entity.relations ?? []).some(
      r =>
        r.type === RELATION_DEPENDS_ON &&
        r.targetRef.toLocaleLowerCase('en-US').startsWith('resource:'),
    );
  }
  return false;
}
