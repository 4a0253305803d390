import { Entity } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Typography } from '@material-ui/core';
import { Alert, AlertTitle } from '@material-ui/lab';

// The status item type the catalog gives processing errors
// (ENTITY_STATUS_CATALOG_PROCESSING_TYPE of @backstage/catalog-client).
const PROCESSING_TYPE = 'backstage.io/catalog-processing';

/** The processing errors the catalog recorded on the entity, in its words. */
export function processingErrors(entity: Entity): string[] {
  const { status } = entity as {
    status?: {
      items?: Array<{
        type: string;
        level: string;
        message: string;
        error?: { message: string };
      }>;
    };
  };
  return (status?.items ?? [])
    .filter(item => item.type === PROCESSING_TYPE && item.level === 'error')
    .map(item => item.error?.message ?? item.message);
}

/**
 * Tells the owner, on the entity's own tab, that the catalog refused the
 * last change to catalog-info.yaml and why, with the very sentence the
 * processor (and `leak-response validate`) gives. Nothing when all is well.
 */
export const EntityProcessingErrors = () => {
  const { entity } = useEntity();
  const errors = processingErrors(entity);
  if (errors.length === 0) {
    return null;
  }
  return (
    <Alert severity="error">
      <AlertTitle>
        Fix catalog-info.yaml: the catalog refused its last change, so this page
        shows the last valid version
      </AlertTitle>
      {errors.map((message, index) => (
        <Typography key={index} variant="body2" component="p">
          {message}
        </Typography>
      ))}
    </Alert>
  );
};
