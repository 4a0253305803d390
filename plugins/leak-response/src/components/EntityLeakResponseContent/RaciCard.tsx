import { InfoCard } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  Box,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import {
  PlanPlaybook,
  ResolvedRole,
} from '@leak-response/plugin-leak-response-common';
import { DateTime, useWholeWordTable } from '../shared';

type Letter = 'R' | 'A' | 'C' | 'I';

/** Every role named by the steps, in the order of the resolved roles first. */
function rolesOf(playbook: PlanPlaybook, roles: ResolvedRole[]): string[] {
  const names = roles.map(r => r.role);
  for (const step of playbook.steps) {
    const { responsible, accountable, consulted, informed } = step.raci;
    for (const ref of [
      ...responsible,
      accountable,
      ...consulted,
      ...informed,
    ]) {
      if (!names.includes(ref.role)) names.push(ref.role);
    }
  }
  return names;
}

function lettersOf(
  step: PlanPlaybook['steps'][number],
  role: string,
): Letter[] {
  const letters: Letter[] = [];
  if (step.raci.responsible.some(r => r.role === role)) letters.push('R');
  if (step.raci.accountable.role === role) letters.push('A');
  if (step.raci.consulted.some(r => r.role === role)) letters.push('C');
  if (step.raci.informed.some(r => r.role === role)) letters.push('I');
  return letters;
}

/** The playbook as a RACI matrix: steps × roles, roles linked to the catalog. */
export const RaciCard = (props: {
  playbook: PlanPlaybook;
  roles: ResolvedRole[];
}) => {
  const { playbook, roles } = props;
  const columns = rolesOf(playbook, roles);
  const byRole = new Map(roles.map(r => [r.role, r]));
  const classes = useWholeWordTable();
  return (
    <InfoCard
      title={`Playbook: ${playbook.title}`}
      subheader="R responsible · A accountable · C consulted · I informed"
    >
      {playbook.description && (
        <Typography variant="body2" paragraph>
          {playbook.description}
        </Typography>
      )}
      <Box style={{ overflowX: 'auto' }}>
        <Table size="small" aria-label="RACI matrix" className={classes.table}>
          <TableHead>
            <TableRow>
              <TableCell>Step</TableCell>
              <TableCell>Due</TableCell>
              {columns.map(role => {
                const resolved = byRole.get(role);
                return (
                  <TableCell key={role} align="center">
                    <div>{role}</div>
                    {resolved?.entityRef ? (
                      <EntityRefLink
                        entityRef={resolved.entityRef}
                        title={resolved.title}
                      />
                    ) : (
                      <Typography variant="caption" color="error">
                        not configured
                      </Typography>
                    )}
                  </TableCell>
                );
              })}
            </TableRow>
          </TableHead>
          <TableBody>
            {playbook.steps.map(step => (
              <TableRow key={step.id}>
                <TableCell>
                  <div>{step.title}</div>
                  <Typography variant="caption" color="textSecondary">
                    {step.phase}
                  </Typography>
                </TableCell>
                <TableCell>
                  {step.dueAt ? <DateTime iso={step.dueAt} /> : '—'}
                </TableCell>
                {columns.map(role => (
                  <TableCell key={role} align="center">
                    {lettersOf(step, role).join('')}
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Box>
    </InfoCard>
  );
};
