import { InfoCard } from '@backstage/core-components';
import {
  Accordion,
  AccordionDetails,
  AccordionSummary,
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
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import {
  IncidentObligation,
  IncidentRecord,
} from '@leak-response/plugin-leak-response-common';
import { useState } from 'react';
import { ObligationDecision } from '../../api';
import { Countdown, DateTime, urgencyOf, wrapText } from '../shared';
import { NotRequiredDialog } from './DecisionDialogs';

const DONE = new Set(['submitted', 'not-required']);
const OPEN = new Set(['pending', 'to-be-determined']);

// Table cells wrap long law names and recipients between words, breaking a
// word only when it does not fit a line on its own.
const cellWrap = { overflowWrap: 'break-word' as const };

function reasonsOf(obligation: IncidentObligation): string[] {
  const reasons = (obligation.evaluation as { reasons?: unknown } | undefined)
    ?.reasons;
  return Array.isArray(reasons) ? reasons.map(String) : [];
}

/**
 * Whether the engine found that the obligation does not apply: stored as
 * not-required without a person's decision. A person's "not required" keeps
 * its row, with the justification and a way to reopen it.
 */
export function isNotApplicable(o: IncidentObligation): boolean {
  return o.status === 'not-required' && !o.decidedBy;
}

/** Open dated obligations first (nearest deadline first), then undated, then done. */
export function sortObligations(
  obligations: IncidentObligation[],
): IncidentObligation[] {
  const rank = (o: IncidentObligation) => {
    if (DONE.has(o.status)) return 3;
    if (o.dueAt) return 0;
    return o.status === 'to-be-determined' ? 2 : 1;
  };
  return [...obligations].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (a.dueAt ?? '').localeCompare(b.dueAt ?? '') ||
      a.regime.localeCompare(b.regime),
  );
}

/** A bar per obligation from awareness to its due time, on one time axis. */
const DeadlineChart = (props: {
  record: IncidentRecord;
  obligations: IncidentObligation[];
  now: number;
}) => {
  const { record, now } = props;
  const dated = props.obligations.filter(o => o.dueAt);
  if (dated.length === 0) return null;
  const start = Date.parse(record.awareAt);
  const end = Math.max(now, ...dated.map(o => Date.parse(o.dueAt!)));
  const span = Math.max(end - start, 1);
  const pct = (t: number) => `${(((t - start) / span) * 100).toFixed(2)}%`;
  const colour = (o: IncidentObligation) => {
    if (DONE.has(o.status)) return '#9e9e9e';
    const u = urgencyOf(Date.parse(o.dueAt!) - now);
    return {
      overdue: '#d32f2f',
      critical: '#f57c00',
      soon: '#1976d2',
      later: '#388e3c',
    }[u];
  };
  return (
    <div
      aria-label="Deadline timeline"
      role="img"
      style={{ position: 'relative', margin: '8px 0 16px' }}
    >
      {dated.map(o => (
        <div
          key={o.id}
          style={{ display: 'flex', alignItems: 'center', height: 18 }}
        >
          <Typography
            variant="caption"
            style={{ width: 240, flexShrink: 0, paddingRight: 8 }}
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

/** The obligations the engine found not to apply, folded with their reasons. */
const NotApplicableFold = ({
  obligations,
}: {
  obligations: IncidentObligation[];
}) => (
  <Accordion
    TransitionProps={{ unmountOnExit: true }}
    style={{ marginTop: 16 }}
  >
    <AccordionSummary
      expandIcon={<ExpandMoreIcon />}
      aria-controls="incident-not-applicable-content"
      id="incident-not-applicable-header"
    >
      <Typography variant="body2">
        Not applicable ({obligations.length})
      </Typography>
    </AccordionSummary>
    <AccordionDetails style={{ display: 'block' }}>
      <ul
        aria-label="Obligations that do not apply"
        style={{ margin: 0, paddingLeft: 20 }}
      >
        {obligations.map(o => (
          <li key={o.id} style={wrapText}>
            <Typography variant="body2" component="span">
              <strong>{o.regime}</strong> — {o.recipient}
            </Typography>
            {o.justification && (
              <Typography
                variant="caption"
                component="div"
                color="textSecondary"
              >
                {o.justification}
              </Typography>
            )}
          </li>
        ))}
      </ul>
    </AccordionDetails>
  </Accordion>
);

/**
 * A clock per obligation: time left coloured by urgency (overdue in red),
 * the deadline timeline, and the obligation's status and reasons, nearest
 * deadline first. Open obligations can get a notice drafted or be marked
 * not required with a justification; one marked by hand can be reopened.
 * The ones that do not apply are folded below with their reasons.
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
  const active = sortObligations(
    record.obligations.filter(o => !isNotApplicable(o)),
  );
  const notApplicable = record.obligations.filter(isNotApplicable);
  const running = active.filter(o => o.dueAt && !DONE.has(o.status)).length;
  return (
    <InfoCard
      title="Obligations and clocks"
      subheader={`${running} clock(s) running · ${active.length} obligation(s) · ${notApplicable.length} not applicable`}
    >
      <DeadlineChart record={record} obligations={active} now={now} />
      {deciding && (
        <NotRequiredDialog
          obligation={deciding}
          onClose={() => setDeciding(undefined)}
          onDecide={justification =>
            onDecide(deciding.id, { status: 'not-required', justification })
          }
        />
      )}
      {active.length === 0 ? (
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
              {active.map(o => (
                <TableRow key={o.id}>
                  <TableCell style={{ ...cellWrap, minWidth: 110 }}>
                    <Tooltip title={reasonsOf(o).join(' · ')}>
                      <span>{o.regime}</span>
                    </Tooltip>
                    <Typography variant="caption" display="block">
                      {o.stage}
                    </Typography>
                  </TableCell>
                  <TableCell style={{ ...cellWrap, minWidth: 200 }}>
                    {o.recipient}
                  </TableCell>
                  <TableCell
                    style={{ ...cellWrap, minWidth: 130, maxWidth: 320 }}
                  >
                    <span style={{ whiteSpace: 'nowrap' }}>{o.status}</span>
                    {o.justification && (
                      <Typography variant="caption" display="block">
                        {o.justification}
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell style={{ ...cellWrap, minWidth: 140 }}>
                    {o.dueAt ? <DateTime iso={o.dueAt} /> : o.dueText ?? '—'}
                  </TableCell>
                  <TableCell>
                    {DONE.has(o.status) && 'done'}
                    {!DONE.has(o.status) &&
                      (o.dueAt ? <Countdown at={o.dueAt} now={now} /> : '—')}
                  </TableCell>
                  <TableCell>
                    {canUpdate && OPEN.has(o.status) && (
                      <Box
                        display="flex"
                        flexDirection="column"
                        style={{ gap: 4, whiteSpace: 'nowrap' }}
                      >
                        {!noticeFor.has(o.id) && (
                          <Button
                            size="small"
                            onClick={() => onDraftNotice(o.id)}
                          >
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
      {notApplicable.length > 0 && (
        <NotApplicableFold obligations={notApplicable} />
      )}
    </InfoCard>
  );
};
