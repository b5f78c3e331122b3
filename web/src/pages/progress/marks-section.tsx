import { Link } from "wouter";
import type { MarkJson, ProgressResponse } from "../../../../src/server/contract/index.js";
import { TimelineChart, type TimelineMark } from "../../components/charts/timeline-chart.js";
import { formatTime } from "../../format.js";
import { usePlayer } from "../../player/player.js";
import type { ProgressT } from "./messages.js";

/** What a mark is about, in a few words: the marked term, its concept, or "a moment". */
function markSubject(mark: MarkJson, t: ProgressT): string {
  return mark.selection ?? mark.conceptName ?? mark.note ?? t("momentMark");
}

/** The episode's timeline per pass: what was listened to, and the marks (choosing one plays from it). */
export function MarksSection({ data, episodeId, t }: { data: ProgressResponse; episodeId: string; t: ProgressT }) {
  const player = usePlayer();
  const listened = data.passes.some((p) => p.stretches.length > 0);
  const describe = (m: MarkJson) =>
    t("markLabel", { time: formatTime(m.startMs), pass: m.pass, what: markSubject(m, t) });
  const play = (ms: number) => player.seek(ms, true);
  return (
    <section className="card progress-section" aria-labelledby="marks-title">
      <h2 id="marks-title">{t("marksTitle")}</h2>
      {data.marks.length === 0 ? (
        <>
          <p className="empty-state">{t("marksEmpty")}</p>
          <Link href={`~/episodes/${encodeURIComponent(episodeId)}`}>{t("openListen")}</Link>
        </>
      ) : (
        <p className="muted">{t("marksIntro")}</p>
      )}
      {data.marks.length > 0 || listened ? (
        <TimelineChart
          durationMs={data.durationMs}
          summary={t("timelineSummary")}
          formatTime={formatTime}
          onSelect={(m: TimelineMark) => play(m.ms)}
          rows={data.passes.map((p) => ({
            key: `pass-${p.pass}`,
            label: t("passRow", { n: p.pass }),
            stretches: p.stretches,
            marks: data.marks
              .filter((m) => m.pass === p.pass)
              .map((m) => ({ id: m.id, ms: m.startMs, label: describe(m), kind: m.kind })),
          }))}
        />
      ) : null}
      {data.marks.length > 0 ? (
        <ol className="mark-list">
          {data.marks.map((m) => (
            <li key={m.id}>
              <button
                type="button"
                className="time-link"
                onClick={() => play(m.startMs)}
                aria-label={t("playFrom", { time: formatTime(m.startMs) })}
              >
                {formatTime(m.startMs)}
              </button>
              <span className={`badge pass-badge pass-${m.pass}`}>{t("passRow", { n: m.pass })}</span>
              <span className={m.kind === "term" ? "mark-term" : "mark-moment"}>{markSubject(m, t)}</span>
              {m.confidence !== null ? (
                <span className="muted">{t("confidenceShort", { c: m.confidence })}</span>
              ) : null}
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}
