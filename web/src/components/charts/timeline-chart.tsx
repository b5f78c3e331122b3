import type { KeyboardEvent } from "react";
import "./charts.css";

/** A moment on the timeline the learner can jump to. */
export interface TimelineMark {
  id: string | number;
  ms: number;
  /** The tick's accessible name and tooltip, e.g. "Mark at 1:05:12: MLA". */
  label: string;
  /** A variant for its colour (`term` or `moment`). */
  kind?: string;
}

export interface TimelineRow {
  key: string;
  label: string;
  /** Stretches shaded on the row (what was listened to). */
  stretches: { startMs: number; endMs: number }[];
  marks: TimelineMark[];
}

export interface TimelineChartProps {
  durationMs: number;
  rows: TimelineRow[];
  /** The chart as one sentence for screen readers. */
  summary: string;
  formatTime: (ms: number) => string;
  /** A mark was chosen (click, Enter or Space). */
  onSelect: (mark: TimelineMark) => void;
}

const WIDTH = 1000;
const LABEL_W = 70;
const ROW_H = 30;
const AXIS_H = 22;

/**
 * An episode's timeline, one row per pass: the stretches listened to shaded, marks as ticks that
 * seek when chosen. Each tick is a focusable button, so the chart is keyboard operable.
 */
export function TimelineChart({ durationMs, rows, summary, formatTime, onSelect }: TimelineChartProps) {
  const span = Math.max(1, durationMs);
  const w = WIDTH - LABEL_W - 8;
  const sx = (ms: number) => LABEL_W + (Math.min(Math.max(ms, 0), span) / span) * w;
  const height = rows.length * ROW_H + AXIS_H;
  const ticks = timeTicks(span);
  const onKey = (e: KeyboardEvent, mark: TimelineMark) => {
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      e.stopPropagation();
      onSelect(mark);
    }
  };
  return (
    <figure className="timeline-figure" aria-label={summary}>
      <svg className="chart timeline" viewBox={`0 0 ${WIDTH} ${height}`}>
        <title>{summary}</title>
        {ticks.map((ms) => (
          <g key={`t${ms}`}>
            <line className="grid" x1={sx(ms)} x2={sx(ms)} y1={0} y2={rows.length * ROW_H} />
            <text x={sx(ms)} y={rows.length * ROW_H + 15} textAnchor="middle">
              {formatTime(ms)}
            </text>
          </g>
        ))}
        {rows.map((row, i) => {
          const top = i * ROW_H;
          return (
            <g key={row.key} data-row={row.key}>
              <text className="row-label" x={0} y={top + ROW_H / 2 + 4}>
                {row.label}
              </text>
              <rect className="track" x={LABEL_W} y={top + 8} width={w} height={ROW_H - 16} rx={3} />
              {row.stretches.map((s) => (
                <rect
                  key={`s${s.startMs}`}
                  className="stretch"
                  x={sx(s.startMs)}
                  y={top + 8}
                  width={Math.max(1, sx(s.endMs) - sx(s.startMs))}
                  height={ROW_H - 16}
                />
              ))}
              {row.marks.map((m) => (
                // biome-ignore lint/a11y/useSemanticElements: an SVG tick cannot be a <button>; it acts as one
                <g
                  key={m.id}
                  className="mark"
                  role="button"
                  tabIndex={0}
                  aria-label={m.label}
                  data-ms={m.ms}
                  onClick={() => onSelect(m)}
                  onKeyDown={(e) => onKey(e, m)}
                >
                  <title>{m.label}</title>
                  <rect className="mark-hit" x={sx(m.ms) - 6} y={top + 2} width={12} height={ROW_H - 4} rx={2} />
                  <rect
                    className={`mark-tick ${m.kind ?? ""}`}
                    x={sx(m.ms) - 1.5}
                    y={top + 4}
                    width={3}
                    height={ROW_H - 8}
                  />
                </g>
              ))}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

/** Round tick positions for an episode: every 5, 10, 15, 30 or 60 minutes, about 6-10 of them. */
function timeTicks(durationMs: number): number[] {
  const minute = 60_000;
  const steps = [1, 2, 5, 10, 15, 30, 60, 120].map((m) => m * minute);
  const step = steps.find((s) => durationMs / s <= 10) ?? 240 * minute;
  const out: number[] = [];
  for (let t = 0; t <= durationMs; t += step) out.push(t);
  return out;
}
