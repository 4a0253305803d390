/**
 * Relation types of the LLM lineage graph. Each pair is emitted in both
 * directions by the catalog module, so the graph can be walked from either
 * end (impact analysis goes both upstream and downstream).
 */

/** A model was trained on a dataset. @public */
export const RELATION_TRAINED_ON = 'trainedOn';
/** Reverse of {@link RELATION_TRAINED_ON}. @public */
export const RELATION_TRAINING_DATA_OF = 'trainingDataOf';
/** A model was fine-tuned from a base model. @public */
export const RELATION_FINE_TUNED_FROM = 'fineTunedFrom';
/** Reverse of {@link RELATION_FINE_TUNED_FROM}. @public */
export const RELATION_FINE_TUNED_INTO = 'fineTunedInto';
/** An endpoint serves a model. @public */
export const RELATION_SERVES = 'serves';
/** Reverse of {@link RELATION_SERVES}. @public */
export const RELATION_SERVED_BY = 'servedBy';
/** An endpoint writes its prompts and responses to a log dataset. @public */
export const RELATION_LOGS_TO = 'logsTo';
/** Reverse of {@link RELATION_LOGS_TO}. @public */
export const RELATION_LOGS_OF = 'logsOf';

/**
 * The lineage fields of `spec`, the relation each one produces and its
 * reverse, and the entity type that may declare it.
 * @public
 */
export const LLM_LINEAGE_FIELDS = [
  {
    field: 'trainedOn',
    relation: RELATION_TRAINED_ON,
    reverse: RELATION_TRAINING_DATA_OF,
    declaredBy: 'llm-model',
  },
  {
    field: 'fineTunedFrom',
    relation: RELATION_FINE_TUNED_FROM,
    reverse: RELATION_FINE_TUNED_INTO,
    declaredBy: 'llm-model',
  },
  {
    field: 'serves',
    relation: RELATION_SERVES,
    reverse: RELATION_SERVED_BY,
    declaredBy: 'llm-endpoint',
  },
  {
    field: 'logsTo',
    relation: RELATION_LOGS_TO,
    reverse: RELATION_LOGS_OF,
    declaredBy: 'llm-endpoint',
  },
] as const;

/** @public */
export type LlmLineageField = (typeof LLM_LINEAGE_FIELDS)[number]['field'];
