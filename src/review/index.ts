/**
 * Pass 3 and spaced review: cards from the learner's concepts, FSRS scheduling, the rating and
 * mastery rules of a review, and the order of a pass-3 run. Pure domain code: the store keeps cards.
 */
export {
  type CardDraft,
  type CardKind,
  type CardSource,
  CLOZE_BLANK,
  cardsForConcept,
  clozeAnswerMatches,
  clozeOf,
} from "./cards.js";
export { type FsrsFields, isFailedRating, newFsrsFields, type ReviewRating, scheduleReview } from "./fsrs.js";
export { type OrderAttempt, type Pass3Item, type Pass3Reason, pass3Order } from "./pass3.js";
export { type GraderVerdict, masteryEventForReview, ratingForCloze, ratingForVerdict } from "./rating.js";
