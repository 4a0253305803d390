import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { EntityBatchFetcher } from '../impact/ImpactAnalyzer';
import { refKey } from '../impact/lineage';

/** Default of `leakResponse.onCall.peopleCacheTtl`. */
export const DEFAULT_PEOPLE_CACHE_TTL_MS = 30_000;
const MAX_ENTRIES = 5000;

interface Entry {
  entity: Entity | undefined;
  expiresAt: number;
}

/**
 * The caller a cache entry belongs to: a user (and the service acting for
 * it, if any) or a service. Undefined for anything else, which is never
 * cached.
 */
function callerKey(credentials: BackstageCredentials): string | undefined {
  const principal = credentials.principal as {
    type?: string;
    userEntityRef?: string;
    subject?: string;
    actor?: { subject?: string };
  };
  if (principal?.type === 'user' && principal.userEntityRef) {
    return `user ${principal.userEntityRef} ${principal.actor?.subject ?? ''}`;
  }
  if (principal?.type === 'service' && principal.subject) {
    return `service ${principal.subject}`;
  }
  return undefined;
}

/**
 * The Systems, Domains, Groups and Users a plan looked up for its roles and
 * rotations, kept for a short while for the same caller's next plans (a
 * responder opening the plans of several entities in a row): then a plan's
 * catalog requests carry only the lineage.
 *
 * Why sharing is safe: entries are keyed by the caller (the user, and the
 * service acting for it, or the service), and filled only with what the
 * catalog answered to requests made with that caller's own credentials. So
 * a caller only ever gets back what the catalog showed that same caller
 * within the last `ttl`; nothing passes from one caller to another. The
 * cost is staleness bounded by `ttl` (default 30 s): an edited rotation, a
 * new training or a permission just withdrawn shows up that much later.
 * The leaked entity and its lineage are never cached.
 */
export class PeopleCache {
  private readonly entries = new Map<string, Entry>();

  private constructor(
    private readonly ttlMs: number,
    private readonly clock: () => number,
  ) {}

  static create(options: { ttlMs: number; clock?: () => number }): PeopleCache {
    return new PeopleCache(options.ttlMs, options.clock ?? Date.now);
  }

  /**
   * A fetcher for one plan's people side: cached refs come from the cache,
   * the others from `fetch` (and are kept).
   */
  fetcher(
    credentials: BackstageCredentials,
    fetch: EntityBatchFetcher,
  ): EntityBatchFetcher {
    const caller = callerKey(credentials);
    if (this.ttlMs <= 0 || caller === undefined) return fetch;
    return async refs => {
      const now = this.clock();
      const found = new Map<string, Entity | undefined>();
      const missing: string[] = [];
      for (const ref of refs) {
        const key = `${caller}\n${refKey(ref)}`;
        const entry = this.entries.get(key);
        if (entry && entry.expiresAt > now) {
          found.set(refKey(ref), entry.entity);
        } else {
          if (entry) this.entries.delete(key);
          missing.push(ref);
        }
      }
      if (missing.length > 0) {
        const fetched = await fetch(missing);
        const expiresAt = this.clock() + this.ttlMs;
        missing.forEach((ref, i) => {
          found.set(refKey(ref), fetched[i]);
          this.set(`${caller}\n${refKey(ref)}`, {
            entity: fetched[i],
            expiresAt,
          });
        });
      }
      return refs.map(ref => found.get(refKey(ref)));
    };
  }

  /** Entries kept (expired ones go when next looked at or pushed out). */
  get size(): number {
    return this.entries.size;
  }

  private set(key: string, entry: Entry) {
    this.entries.delete(key);
    if (this.entries.size >= MAX_ENTRIES) {
      // The oldest entry goes first (insertion order).
      this.entries.delete(this.entries.keys().next().value!);
    }
    this.entries.set(key, entry);
  }
}
