import { useCallback, useEffect, useState } from "react";
import { Link } from "wouter";
import type {
  EnrichmentEstimateJson,
  EnrichmentStartResponse,
  EpisodeEnrichmentResponse,
  JobJson,
  JobsResponse,
} from "../../../../src/server/contract/index.js";
import { ApiError, api, useApi } from "../../api/client.js";
import { ProgressBar } from "../../components/progress-bar.js";
import { defineMessages, type Translate, useLang, useT } from "../../i18n/index.js";

const messages = defineMessages({
  en: {
    title: "Enrich this episode with the model",
    offer:
      "The model can write chapter summaries, notes on the concepts no pack card covers (in English and Chinese), a draft of the stance table and a refined mind map. You see what it costs before anything is sent.",
    estimateButton: "Enrich this episode with the model…",
    againButton: "Enrich again…",
    estimating: "Working out the cost…",
    confirm:
      "This sends about {input} tokens and receives about {output}, in {calls} request(s) over {parts} part(s) of the transcript, with notes for {concepts} concept(s). Cost: {cost}.",
    confirmCached: "Everything is answered already: this costs nothing.",
    cachedToo: "{n} answer(s) are already cached and cost nothing.",
    start: "Enrich it",
    cancel: "Cancel",
    free: "free (local server)",
    unknownCost: "unknown (no price on record for this model)",
    priced: "about {usd} (prices of {date})",
    progress: "Enrichment progress",
    queued: "Waiting to start…",
    running: "{step} ({pct}%)",
    failed: "The enrichment stopped: {error}",
    offline:
      "Enrichment needs a model: choose one on the Settings page. A local server (Ollama, llama.cpp) works and costs nothing.",
    settings: "Open Settings",
    written: "Written by {model} on {date}:",
    chapters: "{n} chapter summaries",
    chaptersWhere: "on the Listen page",
    notes: "notes on {n} concept(s)",
    notesWhere: "on each concept's page",
    stances: "a stance table draft with {n} topic(s)",
    stancesWhere: "on the Clashes page",
    map: "a refined mind map",
    mapWhere: "on the Mind map page",
    noMap: "no refined mind map",
    spent: "Tokens so far: {input} sent, {output} received. Cost: {cost}.",
    skipped: "{n} concept(s) skipped",
    problems: "What could not be done",
    modelWritten: "All of this is written by the model, not checked like a pack card.",
    "step.reading": "Reading part {n} of {total}",
    "step.writing": "Writing notes on {names}",
    "step.stances": "Grouping the speakers' claims",
    "step.map": "Refining the mind map",
    "step.done": "Done",
  },
  "zh-CN": {
    title: "用模型充实这一集",
    offer:
      "模型可以撰写章节摘要、为知识包未覆盖的概念写笔记（中英文）、起草观点表，并完善思维导图。发送任何内容之前，你会先看到费用。",
    estimateButton: "用模型充实这一集…",
    againButton: "再次充实…",
    estimating: "正在估算费用…",
    confirm:
      "将发送约 {input} 个词元，接收约 {output} 个，共 {calls} 次请求，覆盖文字稿的 {parts} 个部分，为 {concepts} 个概念写笔记。费用：{cost}。",
    confirmCached: "所有内容都已缓存：不产生费用。",
    cachedToo: "其中 {n} 个回答已缓存，不产生费用。",
    start: "开始充实",
    cancel: "取消",
    free: "免费（本地服务器）",
    unknownCost: "未知（没有这个模型的价格记录）",
    priced: "约 {usd}（{date} 的价格）",
    progress: "充实进度",
    queued: "等待开始…",
    running: "{step}（{pct}%）",
    failed: "充实中断了：{error}",
    offline: "充实需要一个模型：请在设置页选择一个。本地服务器（Ollama、llama.cpp）也可以，而且免费。",
    settings: "打开设置",
    written: "由 {model} 于 {date} 撰写：",
    chapters: "{n} 个章节摘要",
    chaptersWhere: "见收听页",
    notes: "{n} 个概念的笔记",
    notesWhere: "见各概念页",
    stances: "含 {n} 个话题的观点表草稿",
    stancesWhere: "见观点交锋页",
    map: "一张完善后的思维导图",
    mapWhere: "见思维导图页",
    noMap: "没有完善后的思维导图",
    spent: "累计词元：发送 {input}，接收 {output}。费用：{cost}。",
    skipped: "跳过了 {n} 个概念",
    problems: "未能完成的部分",
    modelWritten: "以上内容均由模型撰写，未像知识卡片那样经过核对。",
    "step.reading": "正在阅读第 {n} 部分（共 {total} 部分）",
    "step.writing": "正在为 {names} 写笔记",
    "step.stances": "正在归纳说话人的观点",
    "step.map": "正在完善思维导图",
    "step.done": "完成",
  },
});
type Key = keyof (typeof messages)["en"];

/** The job's step (the server's English) in the learner's language. */
export function stepText(t: Translate<Key>, step: string): string {
  const reading = /^reading part (\d+) of (\d+)$/.exec(step);
  if (reading) return t("step.reading", { n: reading[1] ?? "", total: reading[2] ?? "" });
  const writing = /^writing (.+)$/.exec(step);
  if (writing) return t("step.writing", { names: writing[1] ?? "" });
  if (step === "grouping the speakers' claims") return t("step.stances");
  if (step === "refining the mind map") return t("step.map");
  if (step === "done") return t("step.done");
  return step;
}

const isActive = (job: JobJson | null): job is JobJson =>
  job !== null && (job.state === "queued" || job.state === "running");

/**
 * On the concepts page: enrichment of the whole episode. The estimate (tokens, requests, cost)
 * comes first and nothing is sent until the learner confirms; then the job's progress, then what
 * was written and where to find it. Without a model it says what to configure.
 */
export function EnrichEpisode({ episodeId }: { episodeId: string }) {
  const t = useT(messages);
  const { lang } = useLang();
  const base = `/api/episodes/${encodeURIComponent(episodeId)}`;
  const page = `/episodes/${encodeURIComponent(episodeId)}`;
  const { data, reload } = useApi<EpisodeEnrichmentResponse>(`${base}/enrichment`);
  const [estimate, setEstimate] = useState<EnrichmentEstimateJson | "loading" | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The job as last polled; before the first poll, the one the server reported.
  const [polled, setPolled] = useState<JobJson | null>(null);
  const job = polled ?? data?.job ?? null;
  const active = isActive(job);
  const jobId = job?.id ?? null;

  const poll = useCallback(async () => {
    try {
      const { jobs } = await api.get<JobsResponse>(`/api/jobs?episode=${encodeURIComponent(episodeId)}`);
      const now = jobs.find((j) => j.id === jobId) ?? null;
      if (!now) return;
      setPolled(now);
      if (!isActive(now)) reload();
    } catch {
      // The next tick tries again; the bar just stands still meanwhile.
    }
  }, [episodeId, jobId, reload]);

  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => void poll(), 1000);
    return () => clearInterval(timer);
  }, [active, poll]);

  if (!data) return null;
  const number = (n: number) => n.toLocaleString(lang);
  const cost = (usd: number | null, kind: EnrichmentEstimateJson["priceKind"], asOf: string | null) =>
    kind === "local" || usd === 0
      ? t("free")
      : usd === null
        ? t("unknownCost")
        : t("priced", { usd: `$${usd.toFixed(usd >= 0.01 ? 3 : 4)}`, date: asOf ?? "" });

  if (!data.mode.online) {
    return (
      <section className="card enrich-episode" aria-labelledby="enrich-episode-title" style={{ margin: "1rem 0" }}>
        <h3 id="enrich-episode-title">{t("title")}</h3>
        <p className="notice">{t("offline")}</p>
        {/* The server's own sentence when it says more than "no model" (a missing key, a bad setting). */}
        {data.mode.problem && !data.mode.problem.startsWith("enrichment needs a model") ? (
          <p className="muted">{data.mode.problem}</p>
        ) : null}
        <Link href="~/settings">{t("settings")}</Link>
      </section>
    );
  }

  const askEstimate = async () => {
    setError(null);
    setEstimate("loading");
    try {
      setEstimate(await api.get<EnrichmentEstimateJson>(`${base}/enrichment/estimate`));
    } catch (e) {
      setEstimate(null);
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };
  const start = async () => {
    setError(null);
    try {
      const started = await api.post<EnrichmentStartResponse>(`${base}/enrichment`, {});
      setEstimate(null);
      setPolled(started.job);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };

  const record = data.record;
  const notes = record?.concepts.filter((c) => c.status !== "skipped").length ?? 0;
  const skipped = record?.concepts.filter((c) => c.status === "skipped") ?? [];
  // A failure shows until a later run succeeds (the record is then newer than the job).
  const failed = job?.state === "failed" && !(record && record.updatedAt > job.updatedAt) ? job : null;

  return (
    <section className="card enrich-episode" aria-labelledby="enrich-episode-title" style={{ margin: "1rem 0" }}>
      <h3 id="enrich-episode-title">{t("title")}</h3>
      {record && !active ? (
        <div className="enrich-summary" data-model-written="true">
          <p className="model-label">
            {t("written", {
              model: `${record.provider} · ${record.model}`,
              date: new Date(record.updatedAt).toLocaleString(lang),
            })}
          </p>
          <ul>
            <li>
              {t("chapters", { n: record.chapters.length })} · <Link href={`~${page}`}>{t("chaptersWhere")}</Link>
            </li>
            <li>
              {t("notes", { n: notes })} <span className="muted">({t("notesWhere")})</span>
            </li>
            <li>
              {t("stances", { n: record.stances.length })} · <Link href={`~${page}/clashes`}>{t("stancesWhere")}</Link>
            </li>
            <li>
              {record.hasMindMap ? (
                <>
                  {t("map")} · <Link href={`~${page}/map`}>{t("mapWhere")}</Link>
                </>
              ) : (
                t("noMap")
              )}
            </li>
          </ul>
          <p className="muted">
            {t("spent", {
              input: number(record.tokens.input),
              output: number(record.tokens.output),
              cost: cost(record.costUsd, "priced", null),
            })}{" "}
            {t("modelWritten")}
          </p>
          {skipped.length > 0 ? (
            <details>
              <summary>{t("skipped", { n: skipped.length })}</summary>
              <ul>
                {skipped.map((c) => (
                  <li key={c.conceptId}>
                    {c.name}: <span className="muted">{c.reason}</span>
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
          {record.problems.length > 0 ? (
            <details open>
              <summary>{t("problems")}</summary>
              <ul>
                {record.problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </details>
          ) : null}
        </div>
      ) : null}
      {active ? (
        <div className="enrich-progress">
          <ProgressBar value={job.progress} label={t("progress")} />
          <p role="status">
            {job.state === "queued"
              ? t("queued")
              : t("running", { step: stepText(t, job.step), pct: Math.round(job.progress * 100) })}
          </p>
        </div>
      ) : (
        <>
          {record ? null : <p className="muted">{t("offer")}</p>}
          {failed ? (
            <p className="error" role="alert">
              {t("failed", { error: failed.error ?? "" })}
            </p>
          ) : null}
          {estimate === null ? (
            <button type="button" onClick={() => void askEstimate()}>
              {record ? t("againButton") : t("estimateButton")}
            </button>
          ) : estimate === "loading" ? (
            <p role="status">{t("estimating")}</p>
          ) : (
            <fieldset className="enrich-confirm">
              <p>
                {estimate.calls === 0
                  ? t("confirmCached")
                  : t("confirm", {
                      input: number(estimate.inputTokens),
                      output: number(estimate.outputTokens),
                      calls: estimate.calls,
                      parts: estimate.parts,
                      concepts: estimate.concepts.length,
                      cost: cost(estimate.costUsd, estimate.priceKind, estimate.priceAsOf),
                    })}
                {estimate.calls > 0 && estimate.cachedCalls > 0
                  ? ` ${t("cachedToo", { n: estimate.cachedCalls })}`
                  : ""}
              </p>
              <button type="button" className="primary" onClick={() => void start()}>
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
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
