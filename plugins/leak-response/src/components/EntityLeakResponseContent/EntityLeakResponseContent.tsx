import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Grid, Typography } from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';
import { leakResponseApiRef } from '../../api';
import { IncidentsTable } from '../IncidentsTable';
import { EntityLlmDataCard } from '../EntityLlmDataCard';

/** The entity tab: what this entity holds and the incidents that started from it. */
export const EntityLeakResponseContent = () => {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const api = useApi(leakResponseApiRef);
  const { value, loading, error } = useAsync(
    () => api.listIncidents({ entityRef }),
    [api, entityRef],
  );

  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={6}>
        <EntityLlmDataCard />
      </Grid>
      <Grid item xs={12} md={6}>
        <InfoCard title="What this tab will show">
          <Typography variant="body2">
            The impact of a leak of this entity over its lineage, the
            regulatory obligations and deadlines it would start, its playbook
            with the RACI matrix, and who is on call. These views arrive with
            the next releases of the suite; until then only the declared data
            and the incidents below are shown.
          </Typography>
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        {loading && <Progress />}
        {error && <ResponseErrorPanel error={error} />}
        {value && (
          <IncidentsTable
            title="Incidents that started here"
            incidents={value}
            emptyText="No incident has been opened for this entity."
          />
        )}
      </Grid>
    </Grid>
  );
};
