/**
 * Follows a token-paginated AWS list operation to its end, handing each
 * page to `onPage` as it arrives. A token repeated by the service would
 * otherwise loop forever, so it fails the listing instead.
 */
export async function paginate<P>(
  operation: string,
  fetchPage: (token: string | undefined) => Promise<P>,
  nextTokenOf: (page: P) => string | undefined,
  onPage: (page: P) => Promise<void> | void,
): Promise<number> {
  let token: string | undefined;
  let pages = 0;
  do {
    const page = await fetchPage(token);
    pages += 1;
    await onPage(page);
    const next = nextTokenOf(page) || undefined;
    if (next !== undefined && next === token) {
      throw new Error(`${operation} returned the same page token twice`);
    }
    token = next;
  } while (token);
  return pages;
}

/**
 * Runs `fn` over `items` with at most `limit` calls in flight: describe
 * calls per listed item are the bulk of the requests, and a bounded number
 * in flight keeps within the services' request rates.
 */
export async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++];
      await fn(item);
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, worker),
  );
}
