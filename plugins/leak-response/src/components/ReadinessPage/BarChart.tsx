import { useTheme } from '@material-ui/core';

/** One bar: a label, a value and an optional colour. */
export interface Bar {
  label: string;
  value: number;
  color?: string;
}

// Close to the width the dashboard cards give it, so text stays ~12px.
const ROW = 24;
const LABEL_WIDTH = 200;
const VALUE_WIDTH = 36;
const WIDTH = 440;
const FONT = 11;
// About what fits in LABEL_WIDTH at FONT.
const MAX_LABEL = 30;

/**
 * Horizontal bars in plain SVG (no chart library: the bundle stays small).
 * The bars are also a list for screen readers: each carries its label and
 * value as text, and the SVG its title.
 */
export const BarChart = (props: {
  title: string;
  bars: Bar[];
  /** The value of a full-width bar; default: the largest value. */
  max?: number;
  unit?: string;
}) => {
  const theme = useTheme();
  const { bars, title, unit = '' } = props;
  const max = props.max ?? Math.max(1, ...bars.map(b => b.value));
  const barWidth = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const height = Math.max(ROW, bars.length * ROW);
  return (
    <svg
      role="img"
      aria-label={title}
      viewBox={`0 0 ${WIDTH} ${height}`}
      width="100%"
      style={{ maxWidth: WIDTH }}
    >
      <title>{title}</title>
      {bars.map((bar, i) => {
        const y = i * ROW;
        const width = Math.max(0, Math.min(1, bar.value / max)) * barWidth;
        const box = { x: LABEL_WIDTH, y: y + 4, height: ROW - 8, rx: 3 };
        return (
          <g
            key={bar.label}
            data-testid="bar"
            aria-label={`${bar.label}: ${bar.value}${unit}`}
          >
            <text
              x={LABEL_WIDTH - 8}
              y={y + ROW / 2 + 4}
              textAnchor="end"
              fontSize={FONT}
              fill={theme.palette.text.primary}
            >
              {bar.label.length > MAX_LABEL
                ? `${bar.label.slice(0, MAX_LABEL - 1)}…`
                : bar.label}
            </text>
            <rect {...box} width={barWidth} fill={theme.palette.action.hover} />
            <rect
              {...box}
              width={width}
              fill={bar.color ?? theme.palette.primary.main}
            />
            <text
              x={WIDTH - VALUE_WIDTH + 6}
              y={y + ROW / 2 + 4}
              fontSize={FONT}
              fill={theme.palette.text.secondary}
            >
              {`${bar.value}${unit}`}
            </text>
          </g>
        );
      })}
    </svg>
  );
};
