/** The API contract of the tutor chat: a thread per concept of an episode, asked turn by turn. */

/** A moment an answer relied on: a real segment of the episode, and where it starts. */
export interface TutorCitationJson {
  segmentId: number;
  startMs: number;
}

/** One message of a concept's thread. */
export interface TutorMessageJson {
  id: number;
  role: "user" | "assistant";
  content: string;
  citations: TutorCitationJson[];
  /** "offline", or the provider id that answered; null on the learner's messages. */
  provider: string | null;
  model: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  cached: boolean;
  createdAt: string;
}

/** Who answers the next question: a configured model, or the offline tutor (and why). */
export interface TutorModeJson {
  online: boolean;
  /** Provider id and label, and model, when a model is configured. */
  provider: string | null;
  label: string | null;
  model: string | null;
  /** When the configuration is broken: a sentence saying what to fix (the offline tutor answers meanwhile). */
  problem: string | null;
}

/** GET /api/episodes/:id/concepts/:conceptId/tutor */
export interface TutorThreadResponse {
  conceptId: number;
  conceptName: string;
  messages: TutorMessageJson[];
  mode: TutorModeJson;
  /** Tokens the tutor spent on this episode so far (all concepts; cached answers cost none). */
  episodeTokens: { inputTokens: number; outputTokens: number };
}

/** POST /api/episodes/:id/concepts/:conceptId/tutor */
export interface TutorAskBody {
  question: string;
  /** The learner's language: the answer is written in it, quoting the English source. */
  language: "en" | "zh";
}

/** One turn's outcome, as `deeplisten ask --json` prints it. */
export interface TutorTurnJson {
  answer: string;
  citations: TutorCitationJson[];
  provider: string;
  model: string | null;
  inputTokens: number;
  outputTokens: number;
  cached: boolean;
}

/**
 * The POST answers with Server-Sent Events (`text/event-stream`), one JSON object per `data:` line:
 * the answer as it is written, then `done` with the citations and token counts (the turn is then
 * saved in the thread), or `error` with a sentence.
 */
export type TutorStreamEvent =
  | { type: "delta"; text: string }
  | { type: "done"; turn: TutorTurnJson }
  | { type: "error"; message: string };
