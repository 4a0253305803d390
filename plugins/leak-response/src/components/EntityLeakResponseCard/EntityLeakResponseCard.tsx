import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { configApiRef, useApi, useRouteRef } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Box, Chip, Tooltip, Typography } from '@material-ui/core';
import {
  incidentObligationReader,
  IncidentObligation,
  IncidentRecord,
  IncidentSummary,
  LeakResponsePlanResponse,
} from '@leak-response/plugin-leak-response-common';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { leakResponseApiRef } from '../../api';
import { isLlmEntity } from '../../conditions';
import { incidentRouteRef } from '../../routes';
import { vocabularyFromConfig } from '../EntityLlmDataCard/vocabulary';
import { Countdown, DateTime, useNow } from '../shared';
import { ReadyNow } from './ReadyNow';

/** How often the countdown ticks. */
const TICK_MS = 10_000;

const CLOSED_OBLIGATION = new Set(['submitted', 'not-required']);

/** The obligation with the earliest due time still to be met. */
export interface NextDeadline {
  incident: IncidentSummary;
  obligation: IncidentObligation & { dueAt: string };
}

/**
 * The earliest open deadline that applies (never one still to be
 * determined) across incidents; an exercise's only when no real incident
 * has one, and then the card says it is an exercise.
 */
export function nextDeadline(
  records: IncidentRecord[],
): NextDeadline | undefined {
  const real = records.filter(r => !r.exercise);
  return earliestOf(real) ?? earliestOf(records.filter(r => r.exercise));
}

function earliestOf(records: IncidentRecord[]): NextDeadline | undefined {
  let best: NextDeadline | undefined;
  for (const incident of records) {
    for (const o of incident.obligations) {
      if (!o.dueAt || CLOSED_OBLIGATION.has(o.status)) continue;
      if (incidentObligationReader.standing(o) !== 'applies') continue;
      if (!best || o.dueAt < best.obligation.dueAt) {
        best = { incident, obligation: { ...o, dueAt: o.dueAt } };
      }
    }
  }
  return best;
}

function declaredCategories(spec: unknown): string[] | undefined {
  const value = (spec as { dataCategories?: unknown } | undefined)
    ?.dataCategories;
  return Array.isArray(value) ? value.map(String) : undefined;
}

/** What the overview card shows, read in one go. */
interface CardData {
  categories: string[];
  /** Where the categories come from: the entity itself or what it reaches. */
  categoriesSource: 'declared' | 'reached';
  incidents: IncidentSummary[];
  totalOpen: number;
  next?: NextDeadline;
  /** The plan for "on call now", the obligation counts and Launch. */
  plan?: LeakResponsePlanResponse;
}

/**
 * The overview card of an LLM entity (or a component depending on one): the
 * data categories it holds, its open incidents and the next deadline among
 * them with a live countdown. Links to the Leak Response tab.
 */
export const EntityLeakResponseCard = (props: {
  title?: string;
  /** The path of the entity tab, relative to the entity page. */
  tabPath?: string;
}) => {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const api = useApi(leakResponseApiRef);
  const config = useApi(configApiRef);
  const vocabulary = useMemo(() => vocabularyFromConfig(config), [config]);
  const incidentRoute = useRouteRef(incidentRouteRef);
  const now = useNow(TICK_MS);

  const { value, loading, error } = useAsync(async (): Promise<CardData> => {
    const list = await api.listIncidents({
      entityRef,
      open: true,
      limit: 20,
      orderBy: 'awareAt',
      order: 'desc',
    });
    // The summaries carry no deadlines: read them from the incidents.
    const records = await Promise.all(
      list.items.map(item => api.getIncident(item.id)),
    );
    const declared = declaredCategories(entity.spec);
    if (declared || isLlmEntity(entity)) {
      // The card still reads without the plan (on-call and Launch missing).
      const plan = await Promise.resolve()
        .then(() => api.getPlan({ entityRef }))
        .catch(() => undefined);
      return {
        categories: declared ?? [],
        categoriesSource: 'declared',
        incidents: list.items,
        totalOpen: list.totalCount,
        next: nextDeadline(records),
        plan,
      };
    }
    // A surface holds no data of its own: show what a leak through it reaches.
    const plan = await api.getPlan({
      entityRef,
      leakType: 'inference-data-leakage',
    });
    return {
      categories: plan.impact.dataCategories,
      categoriesSource: 'reached',
      incidents: list.items,
      totalOpen: list.totalCount,
      next: nextDeadline(records),
      plan,
    };
  }, [api, entityRef]);

  const tab = props.tabPath ?? 'leak-response';
  return (
    <InfoCard
      title={props.title ?? 'Leak Response'}
      deepLink={{ title: 'Plan, on-call and obligations', link: tab }}
      noPadding={false}
    >
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {value && (
        <>
          {value.plan && (
            <ReadyNow plan={value.plan} entityTitle={entity.metadata.title} />
          )}
          <Typography variant="overline" component="h3">
            {value.categoriesSource === 'declared'
              ? 'Data categories'
              : 'Data categories it reaches'}
          </Typography>
          {value.categories.length === 0 ? (
            <Typography variant="body2" color="error" paragraph>
              {value.categoriesSource === 'declared'
                ? 'No data categories declared: a leak cannot be assessed until they are.'
                : 'No data categories reached.'}
            </Typography>
          ) : (
            <Box
              display="flex"
              flexWrap="wrap"
              style={{ gap: 4 }}
              mb={2}
              aria-label="Data categories"
              role="list"
            >
              {value.categories.map(id => {
                const category = vocabulary.get(id);
                const sensitive = Boolean(
                  category?.specialCategory ||
                    category?.cardData ||
                    category?.credentials,
                );
                return (
                  <Tooltip key={id} title={category?.description ?? id}>
                    <Chip
                      role="listitem"
                      size="small"
                      label={id}
                      color={sensitive ? 'secondary' : 'default'}
                    />
                  </Tooltip>
                );
              })}
            </Box>
          )}

          <Typography variant="overline" component="h3">
            Open incidents
          </Typography>
          {value.incidents.length === 0 ? (
            <Typography variant="body2" paragraph>
              No open incident affects this entity.
            </Typography>
          ) : (
            <ul
              aria-label="Open incidents"
              style={{ marginTop: 0, paddingLeft: 20 }}
            >
              {value.incidents.map(i => (
                <li key={i.id} style={{ overflowWrap: 'anywhere' }}>
                  <Typography variant="body2" component="span">
                    <Link to={incidentRoute({ id: i.id })}>{i.title}</Link>
                    {' · '}
                    {i.status} · {i.severity}
                    {i.exercise && (
                      <>
                        {' '}
                        <Chip size="small" label="Exercise" />
                      </>
                    )}
                  </Typography>
                </li>
              ))}
              {value.totalOpen > value.incidents.length && (
                <li>
                  <Typography variant="body2" component="span">
                    and {value.totalOpen - value.incidents.length} more
                  </Typography>
                </li>
              )}
            </ul>
          )}

          {value.incidents.length > 0 && (
            <>
              <Typography variant="overline" component="h3">
                Next deadline
              </Typography>
              {value.next ? (
                <Box aria-label="Next deadline" role="group">
                  <Typography
                    variant="body2"
                    style={{ overflowWrap: 'anywhere' }}
                  >
                    <strong>{value.next.obligation.regime}</strong> →{' '}
                    {value.next.obligation.recipient} (
                    <Link to={incidentRoute({ id: value.next.incident.id })}>
                      {value.next.incident.title}
                    </Link>
                    ){' '}
                    {value.next.incident.exercise && (
                      <Chip size="small" label="Exercise" />
                    )}
                  </Typography>
                  <Typography variant="body2">
                    <Countdown at={value.next.obligation.dueAt} now={now} /> ·
                    due <DateTime iso={value.next.obligation.dueAt} />
                  </Typography>
                </Box>
              ) : (
                <Typography variant="body2">
                  No dated deadline is running.
                </Typography>
              )}
            </>
          )}
        </>
      )}
    </InfoCard>
  );
};
