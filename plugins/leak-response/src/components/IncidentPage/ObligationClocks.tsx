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
  incidentObligationReader,
  IncidentObligation,
  IncidentRecord,
  summarizeObligations,
} from '@leak-response/plugin-leak-response-common';
import { useState } from 'react';
import { ObligationDecision } from '../../api';
import {
  ClockChip,
  DateTime,
  ObligationCounts,
  useWholeWordTable,
  wrapText,
} from '../shared';
import { DeadlineChart } from './DeadlineChart';
import { NotRequiredDialog } from './DecisionDialogs';
import { UndeterminedObligations } from './UndeterminedObligations';

const DONE = new Set(['submitted', 'not-required']);
const OPEN = new Set(['pending']);

// Table cells wrap long law names and recipients between words, breaking a
// word only when it does not fit a line on its own.
const cellWrap = { overflowWrap: 'break-word' as const };

function reasonsOf(obligation: IncidentObligation): string[] {
  const reasons = (obligation.evaluation as { reasons?: unknown } | undefined)
    ?.reasons;
  return Array.isArray(reasons) ? reasons.map(String) : [];
}

/** Open dated obligations first (nearest deadline first), then undated, then handled. */
export function sortObligations(
  obligations: IncidentObligation[],
): IncidentObligation[] {
  const rank = (o: IncidentObligation) => {
    if (DONE.has(o.status)) return 3;
    return o.dueAt ? 0 : 1;
  };
  return [...obligations].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (a.dueAt ?? '').localeCompare(b.dueAt ?? '') ||
      a.regime.localeCompare(b.regime),
  );
}

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
 * The obligations in three groups: the clocks that run (nearest first, then
 * those due "without undue delay", then the handled ones), with the
 * deadline chart; the ones still to be determined under the question that
 * settles each, answerable in place; the ones that do not apply, folded.
 * Once the incident is closed the clocks show stopped.
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
  onAnswer: (key: string, value: string | boolean) => void;
}) => {
  const { record, now, canUpdate, onDraftNotice, onDecide } = props;
  const [deciding, setDeciding] = useState<IncidentObligation>();
  const stopped = record.status === 'closed';
  const wholeWordTable = useWholeWordTable();
  const noticeFor = new Set(record.notices.map(n => n.obligationId));
  const summary = summarizeObligations(
    record.obligations,
    incidentObligationReader,
  );
  const running = sortObligations(summary.applies);
  return (
    <InfoCard
      title="Obligations and clocks"
      subheader={<ObligationCounts counts={summary.counts} />}
    >
      {deciding && (
        <NotRequiredDialog
          obligation={deciding}
          onClose={() => setDeciding(undefined)}
          onDecide={justification =>
            onDecide(deciding.id, { status: 'not-required', justification })
          }
        />
      )}
      <Typography variant="h6" component="h3">
        {stopped
          ? 'Clocks (stopped: the incident is closed)'
          : 'Clocks running'}
      </Typography>
      <DeadlineChart
        awareAt={record.awareAt}
        obligations={running.filter(o => !DONE.has(o.status))}
        now={now}
        stopped={stopped}
      />
      {running.length === 0 ? (
        <Typography variant="body2" paragraph>
          {summary.counts.toBeDetermined
            ? 'No obligation is certain yet: the questions below decide.'
            : 'No notification obligation applies to this incident.'}
        </Typography>
      ) : (
        <Box style={{ overflowX: 'auto' }}>
          <Table
            size="small"
            aria-label="Obligations"
            className={wholeWordTable.table}
          >
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
              {running.map(o => (
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
                      (o.dueAt ? (
                        <ClockChip at={o.dueAt} now={now} stopped={stopped} />
                      ) : (
                        '—'
                      ))}
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
      {summary.toBeDetermined.length > 0 && (
        <Box mt={3}>
          <Typography variant="h6" component="h3" gutterBottom>
            To be determined ({summary.toBeDetermined.length})
          </Typography>
          <UndeterminedObligations
            obligations={summary.toBeDetermined}
            assessment={record.assessment}
            canUpdate={canUpdate}
            onAnswer={props.onAnswer}
            onNotRequired={setDeciding}
          />
        </Box>
      )}
      {summary.notApplicable.length > 0 && (
        <NotApplicableFold obligations={summary.notApplicable} />
      )}
    </InfoCard>
  );
};
