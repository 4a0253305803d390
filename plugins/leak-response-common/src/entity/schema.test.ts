import Ajv from 'ajv';
import { checkLlmSpecShape, LLM_ENTITY_SPEC_SCHEMAS } from './schema';

describe('LLM spec schemas', () => {
  it('are valid JSON schemas', () => {
    const ajv = new Ajv();
    for (const schema of Object.values(LLM_ENTITY_SPEC_SCHEMAS)) {
      expect(ajv.validateSchema(schema)).toBe(true);
    }
  });

  it('accept a well-shaped spec and reject another type', () => {
    expect(
      checkLlmSpecShape('llm-model', { type: 'llm-model', owner: 'g' }),
    ).toEqual([]);
    const errors = checkLlmSpecShape('llm-model', {
      type: 'llm-dataset',
      owner: 'g',
    });
    expect(errors.map(e => e.keyword)).toEqual(['const']);
  });

  it('reject fields of other types with a false schema', () => {
    const errors = checkLlmSpecShape('llm-dataset', {
      type: 'llm-dataset',
      owner: 'g',
      serves: ['resource:x'],
    });
    expect(errors.map(e => [e.instancePath, e.keyword])).toEqual([
      ['/serves', 'false schema'],
    ]);
  });
});
