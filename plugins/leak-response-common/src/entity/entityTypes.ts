/**
 * The `spec.type`s of `Resource` entities that Leak Response understands.
 * @public
 */
export const LLM_ENTITY_TYPES = [
  'llm-model',
  'llm-dataset',
  'llm-endpoint',
] as const;

/** @public */
export type LlmEntityType = (typeof LLM_ENTITY_TYPES)[number];

/**
 * Whether a `spec.type` value is one of the LLM types.
 * @public
 */
export function isLlmEntityType(type: unknown): type is LlmEntityType {
  return (
    typeof type === 'string' &&
    (LLM_ENTITY_TYPES as readonly string[]).includes(type)
  );
}
