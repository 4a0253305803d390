import { InfoCard } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Box, Typography } from '@material-ui/core';
import {
  ASSET_GAP_TITLES,
  AssetReadiness,
  sharedGapsOf,
} from '@leak-response/plugin-leak-response-common';
import { wrapText } from '../shared';

/** How many affected assets are named before "and N more". */
const NAMED = 6;

/**
 * The gaps that belong to a rotation or to the organisation, each once,
 * with the assets it affects: the security team fixes them, not the owner
 * of each of the assets (whose score they do not lower).
 */
export const SharedGapsCard = ({ assets }: { assets: AssetReadiness[] }) => {
  const shared = sharedGapsOf(assets);
  if (shared.length === 0) return null;
  return (
    <InfoCard
      title="Gaps of the rotations and the organisation"
      subheader="Each shown once, with the assets it affects; they do not lower the assets' scores."
    >
      {shared.map(gap => (
        <Box
          key={`${gap.kind}-${gap.details.join('|')}`}
          component="section"
          aria-label={ASSET_GAP_TITLES[gap.kind]}
          mb={2}
          style={wrapText}
        >
          <Typography variant="subtitle2">
            {ASSET_GAP_TITLES[gap.kind]} — affects {gap.assets.length}{' '}
            {gap.assets.length === 1 ? 'asset' : 'assets'}
          </Typography>
          <ul style={{ margin: 0, paddingLeft: 20 }}>
            {(gap.details.length ? gap.details : [gap.message]).map(line => (
              <li key={line}>
                <Typography variant="body2">{line}</Typography>
              </li>
            ))}
          </ul>
          <Typography variant="caption" component="p">
            {gap.assets.slice(0, NAMED).map((a, i) => (
              <span key={a.entityRef}>
                {i > 0 && ', '}
                <EntityRefLink entityRef={a.entityRef} title={a.title} />
              </span>
            ))}
            {gap.assets.length > NAMED &&
              ` and ${gap.assets.length - NAMED} more`}
          </Typography>
        </Box>
      ))}
    </InfoCard>
  );
};
