import { Table, TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  Box,
  Chip,
  makeStyles,
  Tooltip,
  Typography,
  useTheme,
} from '@material-ui/core';
import {
  ASSET_GAP_TITLES,
  AssetGap,
  AssetReadiness,
  isSharedGap,
} from '@leak-response/plugin-leak-response-common';
import { wholeWords } from '../shared';
import { scoreColor, shortRef } from './score';

const useStyles = makeStyles(theme => ({
  chip: { margin: theme.spacing(0.25) },
  details: { margin: 0, paddingLeft: theme.spacing(2) },
  // Wide enough for two or three chips a line instead of a tall stack.
  gaps: { display: 'flex', flexWrap: 'wrap', minWidth: 380 },
}));

const ownGaps = (asset: AssetReadiness) =>
  asset.gaps.filter(g => !isSharedGap(g.kind));

const GapChip = ({ gap }: { gap: AssetGap }) => {
  const classes = useStyles();
  return (
    <Tooltip
      title={
        <>
          <Typography variant="body2">{gap.message}</Typography>
          {gap.details && gap.details.length > 0 && (
            <ul className={classes.details}>
              {gap.details.map(d => (
                <li key={d}>{d}</li>
              ))}
            </ul>
          )}
        </>
      }
    >
      <Chip
        size="small"
        className={classes.chip}
        variant={gap.review ? 'outlined' : 'default'}
        label={ASSET_GAP_TITLES[gap.kind]}
        // Keyboard users reach the tooltip by focusing the chip.
        tabIndex={0}
      />
    </Tooltip>
  );
};

const Score = ({ score }: { score: number }) => {
  const theme = useTheme();
  return (
    <Typography
      variant="body2"
      style={{ color: scoreColor(theme, score), fontWeight: 600 }}
    >
      {score}
    </Typography>
  );
};

/** The assets with their score and gaps; each gap explains itself on hover/focus. */
export const AssetsTable = ({ assets }: { assets: AssetReadiness[] }) => {
  const classes = useStyles();
  const columns: TableColumn<AssetReadiness>[] = [
    {
      title: 'Asset',
      field: 'entityRef',
      render: asset => (
        <Box minWidth={200}>
          <EntityRefLink entityRef={asset.entityRef} />
          {/* The link shows the title; the name is what the catalog and
              the inventory key on. */}
          <Typography variant="caption" display="block" color="textSecondary">
            {shortRef(asset.entityRef)}
          </Typography>
        </Box>
      ),
    },
    { title: 'Type', field: 'type' },
    {
      title: 'System',
      field: 'systemRef',
      render: asset =>
        asset.systemRef ? (
          <EntityRefLink entityRef={asset.systemRef} defaultKind="system" />
        ) : (
          '—'
        ),
    },
    {
      title: 'Owner',
      field: 'ownerRef',
      render: asset =>
        asset.ownerRef ? <EntityRefLink entityRef={asset.ownerRef} /> : '—',
    },
    {
      title: 'Score',
      field: 'score',
      type: 'numeric',
      render: asset => <Score score={asset.score} />,
    },
    {
      title: 'Gaps',
      field: 'gaps',
      sorting: false,
      customFilterAndSearch: (term, asset) =>
        asset.gaps.some(g =>
          `${ASSET_GAP_TITLES[g.kind]} ${g.message}`
            .toLocaleLowerCase()
            .includes(String(term).toLocaleLowerCase()),
        ),
      // A rotation's or the organisation's gap is shown once above the
      // table, not on every asset it affects.
      render: asset =>
        ownGaps(asset).length === 0 ? (
          <Typography variant="body2" color="textSecondary">
            {asset.gaps.length === 0 ? 'Ready' : 'Ready (see the shared gaps)'}
          </Typography>
        ) : (
          <Box className={classes.gaps}>
            {ownGaps(asset).map(gap => (
              <GapChip key={gap.kind} gap={gap} />
            ))}
          </Box>
        ),
    },
  ];
  return (
    <Table<AssetReadiness>
      title={`Assets (${assets.length})`}
      options={{ paging: assets.length > 50, pageSize: 50, padding: 'dense' }}
      columns={columns.map(c => ({ ...c, cellStyle: wholeWords }))}
      data={assets}
    />
  );
};
