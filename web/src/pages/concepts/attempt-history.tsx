import type { AttemptJson } from "../../../../src/server/contract/index.js";
import { useLang, useT } from "../../i18n/index.js";
import { PointList } from "./explain-back-box.js";
import { MasteryBadge } from "./mastery-badge.js";
import { explainMessages, termMessages } from "./messages.js";

/** Every explanation the learner gave of this concept, newest first: nothing is overwritten. */
export function AttemptHistory({ attempts }: { attempts: AttemptJson[] }) {
  const t = useT(explainMessages);
  const term = useT(termMessages);
  const { lang } = useLang();
  const date = new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "short" });
  return (
    <section className="attempt-history card" aria-labelledby="attempts-title">
      <h2 id="attempts-title">{t("history", { n: attempts.length })}</h2>
      {attempts.length === 0 ? <p className="muted">{t("noHistory")}</p> : null}
      <ol className="attempts" reversed>
        {[...attempts].reverse().map((a) => (
          <li key={a.id} className="attempt" data-verdict={a.verdict}>
            <div className="attempt-head">
              <span className={`verdict-chip chip-${a.verdict}`}>{term(`verdict.${a.verdict}`)}</span>
              <MasteryBadge state={a.state} />
              <span className="muted">
                {t("attemptMeta", { date: date.format(new Date(a.createdAt)), n: a.confidence })} ·{" "}
                {t(`context_${a.context}`)}
              </span>
            </div>
            <p className="calibration muted">{t(a.calibration, { n: a.confidence })}</p>
            <details>
              <summary>{t("showText")}</summary>
              <blockquote className="attempt-text">{a.text}</blockquote>
              <PointList title={t("covered")} points={a.covered} className="covered" />
              <PointList title={t("missing")} points={a.missing} className="missing" />
              <PointList title={t("misconceptions")} points={a.misconceptions} className="wrong" />
              <p className="feedback">{a.feedback}</p>
            </details>
          </li>
        ))}
      </ol>
    </section>
  );
}
