import { useState } from "react";
import { Link } from "wouter";
import type { TranscriptionJson } from "../../../../src/server/contract/index.js";
import { type ApiError, api } from "../../api/client.js";
import { ErrorMessage } from "../../components/error-message.js";
import { ProgressBar } from "../../components/progress-bar.js";
import { defineMessages, useT } from "../../i18n/index.js";

const messages = defineMessages({
  en: {
    heading: "Transcribing",
    waiting: "Waiting to start…",
    preparing: "Reading the audio…",
    downloading: "Downloading the audio…",
    listening: "Listening for pauses to cut the audio at…",
    transcribing: "Transcribing: {done} of {total} chunks",
    resumed: " ({n} from the last attempt)",
    saving: "Saving the transcript…",
    timeLeft: "about {n} min left",
    timeLeftHours: "about {n} h left",
    lessThanMinute: "less than a minute left",
    barLabel: "Transcription of {name}",
    failed: "The transcription of {name} failed.",
    noRecogniser:
      "No speech recogniser is configured, so {name} cannot be transcribed. Configure one (a transcription server or a local model), then try again:",
    configure: "Set up speech recognition",
    tryAgain: "Try again",
    tryAgainResume: "Try again (keeps the {n} chunks done)",
    remove: "Remove",
    done: "{name} is transcribed.",
    open: "Open it",
  },
  "zh-CN": {
    heading: "正在转写",
    waiting: "等待开始…",
    preparing: "正在读取音频…",
    downloading: "正在下载音频…",
    listening: "正在寻找停顿，以便切分音频…",
    transcribing: "正在转写：第 {done} / {total} 段",
    resumed: "（其中 {n} 段来自上次）",
    saving: "正在保存文字稿…",
    timeLeft: "约剩 {n} 分钟",
    timeLeftHours: "约剩 {n} 小时",
    lessThanMinute: "不到一分钟",
    barLabel: "{name} 的转写进度",
    failed: "{name} 转写失败。",
    noRecogniser: "还没有配置语音识别，无法转写 {name}。请先配置一个（转写服务器或本地模型），然后重试：",
    configure: "设置语音识别",
    tryAgain: "重试",
    tryAgainResume: "重试（保留已完成的 {n} 段）",
    remove: "移除",
    done: "{name} 已转写完成。",
    open: "打开",
  },
});

type T = ReturnType<typeof useT<keyof (typeof messages)["en"]>>;

/** Audio being transcribed in the background, with a bar, the chunks done and the time left; failures with a retry. */
export function TranscriptionList({
  transcriptions,
  onChange,
}: {
  transcriptions: TranscriptionJson[];
  onChange: () => void;
}) {
  const t = useT(messages);
  if (transcriptions.length === 0) return null;
  return (
    <section className="transcriptions" aria-label={t("heading")}>
      <h2>{t("heading")}</h2>
      <ul className="episode-list">
        {transcriptions.map((tr) => (
          <TranscriptionItem key={tr.jobId} tr={tr} t={t} onChange={onChange} />
        ))}
      </ul>
    </section>
  );
}

function TranscriptionItem({ tr, t, onChange }: { tr: TranscriptionJson; t: T; onChange: () => void }) {
  const [failure, setFailure] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const act = async (run: () => Promise<unknown>) => {
    setBusy(true);
    setFailure(null);
    try {
      await run();
      onChange();
    } catch (e) {
      setFailure(e as ApiError);
    } finally {
      setBusy(false);
    }
  };
  if (tr.state === "done") {
    return (
      <li className="card transcription-item">
        <span>{t("done", { name: tr.name })}</span>{" "}
        {tr.episodeId ? <Link href={`/episodes/${encodeURIComponent(tr.episodeId)}`}>{t("open")}</Link> : null}
      </li>
    );
  }
  if (tr.state === "failed") {
    const kept = tr.chunksDone ?? 0;
    return (
      <li className="card transcription-item failed" data-testid="transcription">
        <strong className="transcription-name">{tr.name}</strong>
        <p className="error" role="alert">
          {tr.problem === "no-recogniser" ? t("noRecogniser", { name: tr.name }) : t("failed", { name: tr.name })}{" "}
          <span className="transcription-error">{tr.error}</span>
          {tr.problem === "no-recogniser" ? (
            <>
              {" "}
              <Link href="/settings#speech-recognition">{t("configure")}</Link>
            </>
          ) : null}
        </p>
        <div className="row">
          <button
            type="button"
            className="primary"
            disabled={busy}
            onClick={() =>
              act(() => api.post(`/api/episodes/transcriptions/${encodeURIComponent(tr.jobId)}/retry`, {}))
            }
          >
            {kept > 0 ? t("tryAgainResume", { n: kept }) : t("tryAgain")}
          </button>
          <button
            type="button"
            disabled={busy}
            onClick={() => act(() => api.del(`/api/episodes/transcriptions/${encodeURIComponent(tr.jobId)}`))}
          >
            {t("remove")}
          </button>
        </div>
        <ErrorMessage error={failure} />
      </li>
    );
  }
  return (
    <li className="card transcription-item" data-testid="transcription">
      <strong className="transcription-name">{tr.name}</strong>
      <div className="job">
        <span className="transcription-step">{describe(tr, t)}</span>
        <ProgressBar value={tr.progress} label={t("barLabel", { name: tr.name })} />
      </div>
    </li>
  );
}

function describe(tr: TranscriptionJson, t: T): string {
  if (tr.state === "queued") return t("waiting");
  switch (tr.phase) {
    case "downloading":
      return t("downloading");
    case "listening":
      return t("listening");
    case "saving":
      return t("saving");
    case "transcribing": {
      const resumed = tr.chunksResumed ? t("resumed", { n: tr.chunksResumed }) : "";
      const left = tr.timeLeftMs === null ? "" : ` · ${timeLeft(tr.timeLeftMs, t)}`;
      return `${t("transcribing", { done: tr.chunksDone ?? 0, total: tr.chunksTotal ?? "?" })}${resumed}${left}`;
    }
    default:
      return t("preparing");
  }
}

function timeLeft(ms: number, t: T): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return t("lessThanMinute");
  if (minutes < 90) return t("timeLeft", { n: minutes });
  return t("timeLeftHours", { n: (minutes / 60).toFixed(1) });
}
