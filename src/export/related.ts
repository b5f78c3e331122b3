import type { ExportConcept } from "./types.js";

/** How many related concepts a note links at most: enough to navigate, few enough to mean something. */
export const MAX_RELATED = 8;

/**
 * The concepts related to each concept of the episode, best first: those the knowledge pack
 * relates (either way round, curated, so always kept), then those said in the same segments,
 * most shared segments first. Ties keep the analysis' ranking, so the result is stable.
 */
export function relatedConcepts(concepts: readonly ExportConcept[], max = MAX_RELATED): Map<number, ExportConcept[]> {
  const byPackId = new Map<string, ExportConcept>();
  for (const c of concepts) if (c.pack) byPackId.set(c.pack.entryId, c);
  const segmentSets = new Map(concepts.map((c) => [c.id, new Set(c.segmentIds)]));
  const rank = new Map(concepts.map((c, i) => [c.id, i]));

  const result = new Map<number, ExportConcept[]>();
  for (const concept of concepts) {
    const packRelated = new Set<number>();
    for (const id of concept.pack?.related ?? []) {
      const other = byPackId.get(id);
      if (other && other.id !== concept.id) packRelated.add(other.id);
    }
    for (const other of concepts) {
      if (other.id !== concept.id && concept.pack && other.pack?.related.includes(concept.pack.entryId)) {
        packRelated.add(other.id);
      }
    }
    const mine = segmentSets.get(concept.id) ?? new Set<number>();
    const shared = concepts
      .filter((other) => other.id !== concept.id && !packRelated.has(other.id))
      .map((other) => ({ other, count: countShared(mine, segmentSets.get(other.id)) }))
      .filter((s) => s.count > 0)
      .sort((a, b) => b.count - a.count || (rank.get(a.other.id) ?? 0) - (rank.get(b.other.id) ?? 0))
      .map((s) => s.other);
    const curated = concepts.filter((c) => packRelated.has(c.id));
    result.set(concept.id, [...curated, ...shared.slice(0, Math.max(0, max - curated.length))]);
  }
  return result;
}

function countShared(a: Set<number>, b: Set<number> | undefined): number {
  if (!b) return 0;
  let n = 0;
  for (const id of a) if (b.has(id)) n++;
  return n;
}
