import { type Card, fsrs, type Grade, Rating, State } from "ts-fsrs";

/**
 * Scheduling with FSRS (ts-fsrs): a card's memory state in, the next one out. Pure: the clock is
 * the caller's. Fuzz is off so the same answers always give the same dates (reproducible tests,
 * and a learner can predict when a card comes back).
 */

/** A card's FSRS fields as deeplisten stores them (dates as ISO strings). */
export interface FsrsFields {
  due: string;
  stability: number;
  difficulty: number;
  elapsedDays: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  /** 0 new, 1 learning, 2 review, 3 relearning (ts-fsrs State). */
  state: number;
  lastReview: string | null;
}

/** The four answers FSRS knows: 1 again (forgotten), 2 hard, 3 good, 4 easy. */
export type ReviewRating = 1 | 2 | 3 | 4;

const scheduler = fsrs({ enable_fuzz: false, enable_short_term: true });

function toCard(f: FsrsFields): Card {
  return {
    due: new Date(f.due),
    stability: f.stability,
    difficulty: f.difficulty,
    elapsed_days: f.elapsedDays,
    scheduled_days: f.scheduledDays,
    learning_steps: f.learningSteps,
    reps: f.reps,
    lapses: f.lapses,
    state: f.state as State,
    last_review: f.lastReview ? new Date(f.lastReview) : undefined,
  };
}

function fromCard(card: Card): FsrsFields {
  return {
    due: card.due.toISOString(),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsedDays: card.elapsed_days,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    lastReview: card.last_review ? card.last_review.toISOString() : null,
  };
}

/** A card never reviewed, due at `now`. */
export function newFsrsFields(now: Date): FsrsFields {
  return {
    due: now.toISOString(),
    stability: 0,
    difficulty: 0,
    elapsedDays: 0,
    scheduledDays: 0,
    learningSteps: 0,
    reps: 0,
    lapses: 0,
    state: State.New,
    lastReview: null,
  };
}

/** The card's fields after an answer rated `rating` at `now`. */
export function scheduleReview(fields: FsrsFields, rating: ReviewRating, now: Date): FsrsFields {
  return fromCard(scheduler.next(toCard(fields), now, rating as Grade).card);
}

/** True when a rating means the card was forgotten (FSRS counts it as a lapse). */
export function isFailedRating(rating: ReviewRating): boolean {
  return rating === Rating.Again;
}
