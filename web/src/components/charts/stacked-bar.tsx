import "./charts.css";

/** One part of a stacked bar. `className` picks its fill (e.g. `fill-verified`). */
export interface StackedBarPart {
  key: string;
  label: string;
  value: number;
  className: string;
}

/**
 * A horizontal bar split into parts proportional to their values, with a legend that states each
 * count (the legend is the accessible reading; the bar is its picture).
 */
export function StackedBar({ parts, label, height = 22 }: { parts: StackedBarPart[]; label: string; height?: number }) {
  const total = parts.reduce((n, p) => n + p.value, 0);
  const width = 1000;
  let x = 0;
  return (
    <figure className="stacked-bar-figure" style={{ margin: 0 }}>
      <svg
        className="chart stacked-bar"
        viewBox={`0 0 ${width} ${height}`}
        preserveAspectRatio="none"
        style={{ height }}
        role="img"
        aria-label={`${label}: ${parts.map((p) => `${p.label} ${p.value}`).join(", ")}`}
      >
        {total === 0 ? <rect className="empty" x={0} y={0} width={width} height={height} rx={4} /> : null}
        {parts.map((p) => {
          const w = total ? (p.value / total) * width : 0;
          const rect =
            w > 0 ? <rect key={p.key} className={p.className} x={x} y={0} width={w} height={height} /> : null;
          x += w;
          return rect;
        })}
      </svg>
      <ul className="chart-legend">
        {parts.map((p) => (
          <li key={p.key} data-part={p.key}>
            <span className={`chart-swatch ${p.className}`} aria-hidden="true" />
            <span>
              {p.label} <strong>{p.value}</strong>
            </span>
          </li>
        ))}
      </ul>
    </figure>
  );
}
