import { AuthService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ANNOTATION_AWS_ARN } from '../providers/entityMapper';

const MANAGED_BY = 'backstage.io/managed-by-location';

/** Reads which entities claim which ARNs. */
export interface ArnClaimsSource {
  /** Claimed ARN → full entity ref, leaving out `ownLocation`'s entities. */
  read(ownLocation: string): Promise<Map<string, string>>;
}

/**
 * The ARN claims of the catalog: every entity with `amazonaws.com/arn`
 * that this provider did not emit itself (declared in catalog-info.yaml, or
 * discovered by tags), read through the catalog API with the backend's own
 * service credentials.
 */
export class CatalogArnClaims implements ArnClaimsSource {
  constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
  ) {}

  async read(ownLocation: string): Promise<Map<string, string>> {
    const credentials = await this.auth.getOwnServiceCredentials();
    const claims = new Map<string, string>();
    let cursor: string | undefined;
    do {
      const page = await this.catalog.queryEntities(
        cursor
          ? { cursor, limit: 1000 }
          : {
              filter: {
                [`metadata.annotations.${ANNOTATION_AWS_ARN}`]:
                  CATALOG_FILTER_EXISTS,
              },
              fields: [
                'kind',
                'metadata.name',
                'metadata.namespace',
                'metadata.annotations',
              ],
              limit: 1000,
            },
        { credentials },
      );
      for (const entity of page.items) {
        const annotations = entity.metadata.annotations ?? {};
        const arn = annotations[ANNOTATION_AWS_ARN];
        if (!arn || annotations[MANAGED_BY] === ownLocation) continue;
        // Two entities claiming one ARN: the first keeps it, as in detection.
        if (!claims.has(arn)) claims.set(arn, stringifyEntityRef(entity));
      }
      cursor = page.pageInfo.nextCursor;
    } while (cursor);
    return claims;
  }
}
