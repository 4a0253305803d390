import { makeStyles, Tooltip } from '@material-ui/core';
import {
  formatLocal,
  formatUtc,
  timeLeftText,
  Urgency,
  urgencyOf,
} from './time';

const useStyles = makeStyles(theme => ({
  chip: {
    display: 'inline-block',
    padding: theme.spacing(0.25, 1),
    borderRadius: theme.shape.borderRadius,
    fontWeight: theme.typography.fontWeightMedium as number,
    whiteSpace: 'nowrap',
  },
  overdue: {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.error.contrastText,
  },
  critical: {
    backgroundColor: theme.palette.warning.main,
    color: theme.palette.warning.contrastText,
  },
  soon: {
    backgroundColor: theme.palette.info.light,
    color: theme.palette.info.contrastText,
  },
  later: {
    backgroundColor: theme.palette.success.light,
    color: theme.palette.success.contrastText,
  },
}));

/**
 * Time left until a deadline, coloured by urgency (overdue in red), with the
 * due time in the user's zone and in UTC on hover.
 */
export const Countdown = ({ at, now }: { at: string; now: number }) => {
  const classes = useStyles();
  const urgency: Urgency = urgencyOf(Date.parse(at) - now);
  return (
    <Tooltip title={`due ${formatLocal(at)} · ${formatUtc(at)} (UTC)`}>
      <span
        className={`${classes.chip} ${classes[urgency]}`}
        data-urgency={urgency}
      >
        {timeLeftText(at, now)}
      </span>
    </Tooltip>
  );
};
