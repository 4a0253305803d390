import { InfoCard, Link } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  Button,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import {
  OnCallShift,
  ReadinessGap,
  ResolvedRole,
} from '@leak-response/plugin-leak-response-common';
import { useState } from 'react';
import { DateTime, wrapText } from '../shared';

const Shift = ({ shift, label }: { shift?: OnCallShift; label: string }) => {
  if (!shift) {
    return (
      <Typography variant="body2" color="textSecondary">
        {label}: nobody
      </Typography>
    );
  }
  return (
    <div>
      <Typography variant="body2">
        {label}:{' '}
        <EntityRefLink entityRef={shift.userRef} title={shift.displayName} />
        {shift.email && (
          <>
            {' · '}
            <Link to={`mailto:${shift.email}`}>{shift.email}</Link>
          </>
        )}
      </Typography>
      <Typography variant="caption" color="textSecondary">
        <DateTime iso={shift.from} /> – <DateTime iso={shift.until} />
      </Typography>
      {shift.missingTrainings.length > 0 && (
        <Typography variant="caption" color="error" display="block">
          missing training: {shift.missingTrainings.join(', ')}
        </Typography>
      )}
    </div>
  );
};

function gapKey(gap: ReadinessGap): string {
  return gap.kind === 'untrained-slot'
    ? `${gap.kind}:${gap.rotationOf}:${gap.userRef}:${gap.from}`
    : `${gap.kind}:${gap.rotationOf}:${gap.peak}:${gap.from}`;
}

/** A readiness gap in words, its times in the user's zone (UTC on hover). */
const GapText = ({ gap }: { gap: ReadinessGap }) =>
  gap.kind === 'untrained-slot' ? (
    <>
      {gap.userRef} is on call for {gap.rotationOf} from{' '}
      <DateTime iso={gap.from} /> to <DateTime iso={gap.until} /> without{' '}
      {gap.missingTrainings.join(', ')}
    </>
  ) : (
    <>
      {gap.rotationOf} has {gap.trainedResponders.length} trained responder(s)
      of {gap.required} required during {gap.peak} (
      <DateTime iso={gap.from} /> – <DateTime iso={gap.until} />)
    </>
  );

/** How many gaps show before "show all". */
const GAPS_SHOWN = 3;

/**
 * The readiness gaps ahead, counted per rotation: a two-week horizon over
 * five rotations easily yields dozens of untrained shifts, which would
 * bury the card. The first few show; the rest unfold on request.
 */
const ReadinessGaps = ({ gaps }: { gaps: ReadinessGap[] }) => {
  const [all, setAll] = useState(false);
  const perRotation = new Map<string, number>();
  for (const g of gaps) {
    perRotation.set(g.rotationOf, (perRotation.get(g.rotationOf) ?? 0) + 1);
  }
  const shown = all ? gaps : gaps.slice(0, GAPS_SHOWN);
  return (
    <Alert severity="info" style={{ marginTop: 8 }}>
      <span>
        {gaps.length} readiness gap(s) ahead:{' '}
        {[...perRotation.entries()]
          .map(([rotation, count]) => `${rotation} ${count}`)
          .join(' · ')}
      </span>
      <ul aria-label="Readiness gaps" style={{ margin: '4px 0' }}>
        {shown.map(g => (
          <li key={gapKey(g)} style={wrapText}>
            <GapText gap={g} />
          </li>
        ))}
      </ul>
      {gaps.length > GAPS_SHOWN && (
        <Button size="small" onClick={() => setAll(!all)} aria-expanded={all}>
          {all ? 'Show fewer' : `Show all ${gaps.length}`}
        </Button>
      )}
    </Alert>
  );
};

/**
 * Who is on call now and next for each role, with contact details, and a
 * warning when no trained responder is on the rotation.
 */
export const OnCallCard = (props: {
  roles: ResolvedRole[];
  gaps: ReadinessGap[];
  requiredTrainings: string[];
}) => {
  const { roles, gaps, requiredTrainings } = props;
  const untrainedNow = roles.filter(
    r =>
      r.onCall && (!r.onCall.now || r.onCall.now.missingTrainings.length > 0),
  );
  return (
    <InfoCard
      title="Who responds"
      subheader={
        requiredTrainings.length
          ? `Trainings required on call: ${requiredTrainings.join(', ')}`
          : undefined
      }
    >
      {untrainedNow.length > 0 && (
        <Alert severity="warning" role="alert">
          No trained responder on call now for{' '}
          {untrainedNow.map(r => r.role).join(', ')}.
        </Alert>
      )}
      <Table size="small" aria-label="On call">
        <TableHead>
          <TableRow>
            <TableCell>Role</TableCell>
            <TableCell>Assigned to</TableCell>
            <TableCell>On call</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {roles.map(role => (
            <TableRow key={role.role}>
              <TableCell>{role.role}</TableCell>
              <TableCell>
                {role.entityRef ? (
                  <EntityRefLink
                    entityRef={role.entityRef}
                    title={role.title}
                  />
                ) : (
                  <Typography variant="body2" color="error">
                    not configured
                  </Typography>
                )}
                {role.email && (
                  <Typography variant="caption" display="block">
                    <Link to={`mailto:${role.email}`}>{role.email}</Link>
                  </Typography>
                )}
                {role.problems.map(p => (
                  <Typography
                    key={p}
                    variant="caption"
                    color="error"
                    display="block"
                  >
                    {p}
                  </Typography>
                ))}
              </TableCell>
              <TableCell>
                {role.onCall ? (
                  <>
                    <Shift label="Now" shift={role.onCall.now} />
                    <Shift label="Next" shift={role.onCall.next} />
                  </>
                ) : (
                  <Typography variant="body2" color="textSecondary">
                    no rotation declared
                  </Typography>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {gaps.length > 0 && <ReadinessGaps gaps={gaps} />}
    </InfoCard>
  );
};
