import { Entity } from '@backstage/catalog-model';
import { batchingFetcher } from './batchingFetcher';

const entity = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name, namespace: 'default' },
  spec: {},
});

function counting() {
  const asked: string[][] = [];
  const fetch = async (refs: string[]) => {
    asked.push(refs);
    return refs.map(ref =>
      ref.endsWith('missing') ? undefined : entity(ref.split('/')[1]),
    );
  };
  return Object.assign(fetch, { asked });
}

describe('batchingFetcher', () => {
  it('sends the fetches of one turn as one request, each ref once', async () => {
    const fetch = counting();
    const batched = batchingFetcher(fetch);
    const [a, b] = await Promise.all([
      batched(['resource:default/x', 'resource:default/missing']),
      batched(['Resource:default/X', 'group:default/y']),
    ]);
    expect(fetch.asked).toEqual([
      ['resource:default/x', 'resource:default/missing', 'group:default/y'],
    ]);
    expect(a.map(e => e?.metadata.name)).toEqual(['x', undefined]);
    expect(b.map(e => e?.metadata.name)).toEqual(['x', 'y']);
  });

  it('merges the next fetches of callers that continue from the same answer', async () => {
    const fetch = counting();
    const batched = batchingFetcher(fetch);
    // Two walks of two levels each, side by side, with a few promise jobs
    // between the answer and the next ask.
    const walk = async (first: string, second: string) => {
      await batched([first]);
      await Promise.resolve();
      await Promise.resolve();
      return batched([second]);
    };
    await Promise.all([
      walk('resource:default/a1', 'resource:default/a2'),
      walk('group:default/b1', 'user:default/b2'),
    ]);
    expect(fetch.asked).toEqual([
      ['resource:default/a1', 'group:default/b1'],
      ['resource:default/a2', 'user:default/b2'],
    ]);
  });

  it('fails every fetch of a batch whose request fails', async () => {
    const batched = batchingFetcher(async () => {
      throw new Error('catalog down');
    });
    const results = await Promise.allSettled([
      batched(['resource:default/a']),
      batched(['resource:default/b']),
    ]);
    expect(results.map(r => r.status)).toEqual(['rejected', 'rejected']);
  });

  it('makes no request for nothing', async () => {
    const fetch = counting();
    expect(await batchingFetcher(fetch)([])).toEqual([]);
    expect(fetch.asked).toEqual([]);
  });
});
