import { Entity } from '@backstage/catalog-model';
import { EntityBatchFetcher } from './impact/ImpactAnalyzer';
import { refKey } from './impact/lineage';

interface Waiter {
  refs: string[];
  resolve: (entities: Array<Entity | undefined>) => void;
  reject: (error: unknown) => void;
}

/**
 * Merges the fetches asked for in the same turn of the event loop into one
 * catalog request. The impact walk and the people resolver run side by
 * side and both continue from the same answer, so each level of the
 * lineage and the round of groups or rotation members due at that point
 * travel in one `getEntitiesByRefs`: a plan makes no more catalog round
 * trips than its lineage has levels. Refs asked for twice in one batch are
 * sent once. One fetcher serves one plan (one caller's credentials).
 */
export function batchingFetcher(fetch: EntityBatchFetcher): EntityBatchFetcher {
  let waiting: Waiter[] | undefined;

  const flush = () => {
    const waiters = waiting!;
    waiting = undefined;
    const keys = [...new Set(waiters.flatMap(w => w.refs.map(refKey)))];
    fetch(keys).then(
      entities => {
        const byKey = new Map(keys.map((key, i) => [key, entities[i]]));
        for (const waiter of waiters) {
          waiter.resolve(waiter.refs.map(ref => byKey.get(refKey(ref))));
        }
      },
      error => waiters.forEach(waiter => waiter.reject(error)),
    );
  };

  return refs => {
    if (refs.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      if (!waiting) {
        waiting = [];
        // After the promise jobs queued so far have run (V8 drains them all
        // before Node's next tick): every caller that continues from the
        // same answer has asked by then, and no turn of the event loop is
        // lost waiting.
        process.nextTick(flush);
      }
      waiting.push({ refs, resolve, reject });
    });
  };
}
