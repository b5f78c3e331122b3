import { memo, useMemo } from "react";
import type { ChapterJson, ListenSpanJson, MarkJson, PassNumber } from "../../../../src/server/contract/index.js";
import { formatTime } from "../../format.js";
import { useT } from "../../i18n/index.js";
import { messages } from "./messages.js";
import { keepFocus, listenedShare, mergeSpans } from "./transcript-model.js";

const PASSES: PassNumber[] = [1, 2, 3];

interface PassTimelineProps {
  durationMs: number;
  spans: ListenSpanJson[];
  marks: MarkJson[];
  chapters: ChapterJson[];
  pass: PassNumber;
  currentMs: number;
  onSeek: (ms: number) => void;
}

/**
 * One strip per pass: the stretches listened to in it, where its marks fall (a mark plays on
 * click), chapter boundaries, and the playhead on the strip of the current pass.
 */
export function PassTimeline({ durationMs, spans, marks, chapters, pass, currentMs, onSeek }: PassTimelineProps) {
  const t = useT(messages);
  const total = Math.max(1, durationMs);
  return (
    <section className="pass-timeline" aria-label={t("timeline")}>
      {PASSES.map((p) => (
        <PassStrip
          key={p}
          pass={p}
          active={p === pass}
          total={total}
          spans={spans}
          marks={marks}
          chapters={chapters}
          onSeek={onSeek}
        >
          {p === pass ? (
            <span className="playhead" style={{ left: `${(Math.min(currentMs, total) / total) * 100}%` }} />
          ) : null}
        </PassStrip>
      ))}
    </section>
  );
}

const PassStrip = memo(function PassStrip({
  pass,
  active,
  total,
  spans,
  marks,
  chapters,
  onSeek,
  children,
}: {
  pass: PassNumber;
  active: boolean;
  total: number;
  spans: ListenSpanJson[];
  marks: MarkJson[];
  chapters: ChapterJson[];
  onSeek: (ms: number) => void;
  children?: React.ReactNode;
}) {
  const t = useT(messages);
  const listened = useMemo(() => mergeSpans(spans.filter((s) => s.pass === pass)), [spans, pass]);
  const share = listenedShare(spans, pass, total);
  const passMarks = marks.filter((m) => m.pass === pass);
  const pct = (ms: number) => `${(Math.max(0, Math.min(ms, total)) / total) * 100}%`;
  return (
    <div className={`pass-strip${active ? " active" : ""}`} data-pass={pass}>
      <span className="pass-strip-label">{t("passShort", { n: pass })}</span>
      {/* biome-ignore lint/a11y/useKeyWithClickEvents lint/a11y/noStaticElementInteractions: a mouse shortcut; the player bar's position slider is the keyboard way */}
      <div
        className="pass-track"
        onClick={(e) => {
          if (e.target !== e.currentTarget && !(e.target as HTMLElement).classList.contains("listened")) return;
          const rect = e.currentTarget.getBoundingClientRect();
          onSeek(Math.round(((e.clientX - rect.left) / rect.width) * total));
        }}
      >
        {chapters.map((c) =>
          c.startMs > 0 ? (
            <span key={`${c.startMs}`} className="chapter-tick" style={{ left: pct(c.startMs) }} />
          ) : null,
        )}
        {listened.map((s) => (
          <span
            key={s.startMs}
            className="listened"
            style={{ left: pct(s.startMs), width: `calc(${pct(s.endMs - s.startMs)} + 1px)` }}
          />
        ))}
        {groupMarks(passMarks, total).map((group) => {
          const first = group[0] as MarkJson;
          const kinds = new Set(group.map((m) => m.kind));
          const kind = kinds.size > 1 ? "mixed" : first.kind;
          const label = group
            .map((m) =>
              t("markAt", {
                kind: m.kind === "term" ? t("term") : t("moment"),
                time: formatTime(m.startMs),
                text: m.selection ?? "",
              }),
            )
            .join("; ");
          return (
            <button
              type="button"
              key={first.id}
              className={`mark-tick ${kind}${group.length > 1 ? " several" : ""}`}
              data-marks={group.map((m) => m.id).join(" ")}
              style={{ left: pct(first.startMs) }}
              onMouseDown={keepFocus}
              onClick={() => onSeek(first.startMs)}
              aria-label={label}
              title={group.map((m) => `${formatTime(m.startMs)} ${m.selection ?? ""}`.trim()).join("\n")}
            />
          );
        })}
        {children}
      </div>
      <span className="pass-strip-share">
        {t("listened", { pct: share > 0 && share < 0.01 ? "<1" : Math.round(share * 100) })}
      </span>
    </div>
  );
});

/** Marks closer than half a percent of the episode share one tick (they would overlap on screen). */
function groupMarks(marks: MarkJson[], total: number): MarkJson[][] {
  const sorted = [...marks].sort((a, b) => a.startMs - b.startMs);
  const groups: MarkJson[][] = [];
  for (const m of sorted) {
    const last = groups[groups.length - 1];
    if (last && m.startMs - (last[0] as MarkJson).startMs < total * 0.005) last.push(m);
    else groups.push([m]);
  }
  return groups;
}
