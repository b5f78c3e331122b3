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
  /** Every stance quote the transcript does not back as credited: unverified or misattributed. */
  quoteProblems: PostQuoteProblem[];
  /** Concepts in the order to learn them: prerequisites first. */
  learningPath: PostPathStep[];
}

export interface PostStanceTopic {
  title: string;
  synthesis: string;
  cells: { speaker: string; position: string; quote: string; startMs: number | null }[];
}

export interface PostInsight {
  text: string;
  concepts: string[];
  moments: number[];
}

export interface PostQuoteProblem {
  topic: string;
  /** Who the learner credits. */
  speaker: string;
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
