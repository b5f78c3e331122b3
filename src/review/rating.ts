import type { MasteryEvent, MasteryState } from "../core/index.js";
import type { ReviewRating } from "./fsrs.js";

/**
 * From an answer to an FSRS rating and a mastery event. The grader decides for explain cards, the
 * term for cloze cards, and the learner's own rating for check questions (nothing can grade those
 * offline). Only a checked explanation verifies a concept; any forgotten card sends it back to learning.
 */

export type GraderVerdict = "verified" | "partial" | "misconception" | "unknown-concept";

/**
 * A verified explanation is "good"; given with full confidence it is "easy", with little it is
 * "hard" (recalled, but with effort). Anything short of verified is "again": the gate's rule.
 */
export function ratingForVerdict(verdict: GraderVerdict, confidence: number): ReviewRating {
  if (verdict !== "verified") return 1;
  if (confidence >= 5) return 4;
  if (confidence <= 2) return 2;
  return 3;
}

/** A cloze is right or wrong; the confidence given first shades a right answer. */
export function ratingForCloze(correct: boolean, confidence: number): ReviewRating {
  if (!correct) return 1;
  return confidence <= 2 ? 2 : 3;
}

/**
 * The mastery event of a review. `graded` is true for an explanation the grader checked: only that
 * can verify. A forgotten card of any kind is a failed review (back to learning); a remembered
 * card the grader did not check leaves mastery where it is.
 */
export function masteryEventForReview(
  state: MasteryState,
  outcome: { graded: boolean; verified: boolean; rating: ReviewRating },
): MasteryEvent | null {
  if (outcome.graded) {
    if (outcome.verified)
      return state === "verified" ? { type: "review", passed: true } : { type: "explain", verdict: "verified" };
    return { type: "review", passed: false };
  }
  return outcome.rating === 1 ? { type: "review", passed: false } : null;
}
