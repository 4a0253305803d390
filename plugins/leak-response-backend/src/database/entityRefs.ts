import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

/**
 * A full, lower-case entity ref, or null. Entity refs compare without case
 * in Backstage (the catalog lower-cases them in relations and in a user's
 * ownershipEntityRefs), so owner and system refs are stored and matched in
 * this form, by the listing filters and by the read permission's rule alike.
 */
export function normalizedRef(
  ref: string | undefined,
  defaultKind: string,
): string | null {
  if (!ref) {
    return null;
  }
  try {
    return stringifyEntityRef(
      parseEntityRef(ref, { defaultKind, defaultNamespace: 'default' }),
    ).toLocaleLowerCase('en-US');
  } catch {
    return null;
  }
}
