/**
 * The mastery gate. A concept moves new -> marked -> learning -> verified, and only a checked
 * explanation verifies it; a failed review sends it back to learning. Pure: the store keeps every
 * transition as history.
 */
export const MASTERY_STATES = ["new", "marked", "learning", "verified"] as const;
export type MasteryState = (typeof MASTERY_STATES)[number];

export type MasteryEvent =
  /** The learner flagged the concept in a pass ("I don't get this"). */
  | { type: "mark" }
  /** The learner opened the tutor on it, or asked about it. */
  | { type: "study" }
  /** An explanation was graded. */
  | { type: "explain"; verdict: "verified" | "partial" | "misconception" | "unknown-concept" }
  /** A review without help was graded (pass 3 or spaced repetition). */
  | { type: "review"; passed: boolean };

/** The state after an event; unchanged when the event does not move it. */
export function nextMasteryState(state: MasteryState, event: MasteryEvent): MasteryState {
  switch (event.type) {
    case "mark":
      // Marking a verified concept again means the learner doubts it: back to learning.
      return state === "new" ? "marked" : state === "verified" ? "learning" : state;
    case "study":
      return state === "new" || state === "marked" ? "learning" : state;
    case "explain":
      if (event.verdict === "verified") return "verified";
      // "I kind of get it" does not pass: anything short of verified keeps (or puts) it in learning.
      return state === "verified" ? "verified" : "learning";
    case "review":
      return event.passed ? (state === "new" || state === "marked" ? state : "verified") : "learning";
  }
}
