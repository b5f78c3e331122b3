import { useEffect, useState } from "react";
import { Link } from "wouter";
import type { LlmSettingsResponse } from "../../../../src/server/contract/index.js";
import type { ClaimCheckRequest, ClaimCheckResponse } from "../../../../src/server/contract/quotes.js";
import { type ApiError, api } from "../../api/client.js";
import { formatTime } from "../../format.js";
import { defineMessages, useT } from "../../i18n/index.js";
import { usePlayer } from "../../player/player.js";

/** The strings of the model checks on the clashes page: claims, and quotes checked through a translation. */
export const attributionMessages = defineMessages({
  en: {
    checkClaim: "Check this claim with the model",
    checkClaimLabel: "Check {speaker}'s position on {topic} with the model",
    checkingClaim: "Asking the model…",
    claimNeedsModel: "Claims in your words can be checked with a model:",
    claimSettings: "add one in Settings",
    claimSupported: "Supported: {speaker} says this at",
    claimContradicted: "Contradicted by {speaker} at",
    claimNotFound: "Not found: the passages the model read do not settle this claim.",
    claimFailed: "The claim could not be checked: {error}",
    claimStale: "Checked before your last edit; check again.",
    unlabelled: "an unlabelled speaker",
    claimPlay: "Play the passage at {time}",
    viaTranslation: "matched through a translation: “{translation}”",
    quoteNeedsModel: "Not found: add a model to check translated quotes.",
    quoteModelFailed: "Not checked: {problem}",
  },
  "zh-CN": {
    checkClaim: "用模型核对这个观点",
    checkClaimLabel: "用模型核对 {speaker} 对“{topic}”的立场",
    checkingClaim: "正在询问模型…",
    claimNeedsModel: "用你自己的话写的观点可以用模型核对：",
    claimSettings: "在设置中添加一个模型",
    claimSupported: "有依据：{speaker} 在这里说过，位于",
    claimContradicted: "与原文相反：{speaker} 的说法，位于",
    claimNotFound: "未找到：模型读到的段落无法证实或否定这个观点。",
    claimFailed: "无法核对这个观点：{error}",
    claimStale: "这是修改之前的核对结果，请重新核对。",
    unlabelled: "未标注的说话人",
    claimPlay: "播放 {time} 处的段落",
    viaTranslation: "通过翻译匹配：“{translation}”",
    quoteNeedsModel: "未找到：添加一个模型才能核对翻译过的原话。",
    quoteModelFailed: "未核对：{problem}",
  },
});

/** Whether the library has a model, asked once per page (the settings page may change it; a reload sees that). */
let modelAsked: { at: number; answer: Promise<boolean> } | null = null;

export function useModelConfigured(): boolean | null {
  const [configured, setConfigured] = useState<boolean | null>(null);
  useEffect(() => {
    let live = true;
    if (!modelAsked || Date.now() - modelAsked.at > 15_000) {
      modelAsked = {
        at: Date.now(),
        answer: api
          .get<LlmSettingsResponse>("/api/settings/llm")
          .then((s) => s.current !== null)
          .catch(() => false),
      };
    }
    void modelAsked.answer.then((value) => {
      if (live) setConfigured(value);
    });
    return () => {
      live = false;
    };
  }, []);
  return configured;
}

interface ClaimCheckProps {
  episodeId: string;
  speaker: string;
  topic: string;
  /** The learner's words: the cell's position. */
  claim: string;
}

type ClaimState =
  | { kind: "idle" }
  | { kind: "busy" }
  | { kind: "done"; claim: string; result: ClaimCheckResponse }
  | { kind: "failed"; message: string };

/**
 * The model's check of a stance cell's position (the learner's words about a speaker): supported or
 * contradicted with the passage and its moment (a click plays it), or not found. Without a model, a
 * hint that leads to the settings page.
 */
export function ClaimCheck({ episodeId, speaker, topic, claim }: ClaimCheckProps) {
  const t = useT(attributionMessages);
  const player = usePlayer();
  const configured = useModelConfigured();
  const [state, setState] = useState<ClaimState>({ kind: "idle" });
  if (!claim.trim() || configured === null) return null;
  if (!configured) {
    return (
      <p className="claim-check muted">
        {t("claimNeedsModel")} <Link href="~/settings">{t("claimSettings")}</Link>
      </p>
    );
  }
  const check = async () => {
    setState({ kind: "busy" });
    try {
      const body: ClaimCheckRequest = { claim, speaker };
      const result = await api.post<ClaimCheckResponse>(
        `/api/episodes/${encodeURIComponent(episodeId)}/claims/check`,
        body,
      );
      setState({ kind: "done", claim, result });
    } catch (e) {
      setState({ kind: "failed", message: (e as ApiError).message });
    }
  };
  const button = (
    <button
      type="button"
      className="small claim-check-button"
      onClick={() => void check()}
      disabled={state.kind === "busy"}
      aria-label={t("checkClaimLabel", { speaker, topic })}
    >
      {state.kind === "busy" ? t("checkingClaim") : t("checkClaim")}
    </button>
  );
  if (state.kind !== "done") {
    return (
      <div className="claim-check">
        {button}
        {state.kind === "failed" ? (
          <p className="quote-check missing" role="alert">
            {t("claimFailed", { error: state.message })}
          </p>
        ) : null}
      </div>
    );
  }
  const { result } = state;
  const passage = result.passage;
  const who = passage?.speaker ?? t("unlabelled");
  const moment = passage ? (
    <button
      type="button"
      className="time-link"
      onClick={() => player.seek(passage.startMs)}
      aria-label={t("claimPlay", { time: formatTime(passage.startMs) })}
    >
      {formatTime(passage.startMs)}
    </button>
  ) : null;
  const verdictClass = result.verdict === "supported" ? "ok" : result.verdict === "contradicted" ? "wrong" : "missing";
  return (
    <div className="claim-check">
      {button}
      <div className={`quote-check claim-verdict ${verdictClass}`} role="status">
        <span aria-hidden="true">
          {result.verdict === "supported" ? "✓ " : result.verdict === "contradicted" ? "⚠ " : "✗ "}
        </span>
        {result.verdict === "supported"
          ? t("claimSupported", { speaker: who })
          : result.verdict === "contradicted"
            ? t("claimContradicted", { speaker: who })
            : t("claimNotFound")}{" "}
        {moment}
        {passage ? <blockquote className="claim-passage">“{excerpt(passage.text)}”</blockquote> : null}
        {result.explanation ? <span className="claim-explanation">{result.explanation}</span> : null}
        {state.claim !== claim ? <span className="muted"> {t("claimStale")}</span> : null}
      </div>
    </div>
  );
}

function excerpt(text: string): string {
  return text.length > 280 ? `${text.slice(0, 277)}…` : text;
}
