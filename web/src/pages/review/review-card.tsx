import { useState } from "react";
import type {
  ReviewAnswerResponse,
  ReviewCardJson,
  ReviewOutcomeJson,
  ReviewRatingJson,
} from "../../../../src/server/contract/index.js";
import { type ApiError, api } from "../../api/client.js";
import { ErrorMessage } from "../../components/error-message.js";
import { formatTime } from "../../format.js";
import { type Translate, useLang, useT } from "../../i18n/index.js";
import { type ReviewKey, reviewMessages } from "./review-messages.js";

const CONFIDENCES = [1, 2, 3, 4, 5] as const;
const RATINGS: ReviewRatingJson[] = [1, 2, 3, 4];

/** "in 10 min" / "in 3 days" from now to `iso`. */
export function dueIn(t: Translate<ReviewKey>, iso: string): string {
  const ms = new Date(iso).getTime() - Date.now();
  if (ms <= 30_000) return t("now");
  const minutes = Math.round(ms / 60_000);
  if (minutes < 90) return t("inMinutes", { n: Math.max(1, minutes) });
  const hours = Math.round(ms / 3_600_000);
  if (hours < 36) return t("inHours", { n: hours });
  return t("inDays", { n: Math.round(ms / 86_400_000) });
}

/** The date and time of `iso` in the learner's language. */
export function dueDate(iso: string, lang: string): string {
  return new Date(iso).toLocaleString(lang, { dateStyle: "medium", timeStyle: "short" });
}

function verdictKey(verdict: ReviewOutcomeJson["verdict"]): ReviewKey | null {
  switch (verdict) {
    case "verified":
      return "verified";
    case "partial":
      return "partial";
    case "misconception":
      return "misconception";
    case "unknown-concept":
      return "unknown";
    case "correct":
      return "correct";
    case "wrong":
      return "wrong";
    default:
      return null;
  }
}

/**
 * One card: confidence first (the answer box opens after it), the answer without help, then the
 * verdict and when the card comes back. Check questions show the reference and take the learner's
 * own rating; explanations are graded; a cloze is checked against its term.
 */
export function ReviewCard({
  card,
  context,
  heading,
  onAnswered,
  onNext,
  nextLabel,
}: {
  card: ReviewCardJson;
  context: "review" | "pass3";
  heading: string;
  onAnswered: (outcome: ReviewOutcomeJson) => void;
  onNext: () => void;
  nextLabel: string;
}) {
  const t = useT(reviewMessages);
  const { lang } = useLang();
  const [confidence, setConfidence] = useState<number | null>(null);
  const [answer, setAnswer] = useState("");
  const [revealed, setRevealed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [outcome, setOutcome] = useState<ReviewOutcomeJson | null>(null);
  const kindLabel = t(
    card.kind === "explain" ? "kindExplain" : card.kind === "question" ? "kindQuestion" : "kindCloze",
  );

  const submit = async (selfRating: ReviewRatingJson | null) => {
    if (confidence === null) return;
    setBusy(true);
    setError(null);
    try {
      const res = await api.post<ReviewAnswerResponse>(`/api/review/cards/${card.id}/answer`, {
        answer,
        confidence,
        selfRating,
        lang: lang === "zh-CN" ? "zh" : "en",
        context,
      });
      setOutcome(res.outcome);
      onAnswered(res.outcome);
    } catch (e) {
      const apiError = e as ApiError & { reason?: string };
      // An explanation nothing can check offline: the learner rates it, like a check question.
      if (apiError.status === 400 && /rate your own answer/.test(apiError.message)) setRevealed(true);
      setError(apiError);
    } finally {
      setBusy(false);
    }
  };

  const verdict = outcome ? verdictKey(outcome.verdict) : null;
  const passed = outcome ? outcome.rating > 1 : false;
  return (
    <article className="card review-card" aria-labelledby={`card-${card.id}`}>
      <header className="review-card-head">
        <span className="muted">{heading}</span>
        <span className="badge">{kindLabel}</span>
        <span className={`badge ${card.mastery}`}>{card.conceptName}</span>
        {card.episodeTitle ? (
          <span className="muted review-episode">{t("fromEpisode", { title: card.episodeTitle })}</span>
        ) : null}
      </header>
      <h2 id={`card-${card.id}`} className="review-prompt">
        {card.prompt}
      </h2>
      {card.kind === "cloze" && card.startMs !== null && context === "review" ? (
        <p className="muted">{t("moment", { time: formatTime(card.startMs) })}</p>
      ) : null}

      <fieldset className="confidence" disabled={outcome !== null}>
        <legend>{t("confidenceLegend")}</legend>
        {CONFIDENCES.map((n) => (
          <label key={n} className={confidence === n ? "chip chosen" : "chip"}>
            <input
              type="radio"
              name={`confidence-${card.id}`}
              value={n}
              checked={confidence === n}
              onChange={() => setConfidence(n)}
            />
            {t(`confidence${n}` as ReviewKey)}
          </label>
        ))}
      </fieldset>

      <div className="review-answer">
        <label htmlFor={`answer-${card.id}`}>{t("answerLabel")}</label>
        {card.kind === "explain" ? (
          <textarea
            id={`answer-${card.id}`}
            rows={6}
            value={answer}
            disabled={confidence === null || outcome !== null}
            placeholder={confidence === null ? t("confidenceFirst") : t("explainPlaceholder")}
            onChange={(e) => setAnswer(e.target.value)}
          />
        ) : (
          <input
            id={`answer-${card.id}`}
            type="text"
            value={answer}
            disabled={confidence === null || outcome !== null}
            placeholder={confidence === null ? t("confidenceFirst") : t("answerPlaceholder")}
            onChange={(e) => setAnswer(e.target.value)}
          />
        )}
      </div>

      {outcome === null && (card.selfRated || revealed) ? (
        revealed ? (
          <div className="review-reference">
            <h3>{t("reference")}</h3>
            <p>{card.reference ?? t("noReference")}</p>
            <fieldset className="ratings">
              <legend>{t("rateLegend")}</legend>
              {RATINGS.map((r) => (
                <button key={r} type="button" disabled={busy} onClick={() => submit(r)}>
                  {t(`rate${r}` as ReviewKey)}
                </button>
              ))}
            </fieldset>
          </div>
        ) : (
          <button
            type="button"
            className="primary"
            disabled={confidence === null || answer.trim() === ""}
            onClick={() => setRevealed(true)}
          >
            {t("showReference")}
          </button>
        )
      ) : null}
      {outcome === null && !card.selfRated && !revealed ? (
        <button
          type="button"
          className="primary"
          disabled={confidence === null || answer.trim() === "" || busy}
          onClick={() => submit(null)}
        >
          {busy ? t("checking") : t("check")}
        </button>
      ) : null}
      <ErrorMessage error={outcome === null && !revealed ? error : null} />

      {outcome ? (
        <section className={passed ? "verdict passed" : "verdict failed"} role="status" aria-live="polite">
          <h3>{verdict ? t(verdict) : t("selfRated", { rating: t(`rate${outcome.rating}` as ReviewKey) })}</h3>
          {card.kind === "cloze" ? (
            <p>{t("blankWas", { answer: outcome.feedback })}</p>
          ) : outcome.feedback ? (
            <p>{outcome.feedback}</p>
          ) : null}
          {outcome.mastery === "learning" && !passed ? (
            <p>{t("backToLearning", { concept: card.conceptName })}</p>
          ) : null}
          {outcome.mastery === "verified" && outcome.verdict === "verified" ? (
            <p>{t("nowVerified", { concept: card.conceptName })}</p>
          ) : null}
          <p className="next-due">
            {t("nextDue", { when: dueIn(t, outcome.nextDue), date: dueDate(outcome.nextDue, lang) })}
          </p>
          <button type="button" className="primary" onClick={onNext}>
            {nextLabel}
          </button>
        </section>
      ) : null}
    </article>
  );
}
