import { Tooltip } from '@material-ui/core';
import { formatLocal, formatUtc } from './time';

/** A time in the user's time zone, with UTC on hover. */
export const DateTime = ({ iso }: { iso: string }) => (
  <Tooltip title={`${formatUtc(iso)} (UTC)`}>
    <time dateTime={iso}>{formatLocal(iso)}</time>
  </Tooltip>
);
