import { FREE, IndexTable, OTHER_KEY } from './IndexTable';

/** Probes for `key`; the indexes met with that key, and the free slot. */
function probe(table: IndexTable, key: number) {
  const found: number[] = [];
  let slot = table.start(key);
  for (; ; slot = table.next(slot)) {
    const index = table.indexAt(slot, key);
    if (index === FREE) return { found, free: slot };
    if (index !== OTHER_KEY) found.push(index);
  }
}

describe('IndexTable', () => {
  it('finds every index put under a key, across growth and shared slots', () => {
    const table = new IndexTable();
    // 3,000 keys, many equal and many landing on the same start slot
    // (multiples of 1,024), negative ones included.
    const keys = Array.from(
      { length: 3000 },
      (_, i) => ((i % 7) * 1024 * (i % 2 ? -1 : 1)) | i % 300,
    );
    keys.forEach((key, index) => table.put(probe(table, key).free, key, index));

    const expected = new Map<number, number[]>();
    keys.forEach((key, index) =>
      expected.set(key, [...(expected.get(key) ?? []), index]),
    );
    for (const [key, indexes] of expected) {
      expect(probe(table, key).found.sort((a, b) => a - b)).toEqual(indexes);
    }
    expect(probe(table, 123456789).found).toEqual([]);
  });
});
