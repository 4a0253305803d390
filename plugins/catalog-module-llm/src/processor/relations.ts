import { CompoundEntityRef } from '@backstage/catalog-model';
import { EntityRelationSpec } from '@backstage/plugin-catalog-node';
import {
  LLM_LINEAGE_FIELDS,
  parseLineageRef,
} from '@leak-response/plugin-leak-response-common';

/**
 * The lineage relations an LLM entity declares, each in both directions
 * (e.g. `trainedOn` from the model and `trainingDataOf` from the dataset).
 * Fields the entity's type may not declare, absent fields and unparseable
 * references yield nothing: validation has already reported them.
 */
export function lineageRelations(
  self: CompoundEntityRef,
  spec: Record<string, unknown>,
): EntityRelationSpec[] {
  const relations: EntityRelationSpec[] = [];
  for (const { field, relation, reverse, declaredBy } of LLM_LINEAGE_FIELDS) {
    if (spec.type !== declaredBy) {
      continue;
    }
    const raw = spec[field];
    const values = Array.isArray(raw) ? raw : [raw];
    for (const value of values) {
      if (typeof value !== 'string') {
        continue;
      }
      const parsed = parseLineageRef(value, self.namespace);
      if (!parsed.ok) {
        continue;
      }
      relations.push(
        { source: self, type: relation, target: parsed.ref },
        { source: parsed.ref, type: reverse, target: self },
      );
    }
  }
  return relations;
}
