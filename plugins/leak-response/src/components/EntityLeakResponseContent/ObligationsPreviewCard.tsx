import { InfoCard, WarningPanel } from '@backstage/core-components';
import {
  Accordion,
  AccordionDetails,
  AccordionSummary,
  List,
  ListItem,
  ListItemText,
  Typography,
} from '@material-ui/core';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import {
  Due,
  Obligation,
  PlanObligations,
} from '@leak-response/plugin-leak-response-common';
import { DateTime } from '../shared';

/** A deadline in words with its due time in the user's zone. */
export const DueText = ({ due }: { due?: Due }) => {
  if (!due) return null;
  switch (due.kind) {
    case 'at':
      return (
        <>
          within {due.period}, by <DateTime iso={due.at} />
        </>
      );
    case 'text':
      return <>{due.text}</>;
    default:
      return (
        <>
          {due.period} once its clock starts (at the earliest{' '}
          <DateTime iso={due.earliestAt} />)
        </>
      );
  }
};

const ObligationItem = ({ obligation }: { obligation: Obligation }) => (
  <ListItem alignItems="flex-start" divider>
    <ListItemText
      primary={
        <>
          <strong>{obligation.regime}</strong> — {obligation.recipient} (
          {obligation.stage})
          {obligation.status === 'to-be-determined' && ' · to be determined'}
        </>
      }
      secondary={
        <>
          <Typography variant="body2" component="span" display="block">
            <DueText due={obligation.due} />
          </Typography>
          {obligation.reasons.map(r => (
            <Typography key={r} variant="caption" component="span" display="block">
              {r}
            </Typography>
          ))}
        </>
      }
    />
  </ListItem>
);

/**
 * "If this leaked now": the obligations that would start, each regime with
 * its recipient, deadline and why; the ones that do not apply folded, with
 * their reasons.
 */
export const ObligationsPreviewCard = ({
  obligations,
}: {
  obligations: PlanObligations;
}) => {
  if (obligations.status === 'unavailable') {
    return (
      <InfoCard title="If this leaked now">
        <WarningPanel
          title="Obligations could not be evaluated"
          message={obligations.reason}
        />
      </InfoCard>
    );
  }
  const applying = obligations.obligations.filter(
    o => o.status !== 'not-applicable',
  );
  const notApplicable = obligations.obligations.filter(
    o => o.status === 'not-applicable',
  );
  return (
    <InfoCard
      title="If this leaked now"
      subheader={`${applying.length} obligation(s) would start; ${notApplicable.length} do not apply`}
    >
      {applying.length === 0 ? (
        <Typography variant="body2">
          No notification obligation would apply.
        </Typography>
      ) : (
        <List dense aria-label="Obligations that would apply">
          {applying.map(o => (
            <ObligationItem key={o.ruleId} obligation={o} />
          ))}
        </List>
      )}
      {notApplicable.length > 0 && (
        <Accordion>
          <AccordionSummary expandIcon={<ExpandMoreIcon />}>
            <Typography variant="body2">
              Not applicable ({notApplicable.length})
            </Typography>
          </AccordionSummary>
          <AccordionDetails>
            <List dense aria-label="Obligations that do not apply">
              {notApplicable.map(o => (
                <ObligationItem key={o.ruleId} obligation={o} />
              ))}
            </List>
          </AccordionDetails>
        </Accordion>
      )}
    </InfoCard>
  );
};
