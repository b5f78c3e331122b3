import type { Store } from "./database.js";

/** The learner's own mind map of an episode: mind-elixir's tree as saved by the map page. */
export interface LearnerMap {
  tree: unknown;
  revision: number;
  updatedAt: string;
}

/** The learner's map of an episode, or null before their first save. */
export function getLearnerMap(store: Store, episodeId: string): LearnerMap | null {
  const row = store.db
    .prepare("SELECT tree, revision, updated_at AS updatedAt FROM learner_map WHERE episode_id = ?")
    .get(episodeId) as { tree: string; revision: number; updatedAt: string } | undefined;
  return row ? { tree: JSON.parse(row.tree), revision: row.revision, updatedAt: row.updatedAt } : null;
}

/** A save based on a revision that is no longer the stored one (another tab saved meanwhile). */
export class StaleMapError extends Error {
  constructor(readonly current: number) {
    super(`the map was changed elsewhere (now at revision ${current}); reload to see the newer map`);
  }
}

/**
 * Saves the map when `baseRevision` is the stored one (0 for a first save) and returns the new
 * revision; a save based on an older revision (another tab) throws StaleMapError and changes nothing.
 */
export function saveLearnerMap(
  store: Store,
  episodeId: string,
  tree: unknown,
  baseRevision: number,
): { revision: number; updatedAt: string } {
  return store.db.transaction(() => {
    const row = store.db.prepare("SELECT revision FROM learner_map WHERE episode_id = ?").get(episodeId) as
      | { revision: number }
      | undefined;
    const current = row?.revision ?? 0;
    if (baseRevision !== current) throw new StaleMapError(current);
    const next = current + 1;
    const updatedAt = store.now().toISOString();
    store.db
      .prepare(
        `INSERT INTO learner_map (episode_id, tree, revision, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (episode_id) DO UPDATE SET tree = excluded.tree, revision = excluded.revision, updated_at = excluded.updated_at`,
      )
      .run(episodeId, JSON.stringify(tree), next, updatedAt);
    return { revision: next, updatedAt };
  })();
}
