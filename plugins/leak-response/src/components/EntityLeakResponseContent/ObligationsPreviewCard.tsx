import { InfoCard, WarningPanel } from '@backstage/core-components';
import {
  Accordion,
  AccordionDetails,
  AccordionSummary,
  Box,
  List,
  ListItem,
  ListItemText,
  Typography,
} from '@material-ui/core';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import {
  ApplicableObligation,
  Due,
  isApplicableObligation,
  Obligation,
  planObligationReader,
  PlanObligations,
  summarizeObligations,
} from '@leak-response/plugin-leak-response-common';
import { ReactNode } from 'react';
import { DateTime, ObligationCounts, wrapText } from '../shared';

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

/**
 * What the law asks of the notice and where the rule comes from, folded
 * under the obligation: the details a compliance officer checks before
 * drafting, out of the way of a responder scanning deadlines.
 */
const RuleText = ({ obligation }: { obligation: ApplicableObligation }) => (
  <details>
    <summary>
      <Typography variant="caption" component="span">
        {obligation.law} · {obligation.confidence}
      </Typography>
    </summary>
    {obligation.content.length > 0 && (
      <>
        <Typography variant="caption" component="span" display="block">
          The notice must give:
        </Typography>
        <ul style={{ margin: 0, paddingLeft: 20 }}>
          {obligation.content.map(c => (
            <li key={c}>
              <Typography variant="caption">{c}</Typography>
            </li>
          ))}
        </ul>
      </>
    )}
    {obligation.stagedReports && (
      <Typography variant="caption" component="span" display="block">
        Staged reports: {obligation.stagedReports}
      </Typography>
    )}
    {[...obligation.notes, ...obligation.sources.map(s => `Source: ${s}`)].map(
      line => (
        <Typography
          key={line}
          variant="caption"
          component="span"
          display="block"
        >
          {line}
        </Typography>
      ),
    )}
  </details>
);

const ObligationItem = ({ obligation }: { obligation: Obligation }) => (
  <ListItem alignItems="flex-start" divider>
    <ListItemText
      style={wrapText}
      primary={
        <>
          <strong>{obligation.regime}</strong> — {obligation.recipient} (
          {obligation.stage})
        </>
      }
      secondaryTypographyProps={{ component: 'div' }}
      secondary={
        <>
          {isApplicableObligation(obligation) && (
            <Typography variant="body2" component="span" display="block">
              <DueText due={obligation.due} />
            </Typography>
          )}
          {obligation.reasons.map(r => (
            <Typography
              key={r}
              variant="caption"
              component="span"
              display="block"
            >
              {r}
            </Typography>
          ))}
          {isApplicableObligation(obligation) && (
            <RuleText obligation={obligation} />
          )}
        </>
      }
    />
  </ListItem>
);

/** The to-be-determined obligations that one open question settles. */
export interface UndeterminedGroup {
  question: string;
  obligations: Obligation[];
}

/**
 * Groups the to-be-determined obligations by the first question that would
 * settle them (most often "is the risk high?" or "where do the data
 * subjects live?"), largest group first, so twenty rules read as a handful
 * of questions.
 */
export function groupUndetermined(
  obligations: Obligation[],
): UndeterminedGroup[] {
  const groups = new Map<string, UndeterminedGroup>();
  for (const o of obligations) {
    const question = o.openQuestions[0]?.question ?? 'Not yet known';
    const group = groups.get(question) ?? { question, obligations: [] };
    group.obligations.push(o);
    groups.set(question, group);
  }
  return [...groups.values()].sort(
    (a, b) =>
      b.obligations.length - a.obligations.length ||
      a.question.localeCompare(b.question),
  );
}

const Fold = (props: {
  id: string;
  title: string;
  defaultExpanded?: boolean;
  children: ReactNode;
}) => (
  <Accordion
    defaultExpanded={props.defaultExpanded}
    TransitionProps={{ unmountOnExit: true }}
  >
    <AccordionSummary
      expandIcon={<ExpandMoreIcon />}
      aria-controls={`${props.id}-content`}
      id={`${props.id}-header`}
    >
      <Typography variant="body2">{props.title}</Typography>
    </AccordionSummary>
    <AccordionDetails style={{ display: 'block', ...wrapText }}>
      {props.children}
    </AccordionDetails>
  </Accordion>
);

/** Groups of to-be-determined obligations folded under their question. */
const UndeterminedFold = ({ obligations }: { obligations: Obligation[] }) => (
  <Fold
    id="obligations-undetermined"
    title={`To be determined (${obligations.length})`}
    defaultExpanded={obligations.length <= 3}
  >
    {groupUndetermined(obligations).map(group => (
      <Box
        key={group.question}
        mb={2}
        component="section"
        aria-label={group.question}
      >
        <Typography variant="subtitle2" style={wrapText}>
          {group.question} ({group.obligations.length})
        </Typography>
        <ul style={{ margin: 0, paddingLeft: 20 }}>
          {group.obligations.map(o => (
            <li key={o.ruleId} style={wrapText}>
              <Typography variant="body2" component="span">
                <strong>{o.regime}</strong> — {o.recipient}
                {isApplicableObligation(o) && (
                  <>
                    {': '}
                    <DueText due={o.due} />
                  </>
                )}
              </Typography>
            </li>
          ))}
        </ul>
      </Box>
    ))}
  </Fold>
);

/**
 * "If this leaked now": the obligations that would start, each regime with
 * its recipient, deadline and why; the ones still to be determined grouped
 * by the question that settles them; the ones that do not apply folded,
 * with their reasons.
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
  const summary = summarizeObligations(
    obligations.obligations,
    planObligationReader,
  );
  const {
    applies: applying,
    toBeDetermined: undetermined,
    notApplicable,
  } = summary;
  return (
    <InfoCard
      title="If this leaked now"
      subheader={<ObligationCounts counts={summary.counts} />}
    >
      {applying.length === 0 ? (
        <Typography variant="body2">
          {undetermined.length
            ? 'No obligation is certain yet: the answers below decide.'
            : 'No notification obligation would apply.'}
        </Typography>
      ) : (
        <List dense aria-label="Obligations that would apply">
          {applying.map(o => (
            <ObligationItem key={o.ruleId} obligation={o} />
          ))}
        </List>
      )}
      {undetermined.length > 0 && (
        <UndeterminedFold obligations={undetermined} />
      )}
      {notApplicable.length > 0 && (
        <Fold
          id="obligations-not-applicable"
          title={`Not applicable (${notApplicable.length})`}
        >
          <List dense aria-label="Obligations that do not apply">
            {notApplicable.map(o => (
              <ObligationItem key={o.ruleId} obligation={o} />
            ))}
          </List>
        </Fold>
      )}
    </InfoCard>
  );
};
