/**
 * The API contract for pass 3: spaced review of the learner's cards, the pass-3 run, insights
 * ("what changed in my thinking") and the write-up preview. Plain types only.
 */

export type ReviewCardKindJson = "explain" | "question" | "cloze";
export type ReviewMasteryJson = "new" | "marked" | "learning" | "verified";
/** 1 again (forgotten), 2 hard, 3 good, 4 easy: FSRS's ratings. */
export type ReviewRatingJson = 1 | 2 | 3 | 4;

/** A card as the learner sees it, in the language asked for (`?lang=zh` or `en`). */
export interface ReviewCardJson {
  id: number;
  kind: ReviewCardKindJson;
  conceptId: number;
  conceptKey: string;
  conceptName: string;
  episodeId: string | null;
  episodeTitle: string | null;
  /** "Explain X in your own words", the pack's check question, or a sentence with a blank (`_____`). */
  prompt: string;
  /** Shown after answering: the pack's explanation (question) or the hidden term (cloze); null for explain. */
  reference: string | null;
  /** True when the learner rates their own answer (check questions). */
  selfRated: boolean;
  startMs: number | null;
  segmentId: number | null;
  due: string;
  reps: number;
  lapses: number;
  mastery: ReviewMasteryJson;
}

/** `GET /api/review?episode=&lang=`: the cards due now, the longest overdue first. */
export interface ReviewDueResponse {
  cards: ReviewCardJson[];
  counts: { due: number; total: number; nextDue: string | null };
}

/** `POST /api/review/cards/:cardId/answer` */
export interface ReviewAnswerRequest {
  answer: string;
  /** Given before answering, 1 (lost) to 5 (could teach it). */
  confidence: number;
  /** The learner's own rating: required for check questions (and explanations nothing can check). */
  selfRating?: ReviewRatingJson | null;
  lang?: "en" | "zh";
  /** A spaced review (default) or the pass-3 run without help. */
  context?: "review" | "pass3";
}

export interface ReviewOutcomeJson {
  cardId: number;
  rating: ReviewRatingJson;
  /** The grader's verdict (explain), correct/wrong (cloze), or null (self-rated). */
  verdict: "verified" | "partial" | "misconception" | "unknown-concept" | "correct" | "wrong" | null;
  /** The grader's feedback in the learner's language, or the hidden term of a cloze. */
  feedback: string;
  covered: string[];
  missing: string[];
  mastery: ReviewMasteryJson;
  /** When the card comes back (ISO). */
  nextDue: string;
}

export interface ReviewAnswerResponse {
  outcome: ReviewOutcomeJson;
}

export type Pass3ReasonJson = "confident-but-wrong" | "never-explained" | "verified-before";

export interface Pass3StepJson {
  card: ReviewCardJson;
  reason: Pass3ReasonJson;
  /** The highest confidence given to an explanation of it that was not verified. */
  wrongConfidence: number | null;
  attempts: number;
  lastPass3: { verdict: string; confidence: number; createdAt: string } | null;
}

/** `GET /api/review/pass3?episode=&lang=`: every concept of the episode, most-confident-but-wrong first. */
export interface Pass3Response {
  episodeId: string;
  title: string;
  steps: Pass3StepJson[];
}

export interface InsightMomentJson {
  startMs: number;
  segmentId: number | null;
}

/** "What changed in my thinking", linked to concepts and moments. */
export interface InsightJson {
  id: number;
  episodeId: string;
  text: string;
  conceptIds: number[];
  /** The linked concepts' names, in the order of `conceptIds`. */
  concepts: { id: number; name: string }[];
  moments: InsightMomentJson[];
  createdAt: string;
  updatedAt: string;
}

/** `GET /api/episodes/:id/insights` */
export interface InsightsResponse {
  insights: InsightJson[];
}

/** `POST /api/episodes/:id/insights` (all fields) and `PATCH …/:insightId` (any of them). */
export interface InsightRequest {
  text?: string;
  conceptIds?: number[];
  moments?: { startMs: number; segmentId?: number | null }[];
}

/** `POST`/`PATCH` answer. */
export interface InsightResponse {
  insight: InsightJson;
}

/** Limits the server enforces on insights. */
export const INSIGHT_LIMITS = { text: 4000, concepts: 50, moments: 50 } as const;
