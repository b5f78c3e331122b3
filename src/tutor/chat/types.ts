import type { Citation } from "./citations.js";

/** A moment of the episode handed to the tutor, with why it was picked. */
export interface Passage {
  segmentId: number;
  startMs: number;
  speaker: string | null;
  text: string;
  /** definition: the analysis ranked it as defining the concept; question: it matches the question; mention: it names the concept. */
  why: "definition" | "question" | "mention";
}

/** What the retrieval needs to know about the concept in this episode. */
export interface RetrievalConcept {
  /** Display name and aliases in every language, used as search terms. */
  names: string[];
  definitions: { segmentId: number; startMs: number; speaker: string | null; text: string }[];
  mentions: { segmentId: number; startMs: number }[];
}

/** One message of a concept's tutor thread, as stored. */
export interface ThreadMessage {
  id: number;
  role: "user" | "assistant";
  content: string;
  citations: Citation[];
  /** "offline", or the id of the provider that answered; null on the learner's messages. */
  provider: string | null;
  model: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  cached: boolean;
  createdAt: string;
}
