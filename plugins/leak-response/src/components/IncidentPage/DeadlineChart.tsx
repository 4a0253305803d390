import { Typography } from '@material-ui/core';
import { IncidentObligation } from '@leak-response/plugin-leak-response-common';
import { urgencyOf } from '../shared';

const HANDLED = new Set(['submitted', 'not-required']);
const LABEL_WIDTH = 220;
const TICKS = 5;

function tickLabel(t: number, spanMs: number): string {
  const date = new Date(t);
  return spanMs > 3 * 86_400_000
    ? date.toLocaleDateString(undefined, { day: 'numeric', month: 'short' })
    : date.toLocaleString(undefined, {
        day: 'numeric',
        month: 'short',
        hour: '2-digit',
        minute: '2-digit',
      });
}

/** The first tick starts at the axis, the last ends there, others centre. */
function tickShift(i: number): string {
  if (i === 0) return 'none';
  return i === TICKS ? 'translateX(-100%)' : 'translateX(-50%)';
}

/**
 * A bar per clock from awareness to its due time, on one time axis with
 * ticks in the viewer's zone (named under the axis) and a dashed line at
 * now. Labels wrap instead of being cut; the recipient shows on hover.
 */
export const DeadlineChart = (props: {
  awareAt: string;
  obligations: IncidentObligation[];
  now: number;
  stopped?: boolean;
}) => {
  const { now } = props;
  const dated = props.obligations.filter(o => o.dueAt);
  if (dated.length === 0) return null;
  const start = Date.parse(props.awareAt);
  const end = Math.max(now, ...dated.map(o => Date.parse(o.dueAt!)));
  const span = Math.max(end - start, 1);
  const pct = (t: number) => `${(((t - start) / span) * 100).toFixed(2)}%`;
  const colour = (o: IncidentObligation) => {
    if (HANDLED.has(o.status) || props.stopped) return '#9e9e9e';
    return {
      overdue: '#d32f2f',
      critical: '#f57c00',
      soon: '#1976d2',
      later: '#388e3c',
    }[urgencyOf(Date.parse(o.dueAt!) - now)];
  };
  const ticks = Array.from(
    { length: TICKS + 1 },
    (_, i) => start + (span * i) / TICKS,
  );
  const zone = new Intl.DateTimeFormat().resolvedOptions().timeZone;
  return (
    <figure
      aria-label="Deadline timeline"
      style={{ margin: '8px 0 16px', position: 'relative' }}
    >
      {dated.map(o => (
        <div
          key={o.id}
          style={{ display: 'flex', alignItems: 'center', minHeight: 20 }}
        >
          <Typography
            variant="caption"
            style={{
              width: LABEL_WIDTH,
              flexShrink: 0,
              paddingRight: 8,
              lineHeight: 1.2,
            }}
            title={`${o.regime} ${o.stage} → ${o.recipient}`}
          >
            {o.regime} {o.stage}
          </Typography>
          <div style={{ position: 'relative', flexGrow: 1, height: 10 }}>
            <div
              style={{
                position: 'absolute',
                left: 0,
                width: pct(Date.parse(o.dueAt!)),
                height: '100%',
                background: colour(o),
                borderRadius: 2,
              }}
            />
            {!props.stopped && (
              <div
                style={{
                  position: 'absolute',
                  left: pct(now),
                  top: -5,
                  bottom: -5,
                  borderLeft: '2px dashed #000',
                }}
              />
            )}
          </div>
        </div>
      ))}
      <div
        aria-label="Time axis"
        style={{
          marginLeft: LABEL_WIDTH,
          position: 'relative',
          height: 34,
          borderTop: '1px solid #9e9e9e',
          marginTop: 4,
        }}
      >
        {ticks.map((t, i) => (
          <Typography
            key={t}
            variant="caption"
            style={{
              position: 'absolute',
              left: pct(t),
              top: 2,
              whiteSpace: 'nowrap',
              transform: tickShift(i),
            }}
          >
            {tickLabel(t, span)}
          </Typography>
        ))}
        <Typography
          variant="caption"
          color="textSecondary"
          style={{ position: 'absolute', left: 0, top: 18 }}
        >
          {`Times in ${zone}; the dashed line is now.`}
        </Typography>
      </div>
    </figure>
  );
};
