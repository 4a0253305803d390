import { InfoCard } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Box, Typography } from '@material-ui/core';
import {
  ASSET_GAP_TITLES,
  AssetReadiness,
  sharedGapsOf,
} from '@leak-response/plugin-leak-response-common';
import { formatLocal, wrapText } from '../shared';

/** How many affected assets are named before "and N more". */
const NAMED = 6;
/** How many findings show before the rest fold. */
const SHOWN = 3;

const ISO_TIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z/g;

/** A finding with its UTC times in the viewer's zone. */
function localTimes(line: string): string {
  return line.replace(ISO_TIME, iso => formatLocal(iso));
}

const Findings = ({ lines }: { lines: string[] }) => {
  const item = (line: string) => (
    <li key={line}>
      <Typography variant="body2">{localTimes(line)}</Typography>
    </li>
  );
  return (
    <>
      <ul style={{ margin: 0, paddingLeft: 20 }}>
        {lines.slice(0, SHOWN).map(item)}
      </ul>
      {lines.length > SHOWN && (
        <details>
          <summary>
            <Typography variant="caption" component="span">
              {lines.length - SHOWN} more finding(s)
            </Typography>
          </summary>
          <ul style={{ margin: 0, paddingLeft: 20 }}>
            {lines.slice(SHOWN).map(item)}
          </ul>
        </details>
      )}
    </>
  );
};

/**
 * The gaps that belong to a rotation or to the organisation, each once at
 * its level (the rotation's group, or the organisation), with the assets
 * it affects: the security team fixes them, not the owner of each asset
 * (whose score they do not lower).
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
          key={`${gap.kind}-${gap.groupRef ?? gap.details[0]}`}
          component="section"
          aria-label={`${ASSET_GAP_TITLES[gap.kind]}: ${
            gap.groupRef ?? 'organisation'
          }`}
          mb={2}
          style={wrapText}
        >
          <Typography variant="subtitle2">
            {ASSET_GAP_TITLES[gap.kind]} —{' '}
            {gap.groupRef ? (
              <>
                rotation of{' '}
                <EntityRefLink entityRef={gap.groupRef} defaultKind="group" />
              </>
            ) : (
              'organisation'
            )}{' '}
            · affects {gap.assets.length}{' '}
            {gap.assets.length === 1 ? 'asset' : 'assets'}
          </Typography>
          <Findings lines={gap.details} />
          <Typography variant="caption" component="p">
            Affects:{' '}
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
