import { type AnalysedSentence, NEGATION } from "./units.js";

/**
 * How far back, in units, a negator still reaches a match within its clause. English counts words
 * ("does not really send every token": 4 back), Chinese counts characters, which are shorter.
 */
export const NEGATION_REACH = { word: 6, han: 10 } as const;

/**
 * True when a match spanning units `first`..`last` is denied: a negator stands in the clause of the
 * match's last unit, at most `reach` units before the match, or inside the match itself.
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
  const from = Math.max(clauseStart, first - reach);
  for (let i = from; i <= last; i++) {
    const unit = sentence.units[i];
    if (unit?.key === NEGATION || (hedgesDeny && unit?.kind === "hedge")) return true;
  }
  return false;
}
