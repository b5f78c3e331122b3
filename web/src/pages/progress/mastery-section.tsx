import { Link } from "wouter";
import type { MasteryStateJson, ProgressResponse } from "../../../../src/server/contract/index.js";
import { StackedBar } from "../../components/charts/stacked-bar.js";
import type { ProgressT } from "./messages.js";

const STATES: readonly MasteryStateJson[] = ["new", "marked", "learning", "verified"];

/** Concepts by mastery state: the counts, a stacked bar, and the concepts of each state as links. */
export function MasterySection({ data, episodeId, t }: { data: ProgressResponse; episodeId: string; t: ProgressT }) {
  const { counts, concepts } = data.mastery;
  const total = concepts.length;
  return (
    <section className="card progress-section" aria-labelledby="mastery-title">
      <h2 id="mastery-title">{t("masteryTitle")}</h2>
      {total === 0 ? (
        <>
          <p className="empty-state">{data.analysed ? t("noConcepts") : t("notAnalysed")}</p>
          {data.analysed ? null : <Link href="~/">{t("openLibrary")}</Link>}
        </>
      ) : (
        <>
          <p className="progress-lead">{t("masterySummary", { verified: counts.verified, total })}</p>
          <StackedBar
            label={t("masteryBar")}
            parts={STATES.map((s) => ({ key: s, label: t(`state_${s}`), value: counts[s], className: `fill-${s}` }))}
          />
          <div className="mastery-lists">
            {/* The states the learner acts on next come first and open. */}
            {(["marked", "learning", "verified", "new"] as const).map((state) => {
              const list = concepts.filter((c) => c.state === state);
              return (
                <details
                  key={state}
                  className={`mastery-list state-${state}`}
                  open={state !== "new" && list.length > 0}
                >
                  <summary>
                    <span className={`badge ${state}`}>{t(`state_${state}`)}</span> <strong>{list.length}</strong>{" "}
                    <span className="muted">{t(`stateHelp_${state}`)}</span>
                  </summary>
                  {list.length === 0 ? (
                    <p className="muted">{t("noneInState")}</p>
                  ) : (
                    <ul className="concept-chips">
                      {list.map((c) => (
                        <li key={c.id}>
                          <Link href={`~/episodes/${encodeURIComponent(episodeId)}/concepts/${c.id}`}>{c.name}</Link>
                          {c.marked && state !== "marked" ? (
                            <span className="visually-hidden"> ({t("markedBadge")})</span>
                          ) : null}
                        </li>
                      ))}
                    </ul>
                  )}
                </details>
              );
            })}
          </div>
        </>
      )}
    </section>
  );
}
