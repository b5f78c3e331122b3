import "./charts.css";

export interface LinePoint {
  x: number;
  y: number;
  /** The point's tooltip. */
  label: string;
}

export interface LineChartProps {
  points: LinePoint[];
  /** The chart as one sentence for screen readers. */
  summary: string;
  xAxis: string;
  yAxis: string;
  /** The y range; default 0..1. */
  yDomain?: [number, number];
  /** A dashed horizontal reference (e.g. what always saying "even odds" scores). */
  reference?: { y: number; label: string };
  /** How y ticks are written. */
  formatY?: (y: number) => string;
  /** How x ticks are written (default: the number). */
  formatX?: (x: number) => string;
}

const WIDTH = 520;
const HEIGHT = 200;
const M = { left: 46, right: 16, top: 12, bottom: 40 };

/** A small line chart with dots, for a figure over time (attempts, weeks). */
export function LineChart({
  points,
  summary,
  xAxis,
  yAxis,
  yDomain = [0, 1],
  reference,
  formatY = (v) => v.toFixed(2),
  formatX = (v) => String(v),
}: LineChartProps) {
  const xs = points.map((p) => p.x);
  const x0 = xs.length ? Math.min(...xs) : 0;
  const x1 = Math.max(...xs, x0 + 1);
  const w = WIDTH - M.left - M.right;
  const h = HEIGHT - M.top - M.bottom;
  const sx = (v: number) => M.left + ((v - x0) / (x1 - x0 || 1)) * w;
  const sy = (v: number) => M.top + (1 - (v - yDomain[0]) / (yDomain[1] - yDomain[0] || 1)) * h;
  const yTicks = [0, 0.25, 0.5, 0.75, 1].map((f) => yDomain[0] + f * (yDomain[1] - yDomain[0]));
  const xTicks = niceTicks(x0, x1, 6);
  const d = points.map((p, i) => `${i ? "L" : "M"}${sx(p.x)},${sy(p.y)}`).join(" ");
  return (
    <svg className="chart line-chart" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={summary}>
      {yTicks.map((v) => (
        <g key={`y${v}`}>
          <line className="grid" x1={M.left} x2={M.left + w} y1={sy(v)} y2={sy(v)} />
          <text x={M.left - 6} y={sy(v) + 4} textAnchor="end">
            {formatY(v)}
          </text>
        </g>
      ))}
      {xTicks.map((v) => (
        <text key={`x${v}`} x={sx(v)} y={M.top + h + 15} textAnchor="middle">
          {formatX(v)}
        </text>
      ))}
      <line className="axis" x1={M.left} x2={M.left + w} y1={M.top + h} y2={M.top + h} />
      {reference ? (
        <g>
          <line className="reference" x1={M.left} x2={M.left + w} y1={sy(reference.y)} y2={sy(reference.y)} />
          <text x={M.left + w} y={sy(reference.y) - 5} textAnchor="end">
            {reference.label}
          </text>
        </g>
      ) : null}
      {d ? <path className="series" d={d} /> : null}
      {points.map((p) => (
        <circle key={`p${p.x}`} className="dot" cx={sx(p.x)} cy={sy(p.y)} r={3.5}>
          <title>{p.label}</title>
        </circle>
      ))}
      <text className="axis-title" x={M.left + w / 2} y={HEIGHT - 6} textAnchor="middle">
        {xAxis}
      </text>
      <text
        className="axis-title"
        x={12}
        y={M.top + h / 2}
        textAnchor="middle"
        transform={`rotate(-90 12 ${M.top + h / 2})`}
      >
        {yAxis}
      </text>
    </svg>
  );
}

/** At most about `count` round ticks between a and b (integers: x is attempts or weeks). */
function niceTicks(a: number, b: number, count: number): number[] {
  const step = Math.max(1, Math.ceil((b - a) / count));
  const out: number[] = [];
  for (let v = Math.ceil(a / step) * step; v <= b; v += step) out.push(v);
  return out;
}
