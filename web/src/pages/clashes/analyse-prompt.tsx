import { useEffect, useState } from "react";
import type { JobJson, JobsResponse } from "../../../../src/server/contract/index.js";
import { api } from "../../api/client.js";
import { ErrorMessage } from "../../components/error-message.js";
import { ProgressBar } from "../../components/progress-bar.js";
import { useT } from "../../i18n/index.js";
import { clashMessages } from "./messages.js";

/**
 * Shown when the episode was never analysed: the clashes come from the analysis, so offer to run
 * it here and follow its job until it is done.
 */
export function AnalysePrompt({ episodeId, onDone }: { episodeId: string; onDone: () => void }) {
  const t = useT(clashMessages);
  const [job, setJob] = useState<JobJson | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const base = `/api/episodes/${encodeURIComponent(episodeId)}`;

  useEffect(() => {
    if (!job || job.state === "done" || job.state === "failed") return;
    const timer = setInterval(() => {
      api
        .get<JobsResponse>(`/api/jobs?episode=${encodeURIComponent(episodeId)}`)
        .then(({ jobs }) => {
          const now = jobs.find((j) => j.id === job.id);
          if (!now) return;
          setJob(now);
          if (now.state === "done") onDone();
        })
        .catch((e: unknown) => setError(e as Error));
    }, 800);
    return () => clearInterval(timer);
  }, [job, episodeId, onDone]);

  const start = async () => {
    setError(null);
    try {
      setJob((await api.post<{ job: JobJson }>(`${base}/analysis`)).job);
    } catch (e) {
      setError(e as Error);
    }
  };

  const running = job && (job.state === "queued" || job.state === "running");
  return (
    <div className="notice analyse-prompt">
      <p>{t("notAnalysed")}</p>
      {running ? (
        <>
          <p className="muted">{t("analysing", { step: job.step })}</p>
          <ProgressBar value={job.progress} label={t("analysing", { step: job.step })} />
        </>
      ) : (
        <button type="button" className="primary" onClick={() => void start()}>
          {t("analyse")}
        </button>
      )}
      {job?.state === "failed" ? (
        <p className="error" role="alert">
          {t("analysisFailed", { error: job.error ?? "" })}
        </p>
      ) : null}
      <ErrorMessage error={error} />
    </div>
  );
}
