import { EntityRefLinks } from '@backstage/plugin-catalog-react';
import { Box, Button, Grid, Paper, Typography } from '@material-ui/core';
import {
  incidentObligationReader,
  INCIDENT_TRANSITIONS,
  IncidentRecord,
  IncidentStatus,
  summarizeObligations,
} from '@leak-response/plugin-leak-response-common';
import { ReactNode } from 'react';
import { ClockChip, DateTime, wrapText } from '../shared';
import { nextTaskOf } from './openItems';

const HANDLED = new Set(['submitted', 'not-required']);

/** The label of the button that moves an incident to `next`. */
export function transitionLabel(
  from: IncidentStatus,
  next: IncidentStatus,
): string {
  if (next === 'closed') return 'Close incident';
  if (from === 'closed') return 'Reopen for investigation';
  return `Move to ${next}`;
}

const Cell = (props: { label: string; children: ReactNode }) => (
  <Grid item xs={12} md={4}>
    <Box
      component="section"
      aria-label={props.label}
      height="100%"
      style={wrapText}
    >
      <Typography variant="overline" color="textSecondary" component="h2">
        {props.label}
      </Typography>
      {props.children}
    </Box>
  </Grid>
);

/**
 * What to do next, first on the page: the next open task with who does it
 * and the time left, the nearest deadline that applies (never one still to
 * be determined), and the incident's status with the button that moves it
 * on. A closed incident shows its clocks stopped.
 */
export const NextActionsStrip = (props: {
  record: IncidentRecord;
  now: number;
  canUpdate: boolean;
  onMove: (next: IncidentStatus) => void;
}) => {
  const { record, now, canUpdate, onMove } = props;
  const closed = record.status === 'closed';
  const task = nextTaskOf(record);
  const summary = summarizeObligations(
    record.obligations,
    incidentObligationReader,
  );
  const nearest = summary.nearest.find(o => !HANDLED.has(o.status));
  const moves = INCIDENT_TRANSITIONS[record.status];
  const forward = moves.find(s => s !== 'closed') ?? moves[0];
  return (
    <Paper
      component="section"
      aria-label="Next actions"
      style={{ padding: 16, marginBottom: 16 }}
    >
      <Grid container spacing={2}>
        <Cell label="Next task">
          {task ? (
            <>
              <Typography variant="subtitle1" component="p">
                {task.title}
              </Typography>
              <Typography variant="body2" component="div">
                <EntityRefLinks entityRefs={task.responsible} />
                {task.dueAt && (
                  <>
                    {' · '}
                    <ClockChip at={task.dueAt} now={now} stopped={closed} />
                  </>
                )}
              </Typography>
            </>
          ) : (
            <Typography variant="body2">Every task is done.</Typography>
          )}
        </Cell>
        <Cell label="Nearest deadline that applies">
          {nearest ? (
            <>
              <Typography variant="subtitle1" component="p">
                {nearest.regime} {nearest.stage} → {nearest.recipient}
              </Typography>
              <Typography variant="body2" component="div">
                <ClockChip at={nearest.dueAt!} now={now} stopped={closed} /> by{' '}
                <DateTime iso={nearest.dueAt!} />
              </Typography>
            </>
          ) : (
            <Typography variant="body2">
              No clock that applies is running.
            </Typography>
          )}
          {summary.counts.toBeDetermined > 0 && (
            <Typography variant="caption" display="block">
              {summary.counts.toBeDetermined} still to be determined: answer the
              questions under Obligations.
            </Typography>
          )}
        </Cell>
        <Cell label="Status">
          <Typography variant="subtitle1" component="p">
            {record.status}
          </Typography>
          <Box display="flex" flexWrap="wrap" style={{ gap: 8 }}>
            {forward && (
              <Button
                variant="contained"
                color="primary"
                size="small"
                disabled={!canUpdate}
                onClick={() => onMove(forward)}
              >
                {transitionLabel(record.status, forward)}
              </Button>
            )}
            {moves
              .filter(s => s !== forward)
              .map(s => (
                <Button
                  key={s}
                  variant="outlined"
                  size="small"
                  disabled={!canUpdate}
                  onClick={() => onMove(s)}
                >
                  {transitionLabel(record.status, s)}
                </Button>
              ))}
          </Box>
        </Cell>
      </Grid>
    </Paper>
  );
};
