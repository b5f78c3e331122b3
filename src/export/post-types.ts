import type { MasteryState } from "../core/index.js";
import type { MapNode } from "./types.js";

/**
 * What the blog post needs beyond the notes' data: the learner's own work of passes 2 and 3 and
 * the checks of their quotes. Loaded once from the library (`loadPostExtras`), so `episodeToPost`
 * stays a pure function.
 */
export interface PostExtras {
  /** The learner's own map when they drew one, else the analysis' draft; null when there is neither. */
  map: MapNode | null;
  /** True when `map` is the learner's own. */
  mapIsLearners: boolean;
  /** Wall-clock listening time per pass, in ms. */
  timeSpentMs: { 1: number; 2: number; 3: number };
  /** What the learner did, for the method section. */
  counts: { marks: number; tutorAttempts: number; pass3Attempts: number; reviews: number; stanceTopics: number };
  /** The stance table: topics (rows) x speakers (columns). */
  stances: PostStanceTopic[];
  /** "What changed in my thinking". */
  insights: PostInsight[];
  /**
   * Every quote of the learner's work (stance table, insights, notes, map) the transcript does not
   * back as credited and the learner has not accepted: unverified or misattributed.
   */
  quoteProblems: PostQuoteProblem[];
  /** Concepts in the order to learn them: prerequisites first. */
  learningPath: PostPathStep[];
}

export interface PostStanceTopic {
  title: string;
  synthesis: string;
  cells: PostStanceCell[];
}

export interface PostStanceCell {
  speaker: string;
  position: string;
  quote: string;
  startMs: number | null;
  /**
   * Set when the learner accepted a quote the transcript does not back as credited, so the post
   * says so beside it: a paraphrase (not found), or who the transcript has saying it.
   */
  accepted?: { verdict: "wrong-speaker" | "not-found"; correctSpeaker: string | null } | null;
}

/** Where a quote sits in the learner's work, for the warning at the top of the post. */
export type PostQuotePlace =
  | { kind: "stance"; topic: string }
  | { kind: "synthesis"; topic: string }
  | { kind: "insight" }
  | { kind: "mark"; startMs: number }
  | { kind: "map"; title: string };

export interface PostInsight {
  text: string;
  concepts: string[];
  moments: number[];
}

export interface PostQuoteProblem {
  place: PostQuotePlace;
  /** Who the learner credits; null when the quote names nobody. */
  speaker: string | null;
  quote: string;
  verdict: "wrong-speaker" | "not-found";
  /** Who says it in the transcript (wrong-speaker). */
  correctSpeaker: string | null;
  /** Where the transcript has it (wrong-speaker). */
  startMs: number | null;
  similarity: number;
}

export interface PostPathStep {
  name: string;
  /** False for background the pack says comes first but the episode does not discuss. */
  inEpisode: boolean;
  mastery: MasteryState;
}
