import { InfoCard } from '@backstage/core-components';
import {
  Box,
  Button,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Tooltip,
  Typography,
} from '@material-ui/core';
import {
  IncidentObligation,
  IncidentRecord,
} from '@leak-response/plugin-leak-response-common';
import { useState } from 'react';
import { ObligationDecision } from '../../api';
import { Countdown, DateTime, urgencyOf } from '../shared';
import { NotRequiredDialog } from './DecisionDialogs';

const DONE = new Set(['submitted', 'not-required']);

function reasonsOf(obligation: IncidentObligation): string[] {
  const reasons = (obligation.evaluation as { reasons?: unknown } | undefined)
    ?.reasons;
  return Array.isArray(reasons) ? reasons.map(String) : [];
}

/** A bar per obligation from awareness to its due time, on one time axis. */
const DeadlineChart = (props: { record: IncidentRecord; now: number }) => {
  const { record, now } = props;
  const dated = record.obligations.filter(o => o.dueAt);
  if (dated.length === 0) return null;
  const start = Date.parse(record.awareAt);
  const end = Math.max(now, ...dated.map(o => Date.parse(o.dueAt!)));
  const span = Math.max(end - start, 1);
  const pct = (t: number) => `${(((t - start) / span) * 100).toFixed(2)}%`;
  const colour = (o: IncidentObligation) => {
    if (DONE.has(o.status)) return '#9e9e9e';
    const u = urgencyOf(Date.parse(o.dueAt!) - now);
    return { overdue: '#d32f2f', critical: '#f57c00', soon: '#1976d2', later: '#388e3c' }[u];
  };
  return (
    <div aria-label="Deadline timeline" role="img" style={{ position: 'relative', margin: '8px 0 16px' }}>
      {dated.map(o => (
        <div key={o.id} style={{ display: 'flex', alignItems: 'center', height: 18 }}>
          <Typography
            variant="caption"
            style={{ width: 200, flexShrink: 0, paddingRight: 8 }}
            noWrap
            title={`${o.regime} · ${o.recipient}`}
          >
            {o.regime} · {o.recipient}
          </Typography>
          <div style={{ position: 'relative', flexGrow: 1, height: 10 }}>
            <div
              style={{
                position: 'absolute',
                left: 0,
                width: pct(Date.parse(o.dueAt!)),
                height: '100%',
                background: colour(o),
                borderRadius: 2,
              }}
            />
            <div
              style={{
                position: 'absolute',
                left: pct(now),
                top: -4,
                bottom: -4,
                borderLeft: '2px dashed #000',
              }}
            />
          </div>
        </div>
      ))}
    </div>
  );
};

const OPEN = new Set(['pending', 'to-be-determined']);

// Long regimes, recipients and justifications wrap inside the cell instead of
// running past the card's edge.
const wrap = { overflowWrap: 'anywhere' as const };

/**
 * A clock per obligation: time left coloured by urgency (overdue in red),
 * the deadline timeline, and the obligation's status and reasons. Open
 * obligations can get a notice drafted or be marked not required with a
 * justification; a not-required one can be reopened.
 */
export const ObligationClocks = (props: {
  record: IncidentRecord;
  now: number;
  canUpdate: boolean;
  onDraftNotice: (obligationId: string) => void;
  onDecide: (
    obligationId: string,
    decision: ObligationDecision,
  ) => Promise<boolean>;
}) => {
  const { record, now, canUpdate, onDraftNotice, onDecide } = props;
  const [deciding, setDeciding] = useState<IncidentObligation>();
  const noticeFor = new Set(record.notices.map(n => n.obligationId));
  return (
    <InfoCard title="Obligations and clocks">
      <DeadlineChart record={record} now={now} />
      {deciding && (
        <NotRequiredDialog
          obligation={deciding}
          onClose={() => setDeciding(undefined)}
          onDecide={justification =>
            onDecide(deciding.id, { status: 'not-required', justification })
          }
        />
      )}
      {record.obligations.length === 0 ? (
        <Typography variant="body2">
          No notification obligation applies to this incident.
        </Typography>
      ) : (
        <Box style={{ overflowX: 'auto' }}>
        <Table size="small" aria-label="Obligations">
          <TableHead>
            <TableRow>
              <TableCell>Regime</TableCell>
              <TableCell>Recipient</TableCell>
              <TableCell>Status</TableCell>
              <TableCell>Deadline</TableCell>
              <TableCell>Time left</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {record.obligations.map(o => (
              <TableRow key={o.id}>
                <TableCell style={wrap}>
                  <Tooltip title={reasonsOf(o).join(' · ')}>
                    <span>{o.regime}</span>
                  </Tooltip>
                  <Typography variant="caption" display="block">
                    {o.stage}
                  </Typography>
                </TableCell>
                <TableCell style={wrap}>{o.recipient}</TableCell>
                <TableCell style={{ ...wrap, maxWidth: 360 }}>
                  {o.status}
                  {o.justification && (
                    <Typography variant="caption" display="block">
                      {o.justification}
                    </Typography>
                  )}
                </TableCell>
                <TableCell>
                  {o.dueAt ? <DateTime iso={o.dueAt} /> : o.dueText ?? '—'}
                </TableCell>
                <TableCell>
                  {DONE.has(o.status) && 'done'}
                  {!DONE.has(o.status) &&
                    (o.dueAt ? <Countdown at={o.dueAt} now={now} /> : '—')}
                </TableCell>
                <TableCell>
                  {canUpdate && OPEN.has(o.status) && (
                    <Box display="flex" flexWrap="wrap" style={{ gap: 4 }}>
                      {!noticeFor.has(o.id) && (
                        <Button size="small" onClick={() => onDraftNotice(o.id)}>
                          Draft notice
                        </Button>
                      )}
                      <Button size="small" onClick={() => setDeciding(o)}>
                        Not required
                      </Button>
                    </Box>
                  )}
                  {canUpdate && o.status === 'not-required' && (
                    <Button
                      size="small"
                      onClick={() => onDecide(o.id, { status: 'pending' })}
                    >
                      Reopen
                    </Button>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        </Box>
      )}
    </InfoCard>
  );
};
