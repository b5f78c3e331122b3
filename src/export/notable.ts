import type { ExportConcept } from "./types.js";

/** How many concepts that no pack knows and the learner never touched an export keeps, by rank. */
export const MAX_UNKNOWN_CONCEPTS = 40;

/**
 * The concepts worth a note or a card: every one the learner worked on (marked, studied, explained)
 * and every one a knowledge pack knows, then the best-ranked others up to `maxUnknown`. The
 * offline analysis finds many candidate terms in a long episode; notes and decks built from all of
 * them would bury the ones that matter. The analysis' order is kept.
 */
export function notableConcepts(
  concepts: readonly ExportConcept[],
  maxUnknown = MAX_UNKNOWN_CONCEPTS,
): ExportConcept[] {
  let unknown = 0;
  return concepts.filter((c) => {
    if (c.mastery !== "new" || c.bestExplanation || c.pack) return true;
    unknown++;
    return unknown <= maxUnknown;
  });
}
