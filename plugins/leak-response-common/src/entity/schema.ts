import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import { DATA_CATEGORY_ID_PATTERN } from './dataCategories';
import { LlmEntityType } from './entityTypes';
import { LLM_CONTROLS, LLM_DATASET_PURPOSES } from './types';

/*
 * The JSON schemas check shape only (types, enums, required fields, which
 * fields belong to which type). Checks against the vocabulary, the region
 * list and the country list run in code (validateLlmEntity), because the
 * vocabulary is extended from config and because those messages need to say
 * what is allowed in words a catalog owner understands.
 */

const stringList = {
  type: 'array',
  items: { type: 'string', minLength: 1 },
  uniqueItems: true,
};

const commonProperties = {
  type: { type: 'string' },
  owner: { type: 'string', minLength: 1 },
  system: { type: 'string', minLength: 1 },
  lifecycle: { type: 'string', minLength: 1 },
  dataCategories: {
    type: 'array',
    items: { type: 'string', pattern: DATA_CATEGORY_ID_PATTERN },
    uniqueItems: true,
  },
  regions: stringList,
  dataSubjects: stringList,
  approxDataSubjects: { type: 'integer', minimum: 0 },
  controls: {
    type: 'object',
    properties: Object.fromEntries(
      LLM_CONTROLS.map(name => [name, { type: 'boolean' }]),
    ),
    additionalProperties: false,
  },
};

// A field of another LLM type: the `false` schema rejects any value.
const forbidden = false;

function specSchema(type: LlmEntityType, own: Record<string, unknown>) {
  return {
    $id: `https://leak-response.io/schemas/${type}.spec.json`,
    type: 'object',
    required: ['type', 'owner'],
    properties: {
      ...commonProperties,
      type: { const: type },
      trainedOn: forbidden,
      fineTunedFrom: forbidden,
      purpose: forbidden,
      serves: forbidden,
      logsTo: forbidden,
      ...own,
    },
  };
}

/**
 * JSON schemas (draft-07) of `spec` for each LLM type.
 * @public
 */
export const LLM_ENTITY_SPEC_SCHEMAS: Readonly<
  Record<LlmEntityType, Record<string, unknown>>
> = Object.freeze({
  'llm-model': specSchema('llm-model', {
    trainedOn: stringList,
    fineTunedFrom: { type: 'string', minLength: 1 },
  }),
  'llm-dataset': specSchema('llm-dataset', {
    purpose: { type: 'string', enum: [...LLM_DATASET_PURPOSES] },
  }),
  'llm-endpoint': specSchema('llm-endpoint', {
    serves: stringList,
    logsTo: stringList,
  }),
});

let validators: Record<LlmEntityType, ValidateFunction> | undefined;

/**
 * Runs the JSON schema of an LLM type over a `spec` and returns ajv's errors
 * (empty when the shape is right).
 * @public
 */
export function checkLlmSpecShape(
  type: LlmEntityType,
  spec: unknown,
): ErrorObject[] {
  if (!validators) {
    // Compiled once and lazily: ajv compilation is the expensive part.
    const ajv = new Ajv({ allErrors: true });
    validators = {
      'llm-model': ajv.compile(LLM_ENTITY_SPEC_SCHEMAS['llm-model']),
      'llm-dataset': ajv.compile(LLM_ENTITY_SPEC_SCHEMAS['llm-dataset']),
      'llm-endpoint': ajv.compile(LLM_ENTITY_SPEC_SCHEMAS['llm-endpoint']),
    };
  }
  const validate = validators[type];
  return validate(spec) ? [] : [...(validate.errors ?? [])];
}
