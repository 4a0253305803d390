import {
  Content,
  ContentHeader,
  EmptyState,
  Header,
  InfoCard,
  Link,
  Page,
  Progress,
  ResponseErrorPanel,
  SupportButton,
} from '@backstage/core-components';
import { alertApiRef, useApi, useRouteRef } from '@backstage/core-plugin-api';
import { Box, Button, Grid, Typography, useTheme } from '@material-ui/core';
import {
  ASSET_GAP_KINDS,
  ASSET_GAP_TITLES,
  AssetGapKind,
  InventoryFormat,
  ReadinessReport,
  SystemReadiness,
} from '@leak-response/plugin-leak-response-common';
import { useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { leakResponseApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import { DateTime, messageOf, SelectField } from '../shared';
import { AssetsTable } from './AssetsTable';
import { SharedGapsCard } from './SharedGapsCard';
import { StandingQuestionsCard } from './StandingQuestionsCard';
import { BarChart } from './BarChart';
import { saveFile } from './download';
import { scoreColor, shortRef } from './score';

/** The value of the system filter for assets without a system. */
const NO_SYSTEM = '(none)';

const systemName = (s: SystemReadiness) =>
  s.systemRef ? s.title ?? shortRef(s.systemRef) : 'No system';

const EXPORTS: { format: InventoryFormat; name: string }[] = [
  { format: 'csv', name: 'CSV' },
  { format: 'markdown', name: 'markdown' },
];

const ExportButtons = () => {
  const api = useApi(leakResponseApiRef);
  const alertApi = useApi(alertApiRef);
  const [busy, setBusy] = useState<InventoryFormat | undefined>();
  const download = async (format: InventoryFormat) => {
    setBusy(format);
    try {
      saveFile(await api.getInventory(format));
    } catch (error) {
      alertApi.post({
        message: `The inventory could not be exported: ${messageOf(error)}`,
        severity: 'error',
      });
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <Box display="flex" style={{ gap: 8 }}>
      {EXPORTS.map(({ format, name }) => (
        <Button
          key={format}
          variant="outlined"
          color="primary"
          disabled={busy !== undefined}
          onClick={() => download(format)}
        >
          Export inventory ({name})
        </Button>
      ))}
    </Box>
  );
};

const Summary = ({ report }: { report: ReadinessReport }) => {
  const theme = useTheme();
  const ready = report.assets.filter(a => a.gaps.length === 0).length;
  return (
    <Grid container spacing={2}>
      <Grid item xs={12} md={3}>
        <InfoCard title="Readiness score">
          <Typography
            variant="h2"
            component="p"
            aria-label={`Readiness score ${report.score} of 100`}
            style={{ color: scoreColor(theme, report.score) }}
          >
            {report.score}
          </Typography>
          <Typography variant="body2" color="textSecondary">
            {report.assets.length} LLM assets, {ready} without gaps. An asset
            scores the share of its checks it passes; a system the mean of its
            assets.
          </Typography>
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={4}>
        <InfoCard title="Score by system">
          <BarChart
            title="Readiness score by system"
            max={100}
            bars={report.systems.map(s => ({
              label: systemName(s),
              value: s.score,
              color: scoreColor(theme, s.score),
            }))}
          />
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={5}>
        <InfoCard title="Assets with each gap">
          <BarChart
            title="Number of assets with each gap"
            max={report.assets.length}
            bars={ASSET_GAP_KINDS.map(kind => ({
              label: ASSET_GAP_TITLES[kind],
              value: report.gapCounts[kind] ?? 0,
            }))}
          />
        </InfoCard>
      </Grid>
    </Grid>
  );
};

const Dashboard = ({ report }: { report: ReadinessReport }) => {
  const [system, setSystem] = useState('all');
  const [gap, setGap] = useState<AssetGapKind | 'all'>('all');
  const assets = useMemo(
    () =>
      report.assets.filter(
        a =>
          (system === 'all' ||
            (system === NO_SYSTEM ? !a.systemRef : a.systemRef === system)) &&
          (gap === 'all' || a.gaps.some(g => g.kind === gap)),
      ),
    [report, system, gap],
  );
  return (
    <>
      <Summary report={report} />
      <Box mt={2}>
        <StandingQuestionsCard standing={report.standingQuestions} />
      </Box>
      <Box mt={2}>
        <SharedGapsCard assets={report.assets} />
      </Box>
      <Grid container spacing={2} style={{ marginTop: 16, marginBottom: 8 }}>
        <Grid item xs={12} sm={6} md={3}>
          <SelectField
            fullWidth
            id="readiness-filter-system"
            label="System"
            value={system}
            options={[
              { value: 'all', label: 'All systems' },
              ...report.systems.map(s => ({
                value: s.systemRef ?? NO_SYSTEM,
                label: `${systemName(s)} (${s.score})`,
              })),
            ]}
            onChange={setSystem}
          />
        </Grid>
        <Grid item xs={12} sm={6} md={3}>
          <SelectField
            fullWidth
            id="readiness-filter-gap"
            label="Gap"
            value={gap}
            options={[
              { value: 'all', label: 'Any or none' },
              ...ASSET_GAP_KINDS.map(kind => ({
                value: kind,
                label: `${ASSET_GAP_TITLES[kind]} (${
                  report.gapCounts[kind] ?? 0
                })`,
              })),
            ]}
            onChange={setGap}
          />
        </Grid>
      </Grid>
      <AssetsTable assets={assets} />
    </>
  );
};

/**
 * The readiness dashboard: every LLM asset with its gaps and score, the
 * scores by system, a chart of the gaps, and the inventory export.
 */
export const ReadinessPage = () => {
  const api = useApi(leakResponseApiRef);
  const incidentsLink = useRouteRef(rootRouteRef)();
  const { value, loading, error } = useAsync(() => api.getReadiness(), [api]);

  let body;
  if (loading) {
    body = <Progress />;
  } else if (error) {
    body = <ResponseErrorPanel error={error} />;
  } else if (!value || value.assets.length === 0) {
    body = (
      <EmptyState
        missing="data"
        title="No LLM assets in the catalog"
        description="Readiness covers Resources of spec.type llm-model, llm-dataset and llm-endpoint. Declare them in catalog-info.yaml, or configure AWS discovery (catalog.providers.llmAws), and they appear here."
      />
    );
  } else {
    body = <Dashboard report={value} />;
  }

  return (
    <Page themeId="tool">
      <Header
        title="Leak Response"
        subtitle="Readiness of LLM assets for a data leak"
      />
      <Content>
        <ContentHeader title="Readiness">
          <ExportButtons />
          <SupportButton>
            Each LLM model, dataset and endpoint is checked for what a response
            to a leak needs: an owner, data categories and subjects, a playbook,
            a compliance group, trained people on call, a recent exercise and
            declared AWS controls. The inventory export is the record of
            processing activities regulators ask for.
          </SupportButton>
        </ContentHeader>
        <Typography variant="body2" paragraph>
          <Link to={incidentsLink}>Incidents</Link>
          {value && (
            <>
              {' · generated '}
              <DateTime iso={value.generatedAt} />
              {` · exercises count for ${value.exerciseWindowDays} days`}
            </>
          )}
        </Typography>
        {body}
      </Content>
    </Page>
  );
};
