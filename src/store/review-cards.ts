import type { MasteryEvent, MasteryState } from "../core/index.js";
import type { Store } from "./database.js";
import { applyMasteryEvent, getMasteryState, type NewAttempt } from "./learning.js";

/** What a card asks: explain a concept (graded), a pack's check question, or a cloze sentence. */
export type ReviewCardKind = "explain" | "question" | "cloze";

/** A card before it is stored: what it asks and where in the episode it comes from. */
export interface ReviewCardDraft {
  conceptId: number;
  episodeId: string | null;
  kind: ReviewCardKind;
  /**
   * What identifies the card (UNIQUE with concept and kind): the concept's name for `explain`, the
   * English check question for `question`, the sentence with the term blanked out for `cloze`.
   */
  prompt: string;
  /** The expected answer: the hidden term of a cloze, the reference text of a question. */
  answer: string;
  segmentId: number | null;
  startMs: number | null;
}

/** The FSRS fields of a card, as ts-fsrs names them (dates as ISO strings). */
export interface ReviewSchedule {
  due: string;
  stability: number;
  difficulty: number;
  elapsedDays: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  /** ts-fsrs State: 0 new, 1 learning, 2 review, 3 relearning. */
  state: number;
  lastReview: string | null;
}

export interface ReviewCard extends ReviewCardDraft, ReviewSchedule {
  id: number;
  conceptKey: string;
  conceptName: string;
  packEntryId: string | null;
  mastery: MasteryState;
  createdAt: string;
}

const CARD_SELECT = `SELECT r.id, r.concept_id AS conceptId, r.episode_id AS episodeId, r.kind, r.prompt, r.answer,
    r.segment_id AS segmentId, r.start_ms AS startMs, r.due, r.stability, r.difficulty, r.elapsed_days AS elapsedDays,
    r.scheduled_days AS scheduledDays, r.learning_steps AS learningSteps, r.reps, r.lapses, r.state,
    r.last_review AS lastReview, r.created_at AS createdAt, c.key AS conceptKey, c.name AS conceptName,
    c.pack_entry_id AS packEntryId, COALESCE(m.state, 'new') AS mastery
  FROM review_card r JOIN concept c ON c.id = r.concept_id LEFT JOIN mastery m ON m.concept_id = r.concept_id`;

/**
 * Stores the cards that do not exist yet (same concept, kind and prompt) and leaves the others
 * alone, so refreshing never resets a schedule. A new card is due at once. Returns how many were added.
 */
export function addReviewCards(store: Store, drafts: readonly ReviewCardDraft[]): number {
  const insert = store.db.prepare(
    `INSERT INTO review_card (concept_id, episode_id, kind, prompt, answer, segment_id, start_ms, due, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (concept_id, kind, prompt) DO NOTHING`,
  );
  return store.db.transaction(() => {
    const now = store.now().toISOString();
    let added = 0;
    for (const d of drafts) {
      added += insert.run(
        d.conceptId,
        d.episodeId,
        d.kind,
        d.prompt,
        d.answer,
        d.segmentId,
        d.startMs,
        now,
        now,
      ).changes;
    }
    return added;
  })();
}

/** One card, or null. */
export function getReviewCard(store: Store, cardId: number): ReviewCard | null {
  return (store.db.prepare(`${CARD_SELECT} WHERE r.id = ?`).get(cardId) as ReviewCard | undefined) ?? null;
}

/**
 * Which cards belong to an episode's review: its own, and the explain and question cards of its
 * concepts made in another episode (a concept is one card library-wide: MoE learned in #459 is
 * reviewed in #490 too). A cloze stays with the episode whose sentence it quotes.
 */
const IN_EPISODE = `(@episode IS NULL OR r.episode_id = @episode OR (r.kind != 'cloze' AND r.concept_id IN
  (SELECT concept_id FROM episode_concept WHERE episode_id = @episode)))`;

/** The cards due at `now` (the whole library, or one episode), the longest overdue first. */
export function listDueCards(
  store: Store,
  options: { now: Date; episodeId?: string | null; limit?: number },
): ReviewCard[] {
  return store.db
    .prepare(`${CARD_SELECT} WHERE r.due <= @now AND ${IN_EPISODE} ORDER BY r.due, r.id LIMIT @limit`)
    .all({
      now: options.now.toISOString(),
      episode: options.episodeId ?? null,
      limit: options.limit ?? -1,
    }) as ReviewCard[];
}

/** The explain card of a concept (one per concept library-wide), or null. */
export function explainCardOf(store: Store, conceptId: number): ReviewCard | null {
  return (
    (store.db
      .prepare(`${CARD_SELECT} WHERE r.concept_id = ? AND r.kind = 'explain' ORDER BY r.id LIMIT 1`)
      .get(conceptId) as ReviewCard | undefined) ?? null
  );
}

/** Every card of an episode (or of the library), in the order they were made. */
export function listReviewCards(store: Store, episodeId: string | null = null): ReviewCard[] {
  return store.db
    .prepare(`${CARD_SELECT} WHERE (? IS NULL OR r.episode_id = ?) ORDER BY r.id`)
    .all(episodeId, episodeId) as ReviewCard[];
}

/** How many cards are due now and when the next one after that is due. */
export function reviewCounts(
  store: Store,
  options: { now: Date; episodeId?: string | null },
): { due: number; total: number; nextDue: string | null } {
  const episode = options.episodeId ?? null;
  const row = store.db
    .prepare(
      `SELECT SUM(r.due <= @now) AS due, COUNT(*) AS total, MIN(CASE WHEN r.due > @now THEN r.due END) AS nextDue
       FROM review_card r WHERE ${IN_EPISODE}`,
    )
    .get({ now: options.now.toISOString(), episode }) as { due: number | null; total: number; nextDue: string | null };
  return { due: row.due ?? 0, total: row.total, nextDue: row.nextDue };
}

/** One answered review, as `saveReview` writes it. */
export interface ReviewRecord {
  cardId: number;
  /** 1 again, 2 hard, 3 good, 4 easy. */
  rating: 1 | 2 | 3 | 4;
  answer: string;
  /** The grader's verdict for an explain card; "correct"/"wrong" for a cloze; null when self-rated. */
  verdict: string | null;
  confidence: number | null;
  schedule: ReviewSchedule;
  /** The explanation attempt to keep (explain cards); its context says review or pass3. */
  attempt: NewAttempt | null;
  /** The mastery event the review means for the concept, or null for none. */
  mastery: MasteryEvent | null;
}

/**
 * Writes a review in one transaction: the attempt (when graded), the mastery transition, the
 * card's new schedule and the review log. Returns the log id, the attempt id and the concept's state.
 */
export function saveReview(
  store: Store,
  review: ReviewRecord,
): { logId: number; attemptId: number | null; mastery: MasteryState } {
  return store.db.transaction(() => {
    const card = getReviewCard(store, review.cardId);
    if (!card) throw new Error(`no review card ${review.cardId}`);
    const now = store.now().toISOString();
    let attemptId: number | null = null;
    const a = review.attempt;
    if (a) {
      // Kept beside the tutor's attempts (same table), but the mastery event is the review's own:
      // a failed review must send a verified concept back to learning, which "explain" never does.
      attemptId = Number(
        store.db
          .prepare(
            `INSERT INTO explanation_attempt (concept_id, episode_id, language, confidence, text, verdict, covered, missing,
               misconceptions, feedback, grader, created_at, context) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            a.conceptId,
            a.episodeId,
            a.language,
            a.confidence,
            a.text,
            a.verdict,
            JSON.stringify(a.covered),
            JSON.stringify(a.missing),
            JSON.stringify(a.misconceptions),
            a.feedback,
            a.grader,
            now,
            a.context ?? "review",
          ).lastInsertRowid,
      );
    }
    const mastery = review.mastery
      ? applyMasteryEvent(store, card.conceptId, review.mastery, { episodeId: card.episodeId, attemptId })
      : getMasteryState(store, card.conceptId);
    const s = review.schedule;
    store.db
      .prepare(
        `UPDATE review_card SET due = ?, stability = ?, difficulty = ?, elapsed_days = ?, scheduled_days = ?,
           learning_steps = ?, reps = ?, lapses = ?, state = ?, last_review = ? WHERE id = ?`,
      )
      .run(
        s.due,
        s.stability,
        s.difficulty,
        s.elapsedDays,
        s.scheduledDays,
        s.learningSteps,
        s.reps,
        s.lapses,
        s.state,
        s.lastReview,
        review.cardId,
      );
    const logId = Number(
      store.db
        .prepare(
          `INSERT INTO review_log (card_id, rating, answer, verdict, confidence, attempt_id, reviewed_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(review.cardId, review.rating, review.answer, review.verdict, review.confidence, attemptId, now)
        .lastInsertRowid,
    );
    return { logId, attemptId, mastery };
  })();
}

export interface ReviewLogEntry {
  id: number;
  cardId: number;
  rating: number;
  answer: string;
  verdict: string | null;
  confidence: number | null;
  attemptId: number | null;
  reviewedAt: string;
}

/** The reviews of a card, oldest first. */
export function listReviewLog(store: Store, cardId: number): ReviewLogEntry[] {
  return store.db
    .prepare(
      `SELECT id, card_id AS cardId, rating, answer, verdict, confidence, attempt_id AS attemptId, reviewed_at AS reviewedAt
       FROM review_log WHERE card_id = ? ORDER BY id`,
    )
    .all(cardId) as ReviewLogEntry[];
}

/**
 * The concepts of an episode the learner worked on (marked, learning or verified), in the
 * analysis' ranking, then any the learner marked in this episode that the analysis never ranked.
 */
export function learnerConceptIds(store: Store, episodeId: string): number[] {
  const rows = store.db
    .prepare(
      `SELECT c.id FROM concept c JOIN mastery m ON m.concept_id = c.id
         LEFT JOIN episode_concept ec ON ec.concept_id = c.id AND ec.episode_id = @episodeId
       WHERE m.state IN ('marked', 'learning', 'verified')
         AND (ec.episode_id IS NOT NULL
           OR EXISTS (SELECT 1 FROM mark k WHERE k.concept_id = c.id AND k.episode_id = @episodeId)
           OR EXISTS (SELECT 1 FROM explanation_attempt a WHERE a.concept_id = c.id AND a.episode_id = @episodeId))
       ORDER BY ec.rank IS NULL, ec.rank, c.id`,
    )
    .all({ episodeId }) as { id: number }[];
  return rows.map((r) => r.id);
}
