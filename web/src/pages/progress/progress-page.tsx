import { useMemo } from "react";
import type { ProgressResponse } from "../../../../src/server/contract/index.js";
import { useApi } from "../../api/client.js";
import { ErrorMessage } from "../../components/error-message.js";
import { useLang, useT } from "../../i18n/index.js";
import { useEpisode } from "../episode/episode-context.js";
import { CalibrationSection } from "./calibration-section.js";
import { ListeningSection } from "./listening-section.js";
import { MarksSection } from "./marks-section.js";
import { MasterySection } from "./mastery-section.js";
import { progressMessages } from "./messages.js";
import "./progress.css";

/**
 * `/episodes/<id>/progress`: where the learner stands on an episode. Concepts by mastery state,
 * how well their confidence predicts their verdicts, their marks along the timeline, and the
 * time and coverage of each pass. Each part says what to do when it is still empty.
 */
export default function ProgressPage() {
  const t = useT(progressMessages);
  const { lang } = useLang();
  const { episode } = useEpisode();
  const { data, error } = useApi<ProgressResponse>(`/api/episodes/${encodeURIComponent(episode.id)}/progress`);
  const percent = useMemo(() => {
    const format = new Intl.NumberFormat(lang, { style: "percent", maximumFractionDigits: 0 });
    return (x: number) => format.format(x);
  }, [lang]);
  if (error && !data) return <ErrorMessage error={error} />;
  if (!data) return <p className="loading">{t("loading")}</p>;
  return (
    <section className="page progress-page" aria-labelledby="progress-title">
      <div className="progress-head">
        <h2 id="progress-title" className="visually-hidden">
          {t("title")}
        </h2>
        <p className="muted">{t("onPass", { n: data.pass })}</p>
      </div>
      <ErrorMessage error={error} />
      <MasterySection data={data} episodeId={episode.id} t={t} />
      <CalibrationSection calibration={data.calibration} episodeId={episode.id} t={t} percent={percent} />
      <MarksSection data={data} episodeId={episode.id} t={t} />
      <ListeningSection data={data} t={t} lang={lang} percent={percent} />
    </section>
  );
}
