import type { EpisodeEnrichmentResponse } from "../../../../src/server/contract/index.js";
import { useApi } from "../../api/client.js";
import { formatTime } from "../../format.js";
import { defineMessages, useT } from "../../i18n/index.js";

const messages = defineMessages({
  en: {
    title: "Chapter summaries",
    by: "written by the model ({model}), not checked",
    playAt: "Play chapter “{title}” from {time}",
    now: "now playing",
  },
  "zh-CN": {
    title: "章节摘要",
    by: "由模型（{model}）撰写，未经核对",
    playAt: "从 {time} 播放章节“{title}”",
    now: "正在播放",
  },
});

/**
 * On the listen page, under the toolbar: the chapter summaries enrichment wrote, folded by default
 * and labelled as the model's, the chapter playing now marked. Nothing shows before enrichment.
 */
export function ChapterSummaries({
  episodeId,
  currentMs,
  onSeek,
}: {
  episodeId: string;
  currentMs: number;
  onSeek: (ms: number) => void;
}) {
  const t = useT(messages);
  const { data } = useApi<EpisodeEnrichmentResponse>(`/api/episodes/${encodeURIComponent(episodeId)}/enrichment`);
  const record = data?.record;
  if (!record || record.chapters.length === 0) return null;
  const chapters = [...record.chapters].sort((a, b) => a.startMs - b.startMs);
  let current = -1;
  chapters.forEach((c, i) => {
    if (c.startMs <= currentMs) current = i;
  });
  return (
    <details className="chapter-summaries" data-model-written="true" style={{ margin: "0.4rem 0" }}>
      <summary>
        {t("title")}{" "}
        <span className="muted model-label">· {t("by", { model: `${record.provider} · ${record.model}` })}</span>
      </summary>
      <ol style={{ maxHeight: "16rem", overflowY: "auto", margin: "0.4rem 0 0", paddingLeft: "1.4rem" }}>
        {chapters.map((c, i) => (
          <li
            key={`${c.startMs}-${c.title}`}
            aria-current={i === current ? "true" : undefined}
            style={{ marginBottom: "0.4rem", fontWeight: i === current ? 600 : undefined }}
          >
            <button
              type="button"
              className="time-link"
              onClick={() => onSeek(c.startMs)}
              aria-label={t("playAt", { title: c.title, time: formatTime(c.startMs) })}
            >
              {formatTime(c.startMs)}
            </button>{" "}
            <span className="chapter-summary-title">{c.title}</span>
            {i === current ? <span className="muted"> · {t("now")}</span> : null}
            <p className="chapter-summary-text" style={{ margin: "0.1rem 0 0", fontWeight: 400 }}>
              {c.summary}
            </p>
          </li>
        ))}
      </ol>
    </details>
  );
}
