import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { PeopleCache } from './PeopleCache';

const user = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default' },
  spec: {},
});

function counting(entities: Record<string, Entity>) {
  const asked: string[][] = [];
  const fetch = async (refs: string[]) => {
    asked.push(refs);
    return refs.map(ref => entities[ref]);
  };
  return Object.assign(fetch, { asked });
}

describe('PeopleCache', () => {
  const catalog = {
    'user:default/a': user('a'),
    'user:default/b': user('b'),
  };

  it('answers the same caller from the cache until the entries expire', async () => {
    let now = 1_000_000;
    const cache = PeopleCache.create({ ttlMs: 30_000, clock: () => now });
    const fetch = counting(catalog);
    const caller = mockCredentials.user('user:default/responder');

    const first = await cache.fetcher(
      caller,
      fetch,
    )(['user:default/a', 'user:default/missing']);
    expect(first.map(e => e?.metadata.name)).toEqual(['a', undefined]);

    now += 29_999;
    const again = await cache.fetcher(
      caller,
      fetch,
    )(['User:default/A', 'user:default/missing', 'user:default/b']);
    expect(again.map(e => e?.metadata.name)).toEqual(['a', undefined, 'b']);
    // Only b was new; a and the miss came from the cache.
    expect(fetch.asked).toEqual([
      ['user:default/a', 'user:default/missing'],
      ['user:default/b'],
    ]);

    now += 1; // a expires 30 s after it was fetched
    await cache.fetcher(caller, fetch)(['user:default/a']);
    expect(fetch.asked).toHaveLength(3);
  });

  it('never answers one caller with what another caller fetched', async () => {
    const cache = PeopleCache.create({ ttlMs: 30_000 });
    const fetch = counting(catalog);
    await cache.fetcher(
      mockCredentials.user('user:default/x'),
      fetch,
    )(['user:default/a']);
    await cache.fetcher(
      mockCredentials.user('user:default/y'),
      fetch,
    )(['user:default/a']);
    await cache.fetcher(
      mockCredentials.service('plugin:other'),
      fetch,
    )(['user:default/a']);
    expect(fetch.asked).toHaveLength(3);
  });

  it('caches nothing without a known caller or with a zero ttl', async () => {
    const fetch = counting(catalog);
    const none = PeopleCache.create({ ttlMs: 30_000 });
    await none.fetcher(mockCredentials.none(), fetch)(['user:default/a']);
    await none.fetcher(mockCredentials.none(), fetch)(['user:default/a']);
    const off = PeopleCache.create({ ttlMs: 0 });
    const caller = mockCredentials.user();
    await off.fetcher(caller, fetch)(['user:default/a']);
    await off.fetcher(caller, fetch)(['user:default/a']);
    expect(fetch.asked).toHaveLength(4);
    expect(none.size + off.size).toBe(0);
  });
});
