import { Typography } from '@material-ui/core';
import { Alert, AlertTitle } from '@material-ui/lab';
import {
  IncidentRecord,
  RULE_VERSION_PART_LABELS,
} from '@leak-response/plugin-leak-response-common';

/**
 * Says when the obligation rules changed after this incident's obligations
 * were decided: which rule, and what part of it (the condition, the
 * deadline, …), so the DPO re-checks the decision instead of trusting a
 * stale one. Nothing when the rules are the ones the incident was decided
 * with.
 */
export const RuleProvenanceAlert = (props: { record: IncidentRecord }) => {
  const provenance = props.record.ruleProvenance;
  if (
    !provenance ||
    (!provenance.changedSinceLaunch && provenance.changes.length === 0)
  ) {
    return null;
  }
  const obligationOf = (ruleId: string) =>
    props.record.obligations.find(o => o.ruleId === ruleId);
  return (
    <Alert
      severity="warning"
      style={{ marginBottom: 16 }}
      aria-label="Rules changed since launch"
    >
      <AlertTitle>Obligation rules changed since launch</AlertTitle>
      <Typography variant="body2" gutterBottom>
        The rule table is now version {provenance.currentRulesVersion}; this
        incident was launched with{' '}
        {props.record.rulesVersion ?? 'an unrecorded version'}.
        {provenance.changes.length > 0
          ? ' Save the assessment to re-evaluate open obligations with the current rules; statuses set by a person stay until they are changed.'
          : ' None of the rules behind its obligations changed.'}
      </Typography>
      {provenance.changes.length > 0 && (
        <ul style={{ margin: 0, paddingLeft: 20 }}>
          {provenance.changes.map(change => {
            const o = obligationOf(change.ruleId);
            const name = o ? `${o.regime} ${o.stage}` : change.ruleId;
            return (
              <li key={change.ruleId}>
                <Typography variant="body2" component="span">
                  <strong>{name}</strong> ({change.ruleId}):{' '}
                  {change.change === 'removed'
                    ? 'the rule was removed from the table since this decision'
                    : `rule changed since this decision: ${change.parts
                        .map(part => RULE_VERSION_PART_LABELS[part])
                        .join(', ')}`}
                </Typography>
              </li>
            );
          })}
        </ul>
      )}
    </Alert>
  );
};
