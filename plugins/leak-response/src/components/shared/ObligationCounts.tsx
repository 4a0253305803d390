import { Chip } from '@material-ui/core';
import { ObligationSummary } from '@leak-response/plugin-leak-response-common';

/**
 * The three counts of an obligation summary as chips, the same on the
 * entity tab, the launch dialog, the overview card and the incident page.
 */
export const ObligationCounts = ({
  counts,
}: {
  counts: ObligationSummary<unknown>['counts'];
}) => (
  <span
    role="group"
    aria-label="Obligation counts"
    style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 4 }}
  >
    <Chip
      size="small"
      color={counts.applies ? 'secondary' : 'default'}
      label={`${counts.applies} ${counts.applies === 1 ? 'applies' : 'apply'}`}
    />
    <Chip
      size="small"
      variant="outlined"
      label={`${counts.toBeDetermined} to be determined`}
    />
    <Chip
      size="small"
      variant="outlined"
      label={`${counts.notApplicable} not applicable`}
    />
  </span>
);
