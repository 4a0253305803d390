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
import { Button, Grid, TextField, Typography } from '@material-ui/core';
import {
  INCIDENT_STATUSES,
  incidentObligationReader,
  IncidentRecord,
  IncidentStatus,
  LEAK_TYPES,
  LeakType,
  leakTypeInWords,
  summarizeObligations,
} from '@leak-response/plugin-leak-response-common';
import { useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { IncidentListQuery, leakResponseApiRef } from '../../api';
import { IncidentRow, IncidentsTable } from '../IncidentsTable';
import { Countdown, SelectField, SelectOption, useNow } from '../shared';

type StatusFilter = 'open' | 'all' | IncidentStatus;
type ExerciseFilter = 'all' | 'real' | 'exercise';

const STATUS_OPTIONS: readonly StatusFilter[] = [
  'open',
  'all',
  ...INCIDENT_STATUSES,
];
const LEAK_TYPE_OPTIONS: readonly SelectOption<LeakType | 'all'>[] = [
  { value: 'all', label: 'all' },
  ...LEAK_TYPES.map(value => ({ value, label: leakTypeInWords(value) })),
];
const EXERCISE_OPTIONS: readonly SelectOption<ExerciseFilter>[] = [
  { value: 'all', label: 'incidents and exercises' },
  { value: 'real', label: 'incidents only' },
  { value: 'exercise', label: 'exercises only' },
];

const CLOSED_OBLIGATION = new Set(['submitted', 'not-required']);

/**
 * The earliest due time of the obligations that apply and are still to be
 * met (the same split as everywhere: never one to be determined).
 */
export function nextDeadlineOf(record: IncidentRecord): string | undefined {
  return summarizeObligations(record.obligations, incidentObligationReader)
    .nearest.filter(o => !CLOSED_OBLIGATION.has(o.status))
    .map(o => o.dueAt!)[0];
}

/** Incidents across the organisation, nearest deadline first, with filters. */
export const IncidentsListPage = () => {
  const api = useApi(leakResponseApiRef);
  const now = useNow();
  const [status, setStatus] = useState<StatusFilter>('open');
  const [leakType, setLeakType] = useState<LeakType | 'all'>('all');
  const [exercise, setExercise] = useState<ExerciseFilter>('all');
  const [owner, setOwner] = useState('');
  const [system, setSystem] = useState('');
  const [search, setSearch] = useState('');

  const query: IncidentListQuery = useMemo(
    () => ({
      open: status === 'open' ? true : undefined,
      status: status !== 'open' && status !== 'all' ? [status] : undefined,
      leakType: leakType === 'all' ? undefined : [leakType],
      exercise: exercise === 'all' ? undefined : exercise === 'exercise',
      owner: owner.includes(':') ? owner.trim() : undefined,
      system: system.includes(':') ? system.trim() : undefined,
      limit: 200,
      orderBy: 'awareAt',
      order: 'desc',
    }),
    [status, leakType, exercise, owner, system],
  );

  const { value, loading, error } = useAsync(async () => {
    const list = await api.listIncidents(query);
    // The summaries carry no deadlines: read them from the open incidents.
    const deadlines = await Promise.all(
      list.items.map(async item =>
        item.status === 'closed'
          ? undefined
          : nextDeadlineOf(await api.getIncident(item.id)),
      ),
    );
    return list.items.map((item, i) => ({ ...item, deadline: deadlines[i] }));
  }, [api, query]);

  // Says how many closed incidents the default "open" filter hides.
  const hiddenClosed = useAsync(async () => {
    if (status !== 'open') return 0;
    const closed = await api.listIncidents({
      ...query,
      open: undefined,
      status: ['closed'],
      limit: 1,
    });
    return closed.totalCount;
  }, [api, query, status]);

  const rows: IncidentRow[] = useMemo(() => {
    const needle = search.trim().toLocaleLowerCase();
    return (value ?? [])
      .filter(
        i =>
          !needle ||
          `${i.title} ${i.originEntityRef} ${i.id}`
            .toLocaleLowerCase()
            .includes(needle),
      )
      .sort((a, b) => {
        if (a.deadline && b.deadline)
          return a.deadline.localeCompare(b.deadline);
        if (a.deadline) return -1;
        if (b.deadline) return 1;
        return b.awareAt.localeCompare(a.awareAt);
      })
      .map(i => ({
        ...i,
        nextDeadline: i.deadline ? (
          <Countdown at={i.deadline} now={now} />
        ) : undefined,
      }));
  }, [value, search, now]);

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
            detections appear here, the nearest deadline first.
          </SupportButton>
        </ContentHeader>
        <Grid container spacing={2} style={{ marginBottom: 8 }}>
          <Grid item xs={6} md={2}>
            <SelectField
              fullWidth
              id="incidents-filter-status"
              label="Status"
              value={status}
              options={STATUS_OPTIONS}
              onChange={setStatus}
            />
          </Grid>
          <Grid item xs={6} md={2}>
            <SelectField
              fullWidth
              id="incidents-filter-leak-type"
              label="Leak type"
              value={leakType}
              options={LEAK_TYPE_OPTIONS}
              onChange={setLeakType}
            />
          </Grid>
          <Grid item xs={6} md={2}>
            <SelectField
              fullWidth
              id="incidents-filter-exercise"
              label="Exercise"
              value={exercise}
              options={EXERCISE_OPTIONS}
              onChange={setExercise}
            />
          </Grid>
          <Grid item xs={6} md={2}>
            <TextField
              fullWidth
              id="incidents-filter-owner"
              label="Owner"
              placeholder="group:default/ml-platform"
              value={owner}
              onChange={e => setOwner(e.target.value)}
            />
          </Grid>
          <Grid item xs={6} md={2}>
            <TextField
              fullWidth
              id="incidents-filter-system"
              label="System"
              placeholder="system:default/product-discovery"
              value={system}
              onChange={e => setSystem(e.target.value)}
            />
          </Grid>
          <Grid item xs={6} md={2}>
            <TextField
              fullWidth
              id="incidents-filter-search"
              label="Search"
              value={search}
              onChange={e => setSearch(e.target.value)}
            />
          </Grid>
        </Grid>
        {loading && <Progress />}
        {error && <ResponseErrorPanel error={error} />}
        {(hiddenClosed.value ?? 0) > 0 && (
          <Typography variant="body2" paragraph>
            {hiddenClosed.value} closed{' '}
            {hiddenClosed.value === 1 ? 'incident is' : 'incidents are'} hidden
            by the Status filter:{' '}
            <Button size="small" onClick={() => setStatus('all')}>
              Show all
            </Button>
          </Typography>
        )}
        {value && (
          <IncidentsTable
            title="Incidents"
            incidents={rows}
            withDeadlines
            emptyText={
              status === 'open'
                ? 'No open incidents.'
                : 'No incidents match these filters.'
            }
          />
        )}
      </Content>
    </Page>
  );
};
