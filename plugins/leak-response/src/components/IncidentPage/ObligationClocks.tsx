import { InfoCard } from '@backstage/core-components';
import {
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
import { Countdown, DateTime, urgencyOf } from '../shared';

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
          <Typography variant="caption" style={{ width: 160, flexShrink: 0 }} noWrap>
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

/**
 * A clock per obligation: time left coloured by urgency (overdue in red),
 * the deadline timeline, and the obligation's status and reasons.
 */
export const ObligationClocks = (props: {
  record: IncidentRecord;
  now: number;
  canUpdate: boolean;
  onDraftNotice: (obligationId: string) => void;
}) => {
  const { record, now, canUpdate, onDraftNotice } = props;
  const noticeFor = new Set(record.notices.map(n => n.obligationId));
  return (
    <InfoCard title="Obligations and clocks">
      <DeadlineChart record={record} now={now} />
      {record.obligations.length === 0 ? (
        <Typography variant="body2">
          No notification obligation applies to this incident.
        </Typography>
      ) : (
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
                <TableCell>
                  <Tooltip title={reasonsOf(o).join(' · ')}>
                    <span>{o.regime}</span>
                  </Tooltip>
                  <Typography variant="caption" display="block">
                    {o.stage}
                  </Typography>
                </TableCell>
                <TableCell>{o.recipient}</TableCell>
                <TableCell>
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
                  {canUpdate &&
                    !noticeFor.has(o.id) &&
                    (o.status === 'pending' || o.status === 'to-be-determined') && (
                      <Button size="small" onClick={() => onDraftNotice(o.id)}>
                        Draft notice
                      </Button>
                    )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </InfoCard>
  );
};
