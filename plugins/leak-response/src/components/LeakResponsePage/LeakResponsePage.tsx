import {
  Content,
  ContentHeader,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
  SupportButton,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { leakResponseApiRef } from '../../api';
import { IncidentsTable } from '../IncidentsTable';

/** The suite's page in the sidebar: incidents across the organisation. */
export const LeakResponsePage = () => {
  const api = useApi(leakResponseApiRef);
  const { value, loading, error } = useAsync(() => api.listIncidents(), [api]);

  return (
    <Page themeId="tool">
      <Header
        title="Leak Response"
        subtitle="LLM data leaks: impact, obligations and the clocks that run"
      />
      <Content>
        <ContentHeader title="Incidents">
          <SupportButton>
            Incidents opened from an entity's Leak Response tab or from AWS
            detections appear here.
          </SupportButton>
        </ContentHeader>
        {loading && <Progress />}
        {error && <ResponseErrorPanel error={error} />}
        {value && (
          <IncidentsTable
            title="All incidents"
            incidents={value}
            emptyText="No incidents have been opened."
          />
        )}
      </Content>
    </Page>
  );
};
