import "./charts.css";

/** The attempts given at one confidence level (1..5) and how many were verified. */
export interface CalibrationBucketDatum {
  confidence: number;
  /** The confidence read as a probability, 0..1. */
  forecast: number;
  count: number;
  verifiedCount: number;
  verifiedRate: number | null;
}

export interface CalibrationChartLabels {
  /** The chart as one sentence for screen readers. */
  summary: string;
  xAxis: string;
  yAxis: string;
  ideal: string;
  /** A dot's tooltip, e.g. "Confidence 4: 3 of 5 verified". */
  describe: (bucket: CalibrationBucketDatum) => string;
}

const SIZE = 300;
const M = { left: 46, right: 14, top: 12, bottom: 42 };
const W = SIZE - M.left - M.right;
const H = SIZE - M.top - M.bottom;

/**
 * A reliability diagram: confidence given (as a probability) across, how often the explanation was
 * verified up; the dashed diagonal is perfect calibration. Dot area grows with the attempts behind it.
 */
export function CalibrationChart({
  buckets,
  labels,
}: {
  buckets: CalibrationBucketDatum[];
  labels: CalibrationChartLabels;
}) {
  const x = (f: number) => M.left + f * W;
  const y = (r: number) => M.top + (1 - r) * H;
  const used = buckets.filter((b) => b.count > 0 && b.verifiedRate !== null);
  const maxCount = Math.max(1, ...used.map((b) => b.count));
  const path = used.map((b, i) => `${i ? "L" : "M"}${x(b.forecast)},${y(b.verifiedRate ?? 0)}`).join(" ");
  return (
    <svg className="chart calibration-chart" viewBox={`0 0 ${SIZE} ${SIZE}`} role="img" aria-label={labels.summary}>
      {[0, 0.25, 0.5, 0.75, 1].map((r) => (
        <g key={`y${r}`}>
          <line className="grid" x1={x(0)} x2={x(1)} y1={y(r)} y2={y(r)} />
          <text x={M.left - 6} y={y(r) + 4} textAnchor="end">
            {Math.round(r * 100)}%
          </text>
        </g>
      ))}
      {buckets.map((b) => (
        <g key={`x${b.confidence}`}>
          <line className="grid" x1={x(b.forecast)} x2={x(b.forecast)} y1={y(0)} y2={y(1)} />
          <text x={x(b.forecast)} y={y(0) + 15} textAnchor="middle">
            {b.confidence}
          </text>
        </g>
      ))}
      <line className="axis" x1={x(0)} x2={x(1)} y1={y(0)} y2={y(0)} />
      <line className="axis" x1={x(0)} x2={x(0)} y1={y(0)} y2={y(1)} />
      <line className="reference" x1={x(0)} y1={y(0)} x2={x(1)} y2={y(1)} />
      <text x={x(0.6)} y={y(0.6) - 6} transform={`rotate(-45 ${x(0.6)} ${y(0.6) - 6})`} textAnchor="middle">
        {labels.ideal}
      </text>
      {path ? <path className="series" d={path} /> : null}
      {used.map((b) => (
        <circle
          key={`d${b.confidence}`}
          className="dot"
          data-confidence={b.confidence}
          cx={x(b.forecast)}
          cy={y(b.verifiedRate ?? 0)}
          r={4 + 6 * Math.sqrt(b.count / maxCount)}
        >
          <title>{labels.describe(b)}</title>
        </circle>
      ))}
      <text className="axis-title" x={x(0.5)} y={SIZE - 6} textAnchor="middle">
        {labels.xAxis}
      </text>
      <text className="axis-title" x={12} y={y(0.5)} textAnchor="middle" transform={`rotate(-90 12 ${y(0.5)})`}>
        {labels.yAxis}
      </text>
    </svg>
  );
}
