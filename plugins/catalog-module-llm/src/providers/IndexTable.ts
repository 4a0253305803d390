const INITIAL_SIZE = 1024;
/** `IndexTable.indexAt` for a free slot. */
export const FREE = -1;
/** `IndexTable.indexAt` for a slot taken by another key. */
export const OTHER_KEY = -2;

/**
 * An open-addressing hash table from 32-bit keys to non-negative indexes,
 * in typed arrays (nothing for the garbage collector to trace). It does not
 * compare what the keys stand for: callers probe with `start`/`next`, check
 * each index `indexAt` gives, and `put` into the free slot that ends the
 * probe. Kept at most half full, so probe runs stay short.
 */
export class IndexTable {
  private keys = new Int32Array(INITIAL_SIZE);
  /** 0 for a free slot, else index + 1. */
  private entries = new Int32Array(INITIAL_SIZE);
  private size = 0;

  start(key: number): number {
    return key & (this.keys.length - 1);
  }

  next(slot: number): number {
    return (slot + 1) & (this.keys.length - 1);
  }

  indexAt(slot: number, key: number): number {
    const entry = this.entries[slot];
    if (entry === 0) return FREE;
    return this.keys[slot] === key ? entry - 1 : OTHER_KEY;
  }

  /** Fills the free slot a probe for `key` ended at. */
  put(slot: number, key: number, index: number): void {
    this.keys[slot] = key;
    this.entries[slot] = index + 1;
    this.size += 1;
    if (this.size * 2 > this.keys.length) this.grow();
  }

  private grow(): void {
    const { keys, entries } = this;
    this.keys = new Int32Array(keys.length * 2);
    this.entries = new Int32Array(entries.length * 2);
    for (let old = 0; old < keys.length; old++) {
      if (entries[old] === 0) continue;
      let slot = this.start(keys[old]);
      while (this.entries[slot] !== 0) slot = this.next(slot);
      this.keys[slot] = keys[old];
      this.entries[slot] = entries[old];
    }
  }
}
