import { Entity } from '@backstage/catalog-model';
import {
  isLlmDatasetEntity,
  isLlmEndpointEntity,
  isLlmEntity,
  isLlmModelEntity,
} from './guards';

const make = (kind: string, type: unknown): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name: 'x' },
  spec: { type, owner: 'group:a' } as Entity['spec'],
});

describe('type guards', () => {
  it.each([
    ['llm-model', [true, true, false, false]],
    ['llm-dataset', [true, false, true, false]],
    ['llm-endpoint', [true, false, false, true]],
    ['database', [false, false, false, false]],
    [undefined, [false, false, false, false]],
  ])('classifies a Resource of type %p', (type, expected) => {
    const entity = make('Resource', type);
    expect([
      isLlmEntity(entity),
      isLlmModelEntity(entity),
      isLlmDatasetEntity(entity),
      isLlmEndpointEntity(entity),
    ]).toEqual(expected);
  });

  it('accepts the kind in any case and refuses other kinds', () => {
    expect(isLlmEntity(make('resource', 'llm-model'))).toBe(true);
    expect(isLlmEntity(make('Component', 'llm-model'))).toBe(false);
    expect(
      isLlmEntity({
        apiVersion: 'v1',
        kind: 'Resource',
        metadata: { name: 'x' },
      }),
    ).toBe(false);
  });
});
