/**
 * A bar chart in plain SVG: one bar per point, its value on hover (title) and its label under it. The
 * dashboard's charts are small and few, not worth a charting library in the app.
 */
export function BarChart(props: {
  /** Read out to screen readers as the chart's title. */
  title: string;
  points: readonly { label: string; value: number }[];
  format: (value: number) => string;
  height?: number;
  testId?: string;
}) {
  const height = props.height ?? 160;
  const max = Math.max(1, ...props.points.map((point) => point.value));
  const barWidth = 100 / Math.max(1, props.points.length);
  return (
    <figure className="chart" data-testid={props.testId}>
      <svg viewBox={`0 0 100 ${height}`} preserveAspectRatio="none" role="img" height={height}>
        <title>{props.title}</title>
        {props.points.map((point, index) => {
          const barHeight = (point.value / max) * (height - 4);
          return (
            <rect
              key={point.label}
              x={index * barWidth + barWidth * 0.15}
              y={height - barHeight}
              width={barWidth * 0.7}
              height={barHeight}
              rx={0.6}
              className="bar"
            >
              <title>{`${point.label} : ${props.format(point.value)}`}</title>
            </rect>
          );
        })}
      </svg>
      <figcaption className="chart-labels">
        {props.points.map((point) => (
          <span key={point.label}>{point.label}</span>
        ))}
      </figcaption>
    </figure>
  );
}
