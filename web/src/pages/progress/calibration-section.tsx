import { Link } from "wouter";
import type { ProgressCalibrationJson } from "../../../../src/server/contract/index.js";
import { CalibrationChart } from "../../components/charts/calibration-chart.js";
import { LineChart } from "../../components/charts/line-chart.js";
import type { ProgressT } from "./messages.js";

/** How far apart expected and actual pass rates may be and still count as calibrated. */
const CALIBRATED_WITHIN = 0.1;

/**
 * Confidence given vs verdict: the reliability diagram with its diagonal, the Brier score with a
 * sentence saying what it means, and how the score moved over time.
 */
export function CalibrationSection({
  calibration,
  episodeId,
  t,
  percent,
}: {
  calibration: ProgressCalibrationJson;
  episodeId: string;
  t: ProgressT;
  percent: (x: number) => string;
}) {
  const { points, buckets, brier, overconfidence, weeks, ungraded } = calibration;
  if (points.length === 0 || brier === null) {
    return (
      <section className="card progress-section" aria-labelledby="calibration-title">
        <h2 id="calibration-title">{t("calibrationTitle")}</h2>
        <p className="empty-state">{t("calibrationEmpty")}</p>
        <Link href={`~/episodes/${encodeURIComponent(episodeId)}/concepts`}>{t("openConcepts")}</Link>
        {ungraded > 0 ? <p className="muted">{t("ungraded", { n: ungraded })}</p> : null}
      </section>
    );
  }
  const actual = points.filter((p) => p.verified).length / points.length;
  const expected = actual + (overconfidence ?? 0);
  const tendency =
    overconfidence === null || Math.abs(overconfidence) <= CALIBRATED_WITHIN
      ? "calibrated"
      : overconfidence > 0
        ? "overconfident"
        : "underconfident";
  const used = buckets.filter((b) => b.count > 0);
  const first = points[0];
  const last = points.at(-1);
  return (
    <section className="card progress-section" aria-labelledby="calibration-title">
      <h2 id="calibration-title">{t("calibrationTitle")}</h2>
      <p className="muted">{t("calibrationIntro")}</p>
      <div className="calibration-grid">
        <div className="calibration-chart-box">
          <CalibrationChart
            buckets={buckets}
            labels={{
              summary: t("chartSummary", {
                details: used
                  .map((b) => t("bucketSummary", { c: b.confidence, v: b.verifiedCount, n: b.count }))
                  .join("; "),
              }),
              xAxis: t("xAxis"),
              yAxis: t("yAxis"),
              ideal: t("ideal"),
              describe: (b) =>
                t("dot", {
                  c: b.confidence,
                  f: percent(b.forecast),
                  v: b.verifiedCount,
                  n: b.count,
                  r: percent(b.verifiedRate ?? 0),
                }),
            }}
          />
        </div>
        <div className="calibration-figures">
          <p className="brier">
            <span className="brier-label">{t("brierLabel")}</span>{" "}
            <strong className="brier-value" data-testid="brier">
              {brier.toFixed(2)}
            </strong>
          </p>
          <p>{t("brierExplain")}</p>
          <p className={`tendency ${tendency}`}>
            {t(tendency, { expected: percent(expected), actual: percent(actual) })}
          </p>
          <p className="muted">
            {t("attempts", { n: points.length })}
            {ungraded > 0 ? ` · ${t("ungraded", { n: ungraded })}` : ""}
          </p>
        </div>
      </div>
      {points.length > 1 && first && last ? (
        <>
          <h3>{t("overTimeTitle")}</h3>
          <div className="over-time">
            <LineChart
              summary={t("overTimeSummary", { from: first.runningBrier.toFixed(2), to: last.runningBrier.toFixed(2) })}
              xAxis={t("attemptAxis")}
              yAxis={t("brierAxis")}
              reference={{ y: 0.25, label: t("evenOdds") }}
              formatY={(v) => v.toFixed(2)}
              points={points.map((p) => ({
                x: p.index,
                y: p.runningBrier,
                label: t("pointLabel", {
                  i: p.index,
                  concept: p.conceptName ?? "",
                  c: p.confidence,
                  verdict: p.verified ? t("verdictVerified") : t("verdictNot"),
                  b: p.runningBrier.toFixed(2),
                }),
              }))}
            />
          </div>
          {weeks.length > 1 ? (
            <table className="weeks-table">
              <thead>
                <tr>
                  <th scope="col">{t("weekCol")}</th>
                  <th scope="col">{t("countCol")}</th>
                  <th scope="col">{t("expectedCol")}</th>
                  <th scope="col">{t("passedCol")}</th>
                  <th scope="col">{t("brierCol")}</th>
                </tr>
              </thead>
              <tbody>
                {weeks.map((w) => (
                  <tr key={w.weekStart}>
                    <td>{w.weekStart}</td>
                    <td>{w.count}</td>
                    <td>{percent(w.meanForecast)}</td>
                    <td>{percent(w.verifiedRate)}</td>
                    <td>{w.brier.toFixed(2)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
