import { useEffect, useState } from "react";
import { Link, useLocation, useSearch } from "wouter";
import type {
  LibraryResponse,
  Pass3Response,
  Pass3StepJson,
  ReviewCardJson,
  ReviewDueResponse,
  ReviewOutcomeJson,
} from "../../../../src/server/contract/index.js";
import { useApi } from "../../api/client.js";
import { ErrorMessage } from "../../components/error-message.js";
import { type Translate, useLang, useT } from "../../i18n/index.js";
import { dueDate, dueIn, ReviewCard } from "./review-card.js";
import { type ReviewKey, reviewMessages } from "./review-messages.js";
import { Insights, WriteUpPreview } from "./write-up.js";
import "./review-page.css";

/**
 * `/review[?episode=E][&mode=pass3]`: the cards due now across the library or one episode, one at
 * a time (confidence first, then the answer, the verdict and the next due date); pass 3 of an
 * episode (every concept asked without help, most-confident-but-wrong first); and for an episode,
 * its insights and a preview of the write-up.
 */
export default function ReviewPage() {
  const t = useT(reviewMessages);
  const { lang } = useLang();
  const search = new URLSearchParams(useSearch());
  const [, navigate] = useLocation();
  const episodeId = search.get("episode");
  const mode = search.get("mode") === "pass3" && episodeId ? "pass3" : "due";
  const library = useApi<LibraryResponse>("/api/episodes");

  useEffect(() => {
    document.title = `${t("title")} · deeplisten`;
  }, [t]);

  const go = (next: { episode?: string | null; mode?: "due" | "pass3" }) => {
    const params = new URLSearchParams(search);
    const episode = next.episode !== undefined ? next.episode : episodeId;
    if (episode) params.set("episode", episode);
    else params.delete("episode");
    const m = next.mode ?? mode;
    if (m === "pass3" && episode) params.set("mode", "pass3");
    else params.delete("mode");
    const query = params.toString();
    navigate(`/review${query ? `?${query}` : ""}`);
  };

  const apiLang = lang === "zh-CN" ? "zh" : "en";
  return (
    <section className="page">
      <h1>{mode === "pass3" ? t("titlePass3") : t("title")}</h1>
      <div className="review-toolbar">
        <label>
          {t("scope")}{" "}
          <select value={episodeId ?? ""} onChange={(e) => go({ episode: e.target.value || null })}>
            <option value="">{t("allEpisodes")}</option>
            {(library.data?.episodes ?? []).map((e) => (
              <option key={e.id} value={e.id}>
                {e.title}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="review-modes" aria-label={t("title")}>
          <button type="button" aria-pressed={mode === "due"} onClick={() => go({ mode: "due" })}>
            {t("modeDue")}
          </button>
          <button
            type="button"
            aria-pressed={mode === "pass3"}
            disabled={!episodeId}
            title={episodeId ? undefined : t("pass3NeedsEpisode")}
            onClick={() => go({ mode: "pass3" })}
          >
            {t("modePass3")}
          </button>
        </fieldset>
      </div>
      <div className={episodeId ? "review-layout" : ""}>
        <div>
          {mode === "pass3" && episodeId ? (
            <Pass3Run key={`${episodeId}-${apiLang}`} episodeId={episodeId} apiLang={apiLang} />
          ) : (
            <DueCards key={`${episodeId ?? "all"}-${apiLang}`} episodeId={episodeId} apiLang={apiLang} />
          )}
        </div>
        {episodeId ? (
          <aside className="review-aside">
            <Insights episodeId={episodeId} />
            <WriteUpPreview episodeId={episodeId} />
          </aside>
        ) : null}
      </div>
    </section>
  );
}

interface Tally {
  passed: number;
  failed: number;
}

function tallyAfter(tally: Tally, outcome: ReviewOutcomeJson): Tally {
  return outcome.rating > 1 ? { ...tally, passed: tally.passed + 1 } : { ...tally, failed: tally.failed + 1 };
}

/** The due cards, one at a time; the list is fixed when the page loads so an answered card does not come straight back. */
function DueCards({ episodeId, apiLang }: { episodeId: string | null; apiLang: "en" | "zh" }) {
  const t = useT(reviewMessages);
  const { lang } = useLang();
  const query = new URLSearchParams({ lang: apiLang, ...(episodeId ? { episode: episodeId } : {}) });
  const due = useApi<ReviewDueResponse>(`/api/review?${query}`);
  const [index, setIndex] = useState(0);
  const [tally, setTally] = useState<Tally>({ passed: 0, failed: 0 });

  if (due.error) return <ErrorMessage error={due.error} />;
  if (!due.data) return <p className="loading">…</p>;
  const { cards, counts } = due.data;
  if (cards.length === 0) {
    return (
      <div className="card review-empty">
        <h2>{counts.total === 0 ? t("noCardsTitle") : t("emptyTitle")}</h2>
        {counts.total === 0 ? (
          <>
            <p>{t("noCards")}</p>
            <Link href="/">{t("toLibrary")}</Link>
          </>
        ) : counts.nextDue ? (
          <p>{t("emptyNext", { when: dueIn(t, counts.nextDue), date: dueDate(counts.nextDue, lang) })}</p>
        ) : null}
      </div>
    );
  }
  if (index >= cards.length) return <Done t={t} tally={tally} onAgain={due.reload} />;
  const card = cards[index] as ReviewCardJson;
  return (
    <>
      <p className="muted">{t("dueCount", { n: cards.length })}</p>
      <ReviewCard
        key={card.id}
        card={card}
        context="review"
        heading={t("progress", { i: index + 1, n: cards.length })}
        onAnswered={(o) => setTally((old) => tallyAfter(old, o))}
        onNext={() => setIndex((i) => i + 1)}
        nextLabel={index + 1 < cards.length ? t("next") : t("finish")}
      />
    </>
  );
}

/** Pass 3: every concept of the episode, in the run's order, asked as "explain it" without help. */
function Pass3Run({ episodeId, apiLang }: { episodeId: string; apiLang: "en" | "zh" }) {
  const t = useT(reviewMessages);
  const run = useApi<Pass3Response>(`/api/review/pass3?episode=${encodeURIComponent(episodeId)}&lang=${apiLang}`);
  const [steps, setSteps] = useState<Pass3StepJson[] | null>(null);
  const [index, setIndex] = useState(0);
  const [tally, setTally] = useState<Tally>({ passed: 0, failed: 0 });
  // The order is fixed when the run starts: answering must not reshuffle what is left.
  useEffect(() => {
    if (run.data && steps === null) setSteps(run.data.steps);
  }, [run.data, steps]);

  if (run.error) return <ErrorMessage error={run.error} />;
  if (!run.data || steps === null) return <p className="loading">…</p>;
  if (steps.length === 0) return <p className="card">{t("pass3Empty")}</p>;
  if (index >= steps.length) return <Done t={t} tally={tally} onAgain={() => window.location.reload()} />;
  const step = steps[index] as Pass3StepJson;
  return (
    <>
      <p className="muted">{t("pass3Intro", { title: run.data.title })}</p>
      <p className="review-reason">
        <span className="badge">{reasonText(t, step)}</span>
        {step.lastPass3 ? (
          <span className="muted"> · {t("lastPass3", { verdict: step.lastPass3.verdict })}</span>
        ) : null}
      </p>
      <ReviewCard
        key={step.card.id}
        card={step.card}
        context="pass3"
        heading={t("progress", { i: index + 1, n: steps.length })}
        onAnswered={(o) => setTally((old) => tallyAfter(old, o))}
        onNext={() => setIndex((i) => i + 1)}
        nextLabel={index + 1 < steps.length ? t("next") : t("finish")}
      />
    </>
  );
}

function reasonText(t: Translate<ReviewKey>, step: Pass3StepJson): string {
  if (step.reason === "confident-but-wrong") return t("reasonWrong", { confidence: step.wrongConfidence ?? "" });
  return t(step.reason === "never-explained" ? "reasonNever" : "reasonVerified");
}

function Done({ t, tally, onAgain }: { t: Translate<ReviewKey>; tally: Tally; onAgain: () => void }) {
  return (
    <div className="card review-empty" role="status">
      <h2>{t("doneTitle")}</h2>
      <p>{t("doneSummary", { n: tally.passed + tally.failed, passed: tally.passed, failed: tally.failed })}</p>
      <button type="button" onClick={onAgain}>
        {t("checkAgain")}
      </button>
    </div>
  );
}
