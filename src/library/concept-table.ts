import type { MasteryState } from "../core/index.js";
import type { LoadedPack, PackEntry } from "../knowledge/index.js";
import type { Store } from "../store/index.js";

/** One row of an episode's concepts table. */
export interface ConceptTableRow {
  id: number;
  name: string;
  packNames: { en: string; zh: string } | null;
  aliases: string[];
  kind: "term" | "model" | "organisation" | "person";
  state: MasteryState;
  mentionCount: number;
  firstMs: number;
  marked: boolean;
  rank: number;
  hasPackEntry: boolean;
}

/**
 * Every concept of an episode with the learner's mastery and whether they marked it, in the
 * analysis' rank order; terms the learner marked that the analysis never found come last. Two
 * queries whatever the size of the episode (#490 has hundreds of concepts).
 */
export function episodeConceptTable(store: Store, packs: LoadedPack[], episodeId: string): ConceptTableRow[] {
  const rows = store.db
    .prepare(
      `SELECT c.id, ec.name, ec.aliases, c.kind, c.pack_entry_id AS packEntryId, ec.mention_count AS mentionCount,
         ec.first_ms AS firstMs, ec.rank, COALESCE(ms.state, 'new') AS state,
         EXISTS (SELECT 1 FROM mark mk WHERE mk.episode_id = ec.episode_id AND mk.concept_id = c.id) AS marked
       FROM episode_concept ec JOIN concept c ON c.id = ec.concept_id LEFT JOIN mastery ms ON ms.concept_id = c.id
       WHERE ec.episode_id = @e
       UNION ALL
       SELECT c.id, c.name, '[]', c.kind, c.pack_entry_id, 0, MIN(mk.start_ms), 1000000000, COALESCE(ms.state, 'new'), 1
       FROM mark mk JOIN concept c ON c.id = mk.concept_id LEFT JOIN mastery ms ON ms.concept_id = c.id
       WHERE mk.episode_id = @e
         AND NOT EXISTS (SELECT 1 FROM episode_concept ec WHERE ec.episode_id = @e AND ec.concept_id = c.id)
       GROUP BY c.id
       ORDER BY rank, firstMs`,
    )
    .all({ e: episodeId }) as (Omit<ConceptTableRow, "aliases" | "marked" | "packNames" | "hasPackEntry"> & {
    aliases: string;
    marked: number;
    packEntryId: string | null;
  })[];
  const entries = new Map<string, PackEntry>();
  for (const pack of packs) for (const e of pack.entries) if (!entries.has(e.id)) entries.set(e.id, e);
  return rows.map(({ packEntryId, ...r }, i) => {
    const entry = packEntryId ? entries.get(packEntryId) : undefined;
    return {
      ...r,
      rank: i,
      aliases: JSON.parse(r.aliases) as string[],
      marked: r.marked === 1,
      packNames: entry ? { en: entry.names.en[0] ?? r.name, zh: entry.names.zh[0] ?? r.name } : null,
      hasPackEntry: !!entry,
    };
  });
}
