import {
  DependencyGraph,
  DependencyGraphTypes,
  InfoCard,
} from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  Box,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import {
  AffectedEntity,
  ImpactReport,
  ImpactRole,
} from '@leak-response/plugin-leak-response-common';

/** The colour and label of each impact role, shared by the graph and legend. */
export const IMPACT_ROLES: Record<
  ImpactRole,
  { label: string; color: string }
> = {
  origin: { label: 'Origin (leaked)', color: '#d32f2f' },
  'upstream-data': { label: 'Upstream data', color: '#1976d2' },
  'downstream-model': { label: 'Downstream model', color: '#7b1fa2' },
  'downstream-surface': { label: 'Downstream surface', color: '#ef6c00' },
  log: { label: 'Prompt/response log', color: '#616161' },
};

type NodeData = { role: ImpactRole; label: string };

const useStyles = makeStyles(theme => ({
  legend: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    margin: theme.spacing(1, 0),
  },
  swatch: {
    display: 'inline-block',
    width: 12,
    height: 12,
    borderRadius: 2,
    marginRight: theme.spacing(0.5),
    verticalAlign: 'middle',
  },
  graph: { maxHeight: 360 },
}));

function shortRef(ref: string) {
  return ref.replace(/^[^:]+:(default\/)?/, '');
}

const renderNode = ({
  node,
}: DependencyGraphTypes.RenderNodeProps<NodeData>) => {
  const width = Math.max(90, node.label.length * 7 + 20);
  return (
    <g>
      <rect
        width={width}
        height={28}
        rx={6}
        fill={IMPACT_ROLES[node.role].color}
        data-role={node.role}
      />
      <text
        x={width / 2}
        y={14}
        textAnchor="middle"
        alignmentBaseline="middle"
        fill="#fff"
        fontSize={12}
      >
        {node.label}
      </text>
    </g>
  );
};

/** The lineage reached by the impact walk, roles coloured, and its unions. */
export const ImpactCard = ({ impact }: { impact: ImpactReport }) => {
  const classes = useStyles();
  const nodes = impact.entities.map(e => ({
    id: e.entityRef,
    role: e.role,
    label: e.title ?? shortRef(e.entityRef),
  }));
  const known = new Set(nodes.map(n => n.id));
  const edges = impact.entities
    .filter(e => e.via && known.has(e.via.from))
    .map(e => ({ from: e.via!.from, to: e.entityRef, label: e.via!.relation }));
  const rolesPresent = Object.keys(IMPACT_ROLES).filter(role =>
    impact.entities.some(e => e.role === role),
  ) as ImpactRole[];

  return (
    <InfoCard
      title="Impact of a leak"
      subheader={`Leak type: ${impact.leakType}`}
    >
      <div className={classes.legend} aria-label="Roles">
        {rolesPresent.map(role => (
          <Typography variant="caption" key={role}>
            <span
              className={classes.swatch}
              style={{ backgroundColor: IMPACT_ROLES[role].color }}
            />
            {IMPACT_ROLES[role].label}
          </Typography>
        ))}
      </div>
      {nodes.length > 1 && (
        <Box className={classes.graph}>
          <DependencyGraph<NodeData, { label: string }>
            nodes={nodes}
            edges={edges}
            renderNode={renderNode}
            direction={DependencyGraphTypes.Direction.LEFT_RIGHT}
            paddingX={10}
            paddingY={10}
            zoom="enable-on-click"
          />
        </Box>
      )}
      <Table size="small" aria-label="Affected entities">
        <TableHead>
          <TableRow>
            <TableCell>Entity</TableCell>
            <TableCell>Role</TableCell>
            <TableCell>Data at risk</TableCell>
            <TableCell>Categories</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {impact.entities.map((e: AffectedEntity) => (
            <TableRow key={e.entityRef}>
              <TableCell>
                <EntityRefLink entityRef={e.entityRef} title={e.title} />
              </TableCell>
              <TableCell>
                <span
                  className={classes.swatch}
                  style={{ backgroundColor: IMPACT_ROLES[e.role].color }}
                />
                {IMPACT_ROLES[e.role].label}
              </TableCell>
              <TableCell title={e.dataAtRiskReason}>
                {e.dataAtRisk ? 'yes' : 'no'}
              </TableCell>
              <TableCell>{e.dataCategories.join(', ') || '—'}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Box mt={1}>
        <Typography variant="body2">
          <strong>Data subjects:</strong>{' '}
          {impact.dataSubjects
            .map(s =>
              s.approxCount
                ? `${s.jurisdiction} (≥ ${s.approxCount.toLocaleString()})`
                : s.jurisdiction,
            )
            .join(', ') || 'none declared'}
        </Typography>
        <Typography variant="body2">
          <strong>Regions:</strong>{' '}
          {impact.regions.join(', ') || 'none declared'}
        </Typography>
        {impact.problems.missing.length > 0 && (
          <Typography variant="body2" color="error">
            Dangling lineage references:{' '}
            {impact.problems.missing
              .map(m => `${m.entityRef} (from ${m.referencedBy})`)
              .join(', ')}
          </Typography>
        )}
      </Box>
    </InfoCard>
  );
};
