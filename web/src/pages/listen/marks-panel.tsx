import { memo, useEffect, useRef, useState } from "react";
import { Link } from "wouter";
import type { MarkJson, PassNumber, SegmentJson } from "../../../../src/server/contract/index.js";
import { formatTime } from "../../format.js";
import { useT } from "../../i18n/index.js";
import { messages } from "./messages.js";
import { keepFocus } from "./transcript-model.js";

interface MarksPanelProps {
  episodeId: string;
  marks: MarkJson[] | null;
  pass: PassNumber;
  segments: SegmentJson[];
  /** The mark just made: shown first in line for a rating. */
  freshId: number | null;
  onSeek: (ms: number) => void;
  onRate: (mark: MarkJson, confidence: number) => void;
  onDelete: (mark: MarkJson) => void;
}

/** This episode's marks in time order: each plays on click, takes a confidence rating, can be deleted. */
export function MarksPanel({ episodeId, marks, pass, segments, freshId, onSeek, onRate, onDelete }: MarksPanelProps) {
  const t = useT(messages);
  const [only, setOnly] = useState<"all" | "pass">("all");
  if (!marks) return <p className="muted">{t("loadingMarks")}</p>;
  const shown = only === "pass" ? marks.filter((m) => m.pass === pass) : marks;
  const textOf = new Map(segments.map((s) => [s.id, s.text]));
  return (
    <div className="marks-panel">
      <fieldset className="marks-filter">
        <legend className="visually-hidden">{t("showMarks")}</legend>
        <label>
          <input type="radio" name="marks-filter" checked={only === "all"} onChange={() => setOnly("all")} />
          {t("allPasses")}
        </label>
        <label>
          <input type="radio" name="marks-filter" checked={only === "pass"} onChange={() => setOnly("pass")} />
          {t("thisPass")}
        </label>
      </fieldset>
      {shown.length === 0 ? <p className="muted">{t("noMarks")}</p> : null}
      <ol className="mark-list">
        {shown.map((m) => (
          <MarkItem
            key={m.id}
            mark={m}
            episodeId={episodeId}
            fresh={m.id === freshId}
            context={m.segmentId !== null ? (textOf.get(m.segmentId) ?? "") : ""}
            onSeek={onSeek}
            onRate={onRate}
            onDelete={onDelete}
          />
        ))}
      </ol>
    </div>
  );
}

const MarkItem = memo(function MarkItem({
  mark,
  episodeId,
  fresh,
  context,
  onSeek,
  onRate,
  onDelete,
}: {
  mark: MarkJson;
  episodeId: string;
  fresh: boolean;
  context: string;
  onSeek: (ms: number) => void;
  onRate: (mark: MarkJson, confidence: number) => void;
  onDelete: (mark: MarkJson) => void;
}) {
  const t = useT(messages);
  const ref = useRef<HTMLLIElement | null>(null);
  const time = formatTime(mark.startMs);
  useEffect(() => {
    if (fresh) ref.current?.scrollIntoView({ block: "nearest" });
  }, [fresh]);
  return (
    <li ref={ref} className={`mark-item ${mark.kind}${fresh ? " fresh" : ""}`} data-mark-id={mark.id}>
      <div className="mark-head">
        <button
          type="button"
          className="time-link mark-time"
          onMouseDown={keepFocus}
          onClick={() => onSeek(mark.startMs)}
          aria-label={t("playFrom", { time })}
        >
          {time}
        </button>
        <span className={`badge kind-${mark.kind}`}>{mark.kind === "term" ? t("term") : t("moment")}</span>
        <span className="badge">{t("passShort", { n: mark.pass })}</span>
        <button
          type="button"
          className="mark-delete"
          onClick={() => onDelete(mark)}
          aria-label={t("deleteMark", { time })}
          title={t("deleteMark", { time })}
        >
          ×
        </button>
      </div>
      {mark.kind === "term" && mark.selection ? (
        <p className="mark-term">
          “{mark.selection}”
          {mark.conceptId !== null ? (
            <>
              {" "}
              <Link href={`/episodes/${encodeURIComponent(episodeId)}/concepts/${mark.conceptId}`}>{t("learnIt")}</Link>
            </>
          ) : null}
        </p>
      ) : context ? (
        <p className="mark-context">{excerpt(context)}</p>
      ) : null}
      <fieldset className="confidence">
        <legend>{t("confidence")}</legend>
        <div className="confidence-options" title={`${t("confidenceLow")} · ${t("confidenceHigh")}`}>
          {[1, 2, 3, 4, 5].map((n) => (
            <label key={n} className={mark.confidence === n ? "checked" : undefined}>
              <input
                type="radio"
                name={`confidence-${mark.id}`}
                value={n}
                checked={mark.confidence === n}
                onChange={() => onRate(mark, n)}
                aria-label={t("confidenceLevel", { n })}
              />
              <span aria-hidden="true">{n}</span>
            </label>
          ))}
        </div>
      </fieldset>
    </li>
  );
});

function excerpt(text: string): string {
  return text.length > 110 ? `${text.slice(0, 108).trimEnd()}…` : text;
}
