import type { MasteryState } from "../core/index.js";
import { findPackEntry, type LoadedPack, type PackEntry } from "../knowledge/index.js";
import {
  cardsForConcept,
  clozeAnswerMatches,
  type GraderVerdict,
  masteryEventForReview,
  type Pass3Reason,
  pass3Order,
  type ReviewRating,
  ratingForCloze,
  ratingForVerdict,
  scheduleReview,
} from "../review/index.js";
import {
  getEpisodeConcept,
  getMasteryState,
  listAttempts,
  listEpisodes,
  type NewAttempt,
  type Store,
} from "../store/index.js";
import {
  addReviewCards,
  explainCardOf,
  getReviewCard,
  learnerConceptIds,
  listDueCards,
  type ReviewCard,
  saveReview,
} from "../store/review-cards.js";
import { gradeExplanation } from "../tutor/grader/index.js";

/**
 * Reviews over the library: cards made from the learner's concepts, what is due, answering a card
 * (graded, rescheduled with FSRS, kept), and the pass-3 run. The one place the terminal and the
 * web app share, so both apply the same rules.
 */

export type ReviewLanguage = "en" | "zh";

/** The pack entry behind a concept: its linked entry, else one of its names. */
export function packEntryFor(
  packs: LoadedPack[],
  concept: { packEntryId: string | null; name: string },
): PackEntry | null {
  return (concept.packEntryId ? findPackEntry(packs, concept.packEntryId) : null) ?? findPackEntry(packs, concept.name);
}

/**
 * Makes the cards of every concept the learner worked on in the episode (marked, learning or
 * verified); cards that exist are left as they are, schedules included. Returns how many were added.
 */
export function refreshEpisodeCards(store: Store, episodeId: string, packs: LoadedPack[]): number {
  const drafts = learnerConceptIds(store, episodeId).flatMap((conceptId) => {
    const inEpisode = getEpisodeConcept(store, episodeId, conceptId);
    const concept = store.db
      .prepare("SELECT name, pack_entry_id AS packEntryId FROM concept WHERE id = ?")
      .get(conceptId) as { name: string; packEntryId: string | null };
    const entry = packEntryFor(packs, concept);
    return cardsForConcept({
      conceptId,
      conceptName: concept.name,
      aliases: inEpisode?.aliases ?? [],
      episodeId,
      pack: entry ? { checkQuestions: entry.checkQuestions, explanation: entry.explanation } : null,
      definitions: inEpisode?.definitions ?? [],
    });
  });
  return addReviewCards(store, drafts);
}

/** `refreshEpisodeCards` for every episode of the library. */
export function refreshAllCards(store: Store, packs: LoadedPack[]): number {
  return listEpisodes(store).reduce((n, e) => n + refreshEpisodeCards(store, e.id, packs), 0);
}

/** A card as the learner sees it, in their language. */
export interface CardView {
  id: number;
  kind: ReviewCard["kind"];
  conceptId: number;
  conceptKey: string;
  /** The concept's name in the learner's language where the pack has one. */
  conceptName: string;
  episodeId: string | null;
  /** What to answer: "Explain X in your own words", the check question, or the sentence with a blank. */
  prompt: string;
  /**
   * What to compare with after answering: the pack's explanation for a check question, the hidden
   * term for a cloze; null for an explain card (the grader answers instead).
   */
  reference: string | null;
  /** True when the learner rates their own answer (check questions: nothing grades them offline). */
  selfRated: boolean;
  startMs: number | null;
  segmentId: number | null;
  due: string;
  reps: number;
  lapses: number;
  mastery: MasteryState;
}

const EXPLAIN_PROMPT = {
  en: (name: string) => `Explain ${name} in your own words.`,
  zh: (name: string) => `用你自己的话解释「${name}」。`,
};

export function cardView(card: ReviewCard, packs: LoadedPack[], language: ReviewLanguage): CardView {
  const entry = packEntryFor(packs, { packEntryId: card.packEntryId, name: card.conceptName });
  const conceptName = (language === "zh" ? entry?.names.zh[0] : null) ?? card.conceptName;
  let prompt = card.prompt;
  let reference: string | null = null;
  if (card.kind === "explain") prompt = EXPLAIN_PROMPT[language](conceptName);
  if (card.kind === "question") {
    prompt = entry?.checkQuestions.find((q) => q.en === card.prompt)?.[language] ?? card.prompt;
    reference = entry?.explanation[language] ?? null;
  }
  if (card.kind === "cloze") reference = card.answer;
  return {
    id: card.id,
    kind: card.kind,
    conceptId: card.conceptId,
    conceptKey: card.conceptKey,
    conceptName,
    episodeId: card.episodeId,
    prompt,
    reference,
    selfRated: card.kind === "question",
    startMs: card.startMs,
    segmentId: card.segmentId,
    due: card.due,
    reps: card.reps,
    lapses: card.lapses,
    mastery: card.mastery,
  };
}

/** The cards due now, in the learner's language, after making any new ones. */
export function dueCards(
  store: Store,
  packs: LoadedPack[],
  options: { episodeId?: string | null; language: ReviewLanguage; limit?: number },
): CardView[] {
  if (options.episodeId) refreshEpisodeCards(store, options.episodeId, packs);
  else refreshAllCards(store, packs);
  return listDueCards(store, { now: store.now(), episodeId: options.episodeId, limit: options.limit }).map((c) =>
    cardView(c, packs, options.language),
  );
}

/** An answer that cannot be taken as given; the message says what to do. */
export class ReviewAnswerError extends Error {
  constructor(
    message: string,
    readonly reason: "no-card" | "bad-confidence" | "empty" | "needs-self-rating",
  ) {
    super(message);
    this.name = "ReviewAnswerError";
  }
}

export interface ReviewAnswer {
  cardId: number;
  answer: string;
  /** Given before the answer: 1 (lost) to 5 (could teach it). */
  confidence: number;
  /** The learner's own rating, for cards nothing can grade (check questions, concepts without a pack or definition). */
  selfRating?: ReviewRating | null;
  language: ReviewLanguage;
  /** A spaced review (default) or the pass-3 run without help. */
  context?: "review" | "pass3";
}

export interface ReviewOutcome {
  cardId: number;
  rating: ReviewRating;
  /** The grader's verdict (explain), correct/wrong (cloze), or null (self-rated). */
  verdict: GraderVerdict | "correct" | "wrong" | null;
  /** For the learner, in their language: the grader's feedback, or the expected term of a cloze. */
  feedback: string;
  covered: string[];
  missing: string[];
  /** The concept's mastery after the review. */
  mastery: MasteryState;
  /** When the card comes back (ISO). */
  nextDue: string;
  attemptId: number | null;
}

/**
 * Takes an answer: grades it (explain: the grader; cloze: the term; check question: the learner's
 * own rating), reschedules the card with FSRS, keeps the attempt and the review log, and moves the
 * concept (a forgotten card sends it back to learning). One transaction.
 */
export function answerCard(store: Store, packs: LoadedPack[], input: ReviewAnswer): ReviewOutcome {
  const card = getReviewCard(store, input.cardId);
  if (!card) throw new ReviewAnswerError(`there is no review card ${input.cardId}`, "no-card");
  if (!Number.isInteger(input.confidence) || input.confidence < 1 || input.confidence > 5)
    throw new ReviewAnswerError("give your confidence first: a whole number from 1 to 5", "bad-confidence");
  const text = input.answer.trim();
  const now = store.now();
  const state = getMasteryState(store, card.conceptId);
  const entry = packEntryFor(packs, { packEntryId: card.packEntryId, name: card.conceptName });
  const selfRating = input.selfRating ?? null;

  let rating: ReviewRating;
  let verdict: ReviewOutcome["verdict"] = null;
  let feedback = "";
  let covered: string[] = [];
  let missing: string[] = [];
  let attempt: NewAttempt | null = null;
  let graded = false;
  let verified = false;

  if (card.kind === "explain") {
    if (!text) throw new ReviewAnswerError("write your explanation first", "empty");
    const definitions = card.episodeId
      ? (getEpisodeConcept(store, card.episodeId, card.conceptId)?.definitions.map((d) => d.text) ?? [])
      : [];
    const grade = gradeExplanation({
      entry,
      conceptName: card.conceptName,
      text,
      language: input.language,
      transcriptDefinitions: definitions,
    });
    verdict = grade.verdict;
    feedback = grade.feedback;
    covered = grade.covered;
    missing = grade.missing;
    attempt = {
      conceptId: card.conceptId,
      episodeId: card.episodeId,
      language: grade.language,
      confidence: input.confidence,
      text,
      verdict: grade.verdict,
      covered: grade.covered,
      missing: grade.missing,
      misconceptions: grade.misconceptions,
      feedback: grade.feedback,
      grader: "offline",
      context: input.context ?? "review",
    };
    if (grade.verdict === "unknown-concept") {
      // Nothing to check against: the learner's own rating decides the schedule, and mastery waits for a check.
      if (!selfRating)
        throw new ReviewAnswerError(
          "nothing can check this explanation offline: rate your own answer (1 again, 2 hard, 3 good, 4 easy)",
          "needs-self-rating",
        );
      rating = selfRating;
    } else {
      graded = true;
      verified = grade.verdict === "verified";
      rating = ratingForVerdict(grade.verdict, input.confidence);
    }
  } else if (card.kind === "cloze") {
    const names = getEpisodeConcept(store, card.episodeId ?? "", card.conceptId)?.aliases ?? [];
    const correct = clozeAnswerMatches(text, card.answer, [card.conceptName, ...names]);
    verdict = correct ? "correct" : "wrong";
    feedback = card.answer;
    rating = ratingForCloze(correct, input.confidence);
  } else {
    if (!selfRating)
      throw new ReviewAnswerError(
        "compare your answer with the reference, then rate it (1 again, 2 hard, 3 good, 4 easy)",
        "needs-self-rating",
      );
    rating = selfRating;
  }

  const schedule = scheduleReview(card, rating, now);
  const mastery = masteryEventForReview(state, { graded, verified, rating });
  const saved = saveReview(store, {
    cardId: card.id,
    rating,
    answer: text,
    verdict,
    confidence: input.confidence,
    schedule,
    attempt,
    mastery,
  });
  return {
    cardId: card.id,
    rating,
    verdict,
    feedback,
    covered,
    missing,
    mastery: saved.mastery,
    nextDue: schedule.due,
    attemptId: saved.attemptId,
  };
}

/** One step of a pass-3 run: an explain card, why it comes here, and its last pass-3 answer. */
export interface Pass3Step {
  card: CardView;
  reason: Pass3Reason;
  /** The highest confidence the learner gave to an explanation that was not verified. */
  wrongConfidence: number | null;
  attempts: number;
  /** The verdict of the latest pass-3 answer, if the learner already answered in pass 3. */
  lastPass3: { verdict: string; confidence: number; createdAt: string } | null;
}

/**
 * A pass-3 run of an episode: every concept the learner worked on, asked without help as "explain
 * it", the most-confident-but-wrong first (from every attempt at the concept, library-wide).
 */
export function pass3Run(store: Store, packs: LoadedPack[], episodeId: string, language: ReviewLanguage): Pass3Step[] {
  refreshEpisodeCards(store, episodeId, packs);
  // A concept's explain card may have been made in another episode: understanding is library-wide.
  const concepts = learnerConceptIds(store, episodeId)
    .map((id) => explainCardOf(store, id))
    .filter((c): c is ReviewCard => c !== null)
    .map((c) => ({ id: c.conceptId, card: c }));
  const attempts = concepts.flatMap((c) => listAttempts(store, c.id));
  return pass3Order(concepts, attempts).map((item) => {
    const pass3 = attempts.filter((a) => a.conceptId === item.concept.id && a.context === "pass3").at(-1);
    return {
      card: cardView(item.concept.card, packs, language),
      reason: item.reason,
      wrongConfidence: item.wrongConfidence,
      attempts: item.attempts,
      lastPass3: pass3 ? { verdict: pass3.verdict, confidence: pass3.confidence, createdAt: pass3.createdAt } : null,
    };
  });
}
