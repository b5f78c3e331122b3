/**
 * The order of a pass-3 run: the concepts the learner was most sure about but got wrong come first,
 * because that is where "I kind of get it" hides. Pure: attempts in, order out.
 */

/** What the order reads of an explanation attempt. */
export interface OrderAttempt {
  conceptId: number;
  confidence: number;
  verdict: string;
  createdAt: string;
}

/** Why a concept sits where it does in the run. */
export type Pass3Reason = "confident-but-wrong" | "never-explained" | "verified-before";

export interface Pass3Item<C> {
  concept: C;
  reason: Pass3Reason;
  /** The highest confidence given to an attempt that was not verified (null: none failed). */
  wrongConfidence: number | null;
  attempts: number;
}

/**
 * 1. concepts with a failed attempt, the highest confidence of a failed attempt first (then more
 *    failures, then the most recent failure);
 * 2. concepts never explained;
 * 3. concepts only ever verified, the least confident first.
 * Ties keep the order the concepts were given in.
 */
export function pass3Order<C extends { id: number }>(
  concepts: readonly C[],
  attempts: readonly OrderAttempt[],
): Pass3Item<C>[] {
  const byConcept = new Map<number, OrderAttempt[]>();
  for (const a of attempts) {
    const list = byConcept.get(a.conceptId) ?? [];
    list.push(a);
    byConcept.set(a.conceptId, list);
  }
  const items = concepts.map((concept, index) => {
    const own = byConcept.get(concept.id) ?? [];
    const failed = own.filter((a) => a.verdict !== "verified");
    const wrongConfidence = failed.length ? Math.max(...failed.map((a) => a.confidence)) : null;
    const lastFailure =
      failed
        .map((a) => a.createdAt)
        .sort()
        .at(-1) ?? "";
    const minVerifiedConfidence = own.length ? Math.min(...own.map((a) => a.confidence)) : 0;
    const reason: Pass3Reason = failed.length
      ? "confident-but-wrong"
      : own.length
        ? "verified-before"
        : "never-explained";
    return {
      concept,
      reason,
      wrongConfidence,
      attempts: own.length,
      index,
      failures: failed.length,
      lastFailure,
      minVerifiedConfidence,
    };
  });
  const group = { "confident-but-wrong": 0, "never-explained": 1, "verified-before": 2 } as const;
  items.sort(
    (a, b) =>
      group[a.reason] - group[b.reason] ||
      (b.wrongConfidence ?? 0) - (a.wrongConfidence ?? 0) ||
      b.failures - a.failures ||
      b.lastFailure.localeCompare(a.lastFailure) ||
      a.minVerifiedConfidence - b.minVerifiedConfidence ||
      a.index - b.index,
  );
  return items.map(({ concept, reason, wrongConfidence, attempts: n }) => ({
    concept,
    reason,
    wrongConfidence,
    attempts: n,
  }));
}
