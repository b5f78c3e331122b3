import { type FormEvent, useCallback, useEffect, useState } from "react";
import { Link } from "wouter";
import type { InsightResponse, InsightsResponse } from "../../../../src/server/contract/index.js";
import type { LearnerQuoteJson, QuotePlaceJson, QuotesResponse } from "../../../../src/server/contract/quotes.js";
import { type ApiError, api, useApi } from "../../api/client.js";
import { ErrorMessage } from "../../components/error-message.js";
import { formatTime } from "../../format.js";
import { defineMessages, type Translate, useLang, useT } from "../../i18n/index.js";
import { reviewMessages } from "./review-messages.js";

/** The strings of the write-up's quote list, in English and Chinese. */
const quoteMessages = defineMessages({
  en: {
    title: "Quotes to check before publishing ({n})",
    allGood: "Every quote in your work is backed by the transcript or accepted.",
    none: "No quotes in your work yet.",
    intro:
      "The transcript does not back these as you credit them. Fix each where you wrote it, or accept it as it is (a paraphrase you stand by, a deliberate attribution): the post lists them at its top until then.",
    wrong: "credited to {credited}, but the transcript has {correct} saying it at {time}",
    missing: "not found in the transcript (closest passage {pct}%)",
    missingCredited: "credited to {credited}, not found in the transcript (closest passage {pct}%)",
    fix: "Fix it",
    accept: "Accept as it is",
    acceptLabel: "Accept “{quote}” as it is",
    accepted: "Accepted ({n})",
    undo: "Undo",
    undoLabel: "Undo accepting “{quote}”",
    stance: "stance table: {topic}",
    position: "position of {speaker}: {topic}",
    synthesis: "my take: {topic}",
    insight: "insight",
    mark: "note of the mark at {time}",
    map: "map node: {title}",
  },
  "zh-CN": {
    title: "发布前需要核对的引语（{n}）",
    allGood: "你作品中的每条引语都已在文字稿中得到证实，或已确认保留。",
    none: "你的作品中还没有引语。",
    intro:
      "文字稿不支持你对这些引语的归属。请在原处改正，或确认保留（你坚持的意译、有意的归属）：在此之前，文章开头会列出它们。",
    wrong: "记在 {credited} 名下，但文字稿中说这句话的是 {correct}（{time}）",
    missing: "文字稿中找不到（最接近的段落相似度 {pct}%）",
    missingCredited: "记在 {credited} 名下，但文字稿中找不到（最接近的段落相似度 {pct}%）",
    fix: "去改正",
    accept: "确认保留",
    acceptLabel: "确认保留“{quote}”",
    accepted: "已确认保留（{n}）",
    undo: "撤销",
    undoLabel: "撤销确认“{quote}”",
    stance: "立场表：{topic}",
    position: "{speaker} 的立场：{topic}",
    synthesis: "我的看法：{topic}",
    insight: "感想",
    mark: "{time} 处标记的笔记",
    map: "导图节点：{title}",
  },
});

/** Sent when an insight is added or deleted: its quotations join or leave the quotes to check. */
const INSIGHTS_CHANGED = "deeplisten:insights-changed";

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
      window.dispatchEvent(new Event(INSIGHTS_CHANGED));
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
      window.dispatchEvent(new Event(INSIGHTS_CHANGED));
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

/**
 * The blog post of an episode as Markdown: the quotes to check before publishing (each with a way
 * to fix or accept it), a preview on demand and a download link.
 */
export function WriteUpPreview({ episodeId }: { episodeId: string }) {
  const t = useT(reviewMessages);
  const { lang } = useLang();
  const [markdown, setMarkdown] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const href = `/api/episodes/${encodeURIComponent(episodeId)}/post.md?lang=${lang === "zh-CN" ? "zh" : "en"}`;

  const load = useCallback(async () => {
    try {
      const res = await fetch(href, { credentials: "same-origin" });
      if (!res.ok) throw new Error((await res.json().catch(() => null))?.error ?? `the server answered ${res.status}`);
      setMarkdown(await res.text());
      setError(null);
    } catch (err) {
      setError(err as Error);
    }
  }, [href]);
  const toggle = async () => {
    if (markdown !== null) setMarkdown(null);
    else await load();
  };

  return (
    <section className="card review-side" aria-labelledby="write-up-title">
      <h2 id="write-up-title">{t("writeUp")}</h2>
      <p className="muted">{t("writeUpIntro")}</p>
      <QuoteList episodeId={episodeId} onChange={() => (markdown !== null ? void load() : undefined)} />
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

/** The quotes of the learner's work the transcript does not back as credited: fix or accept each. */
function QuoteList({ episodeId, onChange }: { episodeId: string; onChange: () => void }) {
  const t = useT(quoteMessages);
  const path = `/api/episodes/${encodeURIComponent(episodeId)}/quotes`;
  const quotes = useApi<QuotesResponse>(path);
  const [error, setError] = useState<ApiError | null>(null);
  const { reload } = quotes;
  useEffect(() => {
    window.addEventListener(INSIGHTS_CHANGED, reload);
    return () => window.removeEventListener(INSIGHTS_CHANGED, reload);
  }, [reload]);
  const change = async (action: "accept" | "unaccept", q: LearnerQuoteJson) => {
    try {
      quotes.setData(await api.post<QuotesResponse>(`${path}/${action}`, { quote: q.quote, speaker: q.credited }));
      setError(null);
      onChange();
    } catch (err) {
      setError(err as ApiError);
    }
  };
  if (!quotes.data) return <ErrorMessage error={quotes.error} />;
  const flagged = quotes.data.quotes.filter((q) => q.status === "flagged");
  const accepted = quotes.data.quotes.filter((q) => q.status === "accepted");
  const episodePath = `/episodes/${encodeURIComponent(episodeId)}`;
  const short = (quote: string) => (quote.length > 60 ? `${quote.slice(0, 57)}…` : quote);
  return (
    <section className="quote-list" aria-labelledby="quote-list-title">
      <h3 id="quote-list-title">{t("title", { n: flagged.length })}</h3>
      <ErrorMessage error={error} />
      {quotes.data.quotes.length === 0 ? <p className="muted">{t("none")}</p> : null}
      {quotes.data.quotes.length > 0 && flagged.length === 0 ? <p className="quote-list-ok">✓ {t("allGood")}</p> : null}
      {flagged.length > 0 ? <p className="muted">{t("intro")}</p> : null}
      <ul>
        {flagged.map((q) => (
          <li key={q.id} className="quote-flagged">
            <q>{q.quote}</q> <span className="muted">({placeLabel(q.place, t)})</span>
            <br />
            <span className={q.check.verdict === "wrong-speaker" ? "quote-wrong" : "quote-missing"}>
              {q.check.verdict === "wrong-speaker"
                ? t("wrong", {
                    credited: q.credited ?? "",
                    correct: q.check.correctSpeaker ?? "",
                    time: formatTime(q.check.startMs ?? 0),
                  })
                : t(q.credited ? "missingCredited" : "missing", {
                    credited: q.credited ?? "",
                    pct: Math.round(q.check.similarity * 100),
                  })}
            </span>{" "}
            {q.place.kind === "insight" ? (
              <a href="#insights-title">{t("fix")}</a>
            ) : (
              <Link href={fixPath(episodePath, q.place)}>{t("fix")}</Link>
            )}{" "}
            <button
              type="button"
              className="link-button"
              onClick={() => void change("accept", q)}
              aria-label={t("acceptLabel", { quote: short(q.quote) })}
            >
              {t("accept")}
            </button>
          </li>
        ))}
      </ul>
      {accepted.length > 0 ? (
        <details>
          <summary>{t("accepted", { n: accepted.length })}</summary>
          <ul>
            {accepted.map((q) => (
              <li key={q.id}>
                <q>{q.quote}</q> <span className="muted">({placeLabel(q.place, t)})</span>{" "}
                <button
                  type="button"
                  className="link-button"
                  onClick={() => void change("unaccept", q)}
                  aria-label={t("undoLabel", { quote: short(q.quote) })}
                >
                  {t("undo")}
                </button>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}

type QuoteT = Translate<keyof (typeof quoteMessages)["en"]>;

function placeLabel(place: QuotePlaceJson, t: QuoteT): string {
  switch (place.kind) {
    case "stance":
      return t("stance", { topic: place.topic });
    case "stance-position":
      return t("position", { speaker: place.speaker, topic: place.topic });
    case "synthesis":
      return t("synthesis", { topic: place.topic });
    case "insight":
      return t("insight");
    case "mark":
      return t("mark", { time: formatTime(place.startMs) });
    case "map":
      return t("map", { title: place.title });
  }
}

/** Where the learner fixes a quote: the clashes page for the stance table, the map page, or the listen page for a mark. */
function fixPath(episodePath: string, place: QuotePlaceJson): string {
  if (place.kind === "map") return `${episodePath}/map`;
  if (place.kind === "mark" || place.kind === "insight") return episodePath;
  return `${episodePath}/clashes`;
}
