import { type AnalysedSentence, NEGATION } from "./units.js";

/**
 * How far back a negator still reaches a match within its clause, counted in content units so that
 * function words do not use up the reach: "does not use a router that picks the top-2 experts" denies
 * "top-2 experts" (use, router, picks in between). Chinese counts characters, which are shorter.
 */
export const NEGATION_REACH = { word: 5, han: 10 } as const;

/**
 * True when a match spanning units `first`..`last` is denied: a negator stands in the clause of the
 * match's last unit, at most `reach` content units before the match, or inside the match itself.
 * "does not send every token to all experts" is denied; "does not average them, it picks two" is
 * not denied at "picks two", because the comma opened a new clause. With `hedgesDeny`, "almost" and
 * 接近 deny too: used for misconceptions, where "almost as good as" is not "as good as".
 */
export function isNegated(
  sentence: AnalysedSentence,
  first: number,
  last: number,
  reach: number,
  hedgesDeny = false,
): boolean {
  const clauseStart = sentence.clauseStart[last] ?? 0;
  let from = first;
  for (let seen = 0; from > clauseStart && seen < reach; ) {
    from--;
    if (sentence.units[from]?.content) seen++;
  }
  for (let i = Math.max(from, clauseStart); i <= last; i++) {
    const unit = sentence.units[i];
    if (unit?.key === NEGATION || (hedgesDeny && unit?.kind === "hedge")) return true;
  }
  return false;
}
