import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Box, Typography } from '@material-ui/core';
import {
  LeakResponsePlanResponse,
  planObligationReader,
  summarizeObligations,
} from '@leak-response/plugin-leak-response-common';
import { LaunchPlaybookButton } from '../LaunchPlaybookDialog';
import { ObligationCounts } from '../shared';

/** The role whose on-call person a responder looks for first. */
const FIRST_RESPONDER_ROLE = 'security';

/**
 * What a responder needs from the overview card before anything is open:
 * who is on call for the security role now, the same obligation counts as
 * the tab ("if this leaked now"), and the Launch button.
 */
export const ReadyNow = ({
  plan,
  entityTitle,
}: {
  plan: LeakResponsePlanResponse;
  entityTitle?: string;
}) => {
  const security = plan.roles.find(r => r.role === FIRST_RESPONDER_ROLE);
  const onCall = security?.onCall?.now;
  return (
    <Box mb={2}>
      <Typography variant="overline" component="h3">
        On call for security now
      </Typography>
      <Typography variant="body2" paragraph component="div">
        {onCall ? (
          <>
            <EntityRefLink
              entityRef={onCall.userRef}
              title={onCall.displayName}
              defaultKind="user"
            />
            {onCall.email && (
              <>
                {' · '}
                <a href={`mailto:${onCall.email}`}>{onCall.email}</a>
              </>
            )}
          </>
        ) : (
          <>
            Nobody on call
            {security?.entityRef && (
              <>
                {'; call '}
                <EntityRefLink
                  entityRef={security.entityRef}
                  title={security.title}
                  defaultKind="group"
                />
              </>
            )}
            .
          </>
        )}
      </Typography>
      {plan.obligations.status === 'evaluated' && (
        <>
          <Typography variant="overline" component="h3">
            If this leaked now
          </Typography>
          <Box mb={1}>
            <ObligationCounts
              counts={
                summarizeObligations(
                  plan.obligations.obligations,
                  planObligationReader,
                ).counts
              }
            />
          </Box>
        </>
      )}
      <LaunchPlaybookButton
        entityRef={plan.entityRef}
        entityTitle={entityTitle}
        defaultLeakType={plan.leakType}
      />
    </Box>
  );
};
