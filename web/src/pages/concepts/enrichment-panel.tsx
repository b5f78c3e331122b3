import { useEffect, useState } from "react";
import { Link } from "wouter";
import type {
  ConceptEnrichmentJson,
  ConceptEnrichmentResponse,
  EnrichmentEstimateJson,
  EnrichmentStartResponse,
} from "../../../../src/server/contract/index.js";
import { ApiError, api, useApi } from "../../api/client.js";
import { formatTime } from "../../format.js";
import { defineMessages, useLang, useT } from "../../i18n/index.js";
import { usePlayer } from "../../player/player.js";

const messages = defineMessages({
  en: {
    title: "Model-written notes",
    label: "Written by {model} from this episode's passages; not checked like a pack card.",
    examples: "Examples",
    questions: "Check yourself",
    keyPoints: "A good explanation says",
    watchOut: "Common mistakes",
    first: "Learn first",
    moments: "From the episode",
    offer:
      "No pack card covers this concept. The model can write an explanation, examples and check questions (in English and Chinese) from what the episode says.",
    estimateButton: "Write notes with the model…",
    estimating: "Working out the cost…",
    confirm: "This sends about {input} tokens and receives about {output}, in {calls} request(s). Cost: {cost}.",
    confirmCached: "Everything is answered already: this costs nothing.",
    start: "Write them",
    cancel: "Cancel",
    free: "free (your own server)",
    unknownCost: "unknown (no price on record for this model)",
    priced: "about {usd} (prices of {date})",
    running: "Writing… {step} ({pct}%)",
    queued: "Waiting to start…",
    failed: "The model could not write the notes: {error}",
    skipped: "The last attempt was skipped: {reason}",
    offline: "Writing notes needs a model. {problem}",
    settings: "Open Settings",
    playAt: "Play from {time}",
  },
  "zh-CN": {
    title: "模型撰写的笔记",
    label: "由 {model} 根据本期节目的片段撰写；未像知识卡片那样经过核对。",
    examples: "例子",
    questions: "自我检查",
    keyPoints: "好的解释应包含",
    watchOut: "常见误解",
    first: "先学",
    moments: "节目原文",
    offer: "知识包里没有这个概念。模型可以根据节目内容写出解释、例子和自测问题（中英文）。",
    estimateButton: "用模型撰写笔记…",
    estimating: "正在估算费用…",
    confirm: "将发送约 {input} 个词元，接收约 {output} 个（{calls} 次请求）。费用：{cost}。",
    confirmCached: "所有内容都已缓存：不产生费用。",
    start: "开始撰写",
    cancel: "取消",
    free: "免费（你自己的服务器）",
    unknownCost: "未知（没有这个模型的价格记录）",
    priced: "约 {usd}（{date} 的价格）",
    running: "正在撰写… {step}（{pct}%）",
    queued: "等待开始…",
    failed: "模型没能写出笔记：{error}",
    skipped: "上次被跳过：{reason}",
    offline: "撰写笔记需要一个模型。{problem}",
    settings: "打开设置",
    playAt: "从 {time} 播放",
  },
});

/**
 * Beside the pack card on the concept page: the model-written material for a concept without a
 * pack entry, clearly labelled, or the offer to write it, with the token and cost estimate shown
 * before anything is sent. Without a model it says what to configure.
 */
export function EnrichmentPanel({ episodeId, conceptId }: { episodeId: string; conceptId: number }) {
  const t = useT(messages);
  const { lang } = useLang();
  const language = lang === "zh-CN" ? "zh" : "en";
  const base = `/api/episodes/${encodeURIComponent(episodeId)}`;
  const { data, reload } = useApi<ConceptEnrichmentResponse>(
    `${base}/concepts/${conceptId}/enrichment?lang=${language}`,
  );
  const [estimate, setEstimate] = useState<EnrichmentEstimateJson | "loading" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [started, setStarted] = useState(false);
  const job = data?.job ?? null;
  const active = job !== null && (job.state === "queued" || job.state === "running");

  useEffect(() => {
    if (!active) return;
    const timer = setInterval(reload, 1000);
    return () => clearInterval(timer);
  }, [active, reload]);

  if (!data || String(data.conceptId) !== String(conceptId)) return null;
  if (data.material) return <Material material={data.material} />;
  if (data.hasPack) return null;

  if (!data.mode.online) {
    return (
      <section className="card enrichment-card" aria-labelledby="enrich-title">
        <h3 id="enrich-title">{t("title")}</h3>
        <p className="notice">{t("offline", { problem: data.mode.problem ?? "" })}</p>
        <Link href="~/settings">{t("settings")}</Link>
      </section>
    );
  }

  const askEstimate = async () => {
    setError(null);
    setEstimate("loading");
    try {
      setEstimate(await api.get<EnrichmentEstimateJson>(`${base}/enrichment/estimate?conceptId=${conceptId}`));
    } catch (e) {
      setEstimate(null);
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };
  const start = async () => {
    setError(null);
    try {
      await api.post<EnrichmentStartResponse>(`${base}/enrichment`, { conceptIds: [conceptId] });
      setEstimate(null);
      setStarted(true);
      reload();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };
  const cost = (e: EnrichmentEstimateJson) =>
    e.priceKind === "local"
      ? t("free")
      : e.costUsd === null
        ? t("unknownCost")
        : t("priced", { usd: `$${e.costUsd.toFixed(e.costUsd >= 0.01 ? 3 : 4)}`, date: e.priceAsOf ?? "" });

  return (
    <section className="card enrichment-card" aria-labelledby="enrich-title">
      <h3 id="enrich-title">{t("title")}</h3>
      {active ? (
        <p role="status">
          {job.state === "queued" ? t("queued") : t("running", { step: job.step, pct: Math.round(job.progress * 100) })}
        </p>
      ) : (
        <>
          <p className="muted">{t("offer")}</p>
          {job?.state === "failed" && started ? (
            <p className="notice" role="alert">
              {t("failed", { error: job.error ?? "" })}
            </p>
          ) : data.skipped ? (
            <p className="notice">{t("skipped", { reason: data.skipped })}</p>
          ) : null}
          {estimate === null ? (
            <button type="button" onClick={askEstimate}>
              {t("estimateButton")}
            </button>
          ) : estimate === "loading" ? (
            <p role="status">{t("estimating")}</p>
          ) : (
            <fieldset className="enrich-confirm">
              <p>
                {estimate.calls === 0
                  ? t("confirmCached")
                  : t("confirm", {
                      input: estimate.inputTokens.toLocaleString(lang),
                      output: estimate.outputTokens.toLocaleString(lang),
                      calls: estimate.calls,
                      cost: cost(estimate),
                    })}
              </p>
              <button type="button" onClick={start}>
                {t("start")}
              </button>{" "}
              <button type="button" onClick={() => setEstimate(null)}>
                {t("cancel")}
              </button>
            </fieldset>
          )}
        </>
      )}
      {error ? (
        <p className="notice" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}

function Material({ material }: { material: ConceptEnrichmentJson }) {
  const t = useT(messages);
  const player = usePlayer();
  const list = (title: string, items: string[], ordered = false) =>
    items.length ? (
      <>
        <h4>{title}</h4>
        {ordered ? (
          <ol>
            {items.map((i) => (
              <li key={i}>{i}</li>
            ))}
          </ol>
        ) : (
          <ul>
            {items.map((i) => (
              <li key={i}>{i}</li>
            ))}
          </ul>
        )}
      </>
    ) : null;
  return (
    <section className="card enrichment-card" aria-labelledby="enrich-title" data-model-written="true">
      <h3 id="enrich-title">{t("title")}</h3>
      <p className="muted model-label">{t("label", { model: `${material.provider} · ${material.model}` })}</p>
      <p>{material.explanation}</p>
      {list(t("examples"), material.examples)}
      {list(t("questions"), material.checkQuestions, true)}
      {list(
        t("keyPoints"),
        material.keyPoints.map((k) => k.point),
      )}
      {list(
        t("watchOut"),
        material.misconceptions.map((m) => m.description),
      )}
      {list(t("first"), material.prerequisites)}
      {material.moments.length ? (
        <p>
          {t("moments")}:{" "}
          {material.moments.map((m) => (
            <button
              type="button"
              key={m.segmentId}
              className="time-link"
              onClick={() => player.seek(m.startMs)}
              aria-label={t("playAt", { time: formatTime(m.startMs) })}
            >
              {formatTime(m.startMs)}
            </button>
          ))}
        </p>
      ) : null}
    </section>
  );
}
