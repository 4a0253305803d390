import { Entity } from '@backstage/catalog-model';
import { isLeakResponseAvailable } from './conditions';

const entity = (
  kind: string,
  spec: object,
  relations: Entity['relations'] = [],
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name: 'x' },
  spec,
  relations,
});

describe('isLeakResponseAvailable', () => {
  it.each(['llm-model', 'llm-dataset', 'llm-endpoint'])(
    'is true for a Resource of type %s',
    type => {
      expect(isLeakResponseAvailable(entity('Resource', { type }))).toBe(true);
    },
  );

  it('is false for other resources and kinds', () => {
    expect(
      isLeakResponseAvailable(entity('Resource', { type: 's3-bucket' })),
    ).toBe(false);
    expect(isLeakResponseAvailable(entity('Group', { type: 'team' }))).toBe(
      false,
    );
  });

  it('is true for a component that depends on a resource, false otherwise', () => {
    expect(
      isLeakResponseAvailable(
        entity('Component', { type: 'website' }, [
          {
            type: 'dependsOn',
            targetRef: 'resource:default/checkout-assistant-endpoint',
          },
        ]),
      ),
    ).toBe(true);
    expect(
      isLeakResponseAvailable(
        entity('Component', { type: 'website' }, [
          { type: 'dependsOn', targetRef: 'component:default/order-service' },
        ]),
      ),
    ).toBe(false);
  });
});
