import type { ProgressResponse } from "../../../../src/server/contract/index.js";
import { ProgressBar } from "../../components/progress-bar.js";
import { formatDuration } from "../../format.js";
import type { Lang } from "../../i18n/index.js";
import type { ProgressT } from "./messages.js";

/** `45 s` under a minute (a short first listen should not read as nothing), else formatDuration. */
function formatSpent(ms: number, lang: Lang): string {
  if (ms > 0 && ms < 60_000) {
    const s = Math.max(1, Math.round(ms / 1000));
    return lang === "zh-CN" ? `${s} 秒` : `${s} s`;
  }
  return formatDuration(ms, lang);
}

/** Time spent per pass (wall clock, from the listened stretches) and how much of the episode each covered. */
export function ListeningSection({
  data,
  t,
  lang,
  percent,
}: {
  data: ProgressResponse;
  t: ProgressT;
  lang: Lang;
  percent: (x: number) => string;
}) {
  const nothing = data.passes.every((p) => p.timeMs === 0 && p.listenedMs === 0);
  const totalMs = data.passes.reduce((n, p) => n + p.timeMs, 0);
  return (
    <section className="card progress-section" aria-labelledby="listening-title">
      <h2 id="listening-title">{t("listeningTitle")}</h2>
      {nothing ? (
        <p className="empty-state">{t("listeningEmpty")}</p>
      ) : (
        <table className="listening-table">
          <thead>
            <tr>
              <th scope="col">{t("passCol")}</th>
              <th scope="col">{t("timeCol")}</th>
              <th scope="col">{t("listenedCol")}</th>
              <th scope="col">{t("coverageCol")}</th>
            </tr>
          </thead>
          <tbody>
            {data.passes.map((p) => {
              const pass = t("passRow", { n: p.pass });
              return (
                <tr key={p.pass} data-pass={p.pass} aria-current={p.pass === data.pass ? "step" : undefined}>
                  <th scope="row">{pass}</th>
                  <td>{formatSpent(p.timeMs, lang)}</td>
                  <td>
                    {t("listenedOf", {
                      listened: formatSpent(p.listenedMs, lang),
                      duration: formatDuration(data.durationMs, lang),
                    })}
                  </td>
                  <td>
                    <div className="coverage-cell">
                      <ProgressBar value={p.coverage} label={t("coverageOf", { pass, pct: percent(p.coverage) })} />
                      <span>{percent(p.coverage)}</span>
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t("total")}</th>
              <td>{formatSpent(totalMs, lang)}</td>
              <td />
              <td />
            </tr>
          </tfoot>
        </table>
      )}
    </section>
  );
}
