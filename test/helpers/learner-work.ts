import { type Attempt, recordAttempt, type Store } from "../../src/store/index.js";

/**
 * An explanation the learner gave of a concept, with the confidence they gave first and the
 * grader's verdict (the text and the grader's details do not matter to the caller).
 */
export function gradedExplanation(
  store: Store,
  attempt: {
    episodeId: string;
    conceptId: number;
    confidence: number;
    verdict: "verified" | "partial" | "misconception";
    text?: string;
  },
): Attempt {
  return recordAttempt(store, {
    conceptId: attempt.conceptId,
    episodeId: attempt.episodeId,
    language: "en",
    confidence: attempt.confidence,
    text: attempt.text ?? "my explanation",
    verdict: attempt.verdict,
    covered: [],
    missing: [],
    misconceptions: [],
    feedback: "",
    grader: "offline",
  });
}
