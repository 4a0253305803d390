import { Tooltip } from '@material-ui/core';
import { Countdown } from './Countdown';
import { formatLocal, formatUtc } from './time';

/**
 * A deadline's clock: counting down while the incident is open, and shown
 * stopped (grey, no countdown) once the incident is closed, so a closed
 * incident never looks overdue.
 */
export const ClockChip = (props: {
  at: string;
  now: number;
  stopped?: boolean;
}) =>
  props.stopped ? (
    <Tooltip
      title={`was due ${formatLocal(props.at)} · ${formatUtc(props.at)} (UTC)`}
    >
      <span
        data-urgency="stopped"
        style={{
          display: 'inline-block',
          padding: '2px 8px',
          borderRadius: 4,
          background: '#e0e0e0',
          color: '#424242',
          whiteSpace: 'nowrap',
        }}
      >
        clock stopped
      </span>
    </Tooltip>
  ) : (
    <Countdown at={props.at} now={props.now} />
  );
