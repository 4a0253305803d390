import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Box, Grid } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import {
  LEAK_TYPES,
  leakTypeInWords,
  LeakType,
} from '@leak-response/plugin-leak-response-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { leakResponseApiRef } from '../../api';
import { isLlmEntity } from '../../conditions';
import { IncidentsTable } from '../IncidentsTable';
import { EntityLlmDataCard } from '../EntityLlmDataCard';
import {
  EntityProcessingErrors,
  processingErrors,
} from '../EntityProcessingErrors';
import { LaunchPlaybookButton } from '../LaunchPlaybookDialog';
import { SelectField } from '../shared';
import { ImpactCard } from './ImpactCard';
import { ObligationsPreviewCard } from './ObligationsPreviewCard';
import { OnCallCard } from './OnCallCard';
import { RaciCard } from './RaciCard';

/**
 * The entity tab: what the entity holds, what a leak of it would reach, the
 * playbook with its RACI matrix, who is on call, the obligations a leak would
 * start, and the open incidents that hold it.
 */
export const EntityLeakResponseContent = () => {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const api = useApi(leakResponseApiRef);
  // LLM entities get their leak type from the backend (by entity type);
  // the surfaces that depend on them leak what the inference sees.
  const [leakType, setLeakType] = useState<LeakType | undefined>(
    isLlmEntity(entity) ? undefined : 'inference-data-leakage',
  );
  const {
    value: plan,
    loading,
    error,
  } = useAsync(
    () => api.getPlan({ entityRef, leakType }),
    [api, entityRef, leakType],
  );

  const holds = plan?.openIncidents ?? [];

  return (
    <Grid container spacing={3}>
      {processingErrors(entity).length > 0 && (
        <Grid item xs={12}>
          <EntityProcessingErrors />
        </Grid>
      )}
      <Grid item xs={12}>
        <Box display="flex" alignItems="flex-start" style={{ gap: 16 }}>
          <SelectField
            labelInput
            label="Leak type"
            value={leakType ?? plan?.leakType ?? ''}
            options={LEAK_TYPES.map(value => ({
              value,
              label: leakTypeInWords(value),
            }))}
            onChange={setLeakType}
            style={{ minWidth: 260 }}
          />
          {plan && (
            <Box>
              <LaunchPlaybookButton
                entityRef={entityRef}
                entityTitle={entity.metadata.title}
                defaultLeakType={plan.leakType}
              />
            </Box>
          )}
        </Box>
      </Grid>
      {holds.length > 0 && (
        <Grid item xs={12}>
          <Alert severity="warning" role="alert">
            Evidence hold: {holds.length} open incident(s) affect this entity.
            Keep its data, logs, versions and access records; do not delete,
            retrain or rotate them until the incidents close.
          </Alert>
        </Grid>
      )}
      <Grid item xs={12} md={6}>
        <EntityLlmDataCard />
      </Grid>
      {loading && (
        <Grid item xs={12}>
          <Progress />
        </Grid>
      )}
      {error && (
        <Grid item xs={12}>
          <ResponseErrorPanel error={error} />
        </Grid>
      )}
      {plan && (
        <>
          <Grid item xs={12} md={6}>
            <ObligationsPreviewCard obligations={plan.obligations} />
          </Grid>
          {plan.warnings.length > 0 && (
            <Grid item xs={12}>
              <Alert severity="info">
                {plan.warnings.map(w => (
                  <div key={w}>{w}</div>
                ))}
              </Alert>
            </Grid>
          )}
          <Grid item xs={12}>
            <ImpactCard impact={plan.impact} />
          </Grid>
          <Grid item xs={12}>
            <RaciCard playbook={plan.playbook} roles={plan.roles} />
          </Grid>
          <Grid item xs={12}>
            <OnCallCard
              roles={plan.roles}
              gaps={plan.readiness.gaps}
              requiredTrainings={plan.readiness.requiredTrainings}
            />
          </Grid>
          <Grid item xs={12}>
            <IncidentsTable
              title="Open incidents affecting this entity"
              incidents={holds}
              emptyText="No incident has been opened for this entity."
            />
          </Grid>
        </>
      )}
      {!loading && !error && !plan && (
        <Grid item xs={12}>
          <EmptyState missing="data" title="No plan for this entity" />
        </Grid>
      )}
    </Grid>
  );
};
