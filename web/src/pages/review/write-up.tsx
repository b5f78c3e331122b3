import { type FormEvent, useState } from "react";
import type { InsightResponse, InsightsResponse } from "../../../../src/server/contract/index.js";
import { type ApiError, api, useApi } from "../../api/client.js";
import { ErrorMessage } from "../../components/error-message.js";
import { formatTime } from "../../format.js";
import { useLang, useT } from "../../i18n/index.js";
import { reviewMessages } from "./review-messages.js";

/** "What changed in my thinking" for one episode: the list, a box to add one, delete. */
export function Insights({ episodeId }: { episodeId: string }) {
  const t = useT(reviewMessages);
  const path = `/api/episodes/${encodeURIComponent(episodeId)}/insights`;
  const insights = useApi<InsightsResponse>(path);
  const [text, setText] = useState("");
  const [error, setError] = useState<ApiError | null>(null);

  const add = async (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return;
    try {
      const { insight } = await api.post<InsightResponse>(path, { text });
      insights.setData((old) => ({ insights: [...(old?.insights ?? []), insight] }));
      setText("");
      setError(null);
    } catch (err) {
      setError(err as ApiError);
    }
  };
  const remove = async (id: number) => {
    try {
      await api.del(`${path}/${id}`);
      insights.setData((old) => ({ insights: (old?.insights ?? []).filter((i) => i.id !== id) }));
    } catch (err) {
      setError(err as ApiError);
    }
  };

  return (
    <section className="card review-side" aria-labelledby="insights-title">
      <h2 id="insights-title">{t("insights")}</h2>
      <ErrorMessage error={insights.error ?? error} />
      {insights.data && insights.data.insights.length === 0 ? <p className="muted">{t("insightsNone")}</p> : null}
      <ul className="insight-list">
        {(insights.data?.insights ?? []).map((i) => (
          <li key={i.id}>
            <p>{i.text}</p>
            <span className="muted">
              {[...i.concepts.map((c) => c.name), ...i.moments.map((m) => formatTime(m.startMs))].join(" · ")}
            </span>
            <button type="button" className="link-button" onClick={() => remove(i.id)}>
              {t("insightDelete")}
            </button>
          </li>
        ))}
      </ul>
      <form onSubmit={add} className="insight-form">
        <label>
          <span>{t("insightLabel")}</span>
          <textarea
            rows={3}
            value={text}
            placeholder={t("insightPlaceholder")}
            onChange={(e) => setText(e.target.value)}
          />
        </label>
        <button type="submit" disabled={!text.trim()}>
          {t("insightAdd")}
        </button>
      </form>
    </section>
  );
}

/** The blog post of an episode as Markdown: a preview on demand and a download link. */
export function WriteUpPreview({ episodeId }: { episodeId: string }) {
  const t = useT(reviewMessages);
  const { lang } = useLang();
  const [markdown, setMarkdown] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const href = `/api/episodes/${encodeURIComponent(episodeId)}/post.md?lang=${lang === "zh-CN" ? "zh" : "en"}`;

  const toggle = async () => {
    if (markdown !== null) {
      setMarkdown(null);
      return;
    }
    try {
      const res = await fetch(href, { credentials: "same-origin" });
      if (!res.ok) throw new Error((await res.json().catch(() => null))?.error ?? `the server answered ${res.status}`);
      setMarkdown(await res.text());
      setError(null);
    } catch (err) {
      setError(err as Error);
    }
  };

  return (
    <section className="card review-side" aria-labelledby="write-up-title">
      <h2 id="write-up-title">{t("writeUp")}</h2>
      <p className="muted">{t("writeUpIntro")}</p>
      <div className="write-up-actions">
        <button type="button" onClick={toggle}>
          {markdown === null ? t("preview") : t("hidePreview")}
        </button>
        <a href={href} download="post.md">
          {t("download")}
        </a>
      </div>
      <ErrorMessage error={error} />
      {markdown !== null ? <pre className="write-up-preview">{markdown}</pre> : null}
    </section>
  );
}
