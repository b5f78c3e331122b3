import type { Store } from "./database.js";

/** One speaker's position on a topic, in the learner's words, with the quote and moment behind it. */
export interface StanceCell {
  speaker: string;
  position: string;
  quote: string;
  startMs: number | null;
  segmentId: number | null;
  updatedAt: string;
}

/** A row of the pass-2 stance table. */
export interface StanceTopic {
  id: number;
  idx: number;
  title: string;
  /** The clash moment (its idx in the analysis) the topic started from, if any. */
  clashIdx: number | null;
  synthesis: string;
  cells: StanceCell[];
  updatedAt: string;
}

/** The stance table of an episode, rows in the learner's order. */
export function listStances(store: Store, episodeId: string): StanceTopic[] {
  const topics = store.db
    .prepare(
      `SELECT id, idx, title, clash_idx AS clashIdx, synthesis, updated_at AS updatedAt FROM stance_topic
       WHERE episode_id = ? ORDER BY idx, id`,
    )
    .all(episodeId) as Omit<StanceTopic, "cells">[];
  const cells = store.db.prepare(
    `SELECT speaker, position, quote, start_ms AS startMs, segment_id AS segmentId, updated_at AS updatedAt
     FROM stance_cell WHERE topic_id = ? ORDER BY speaker`,
  );
  return topics.map((t) => ({ ...t, cells: cells.all(t.id) as StanceCell[] }));
}

/** Adds a row at the end of the table. */
export function addStanceTopic(
  store: Store,
  episodeId: string,
  topic: { title: string; clashIdx?: number | null },
): StanceTopic {
  const now = store.now().toISOString();
  const idx = (
    store.db
      .prepare("SELECT COALESCE(MAX(idx), -1) + 1 AS n FROM stance_topic WHERE episode_id = ?")
      .get(episodeId) as {
      n: number;
    }
  ).n;
  const id = Number(
    store.db
      .prepare(
        "INSERT INTO stance_topic (episode_id, idx, title, clash_idx, synthesis, updated_at) VALUES (?, ?, ?, ?, '', ?)",
      )
      .run(episodeId, idx, topic.title, topic.clashIdx ?? null, now).lastInsertRowid,
  );
  return { id, idx, title: topic.title, clashIdx: topic.clashIdx ?? null, synthesis: "", cells: [], updatedAt: now };
}

/** Renames a row or sets its synthesis; false when the topic is not part of this episode. */
export function updateStanceTopic(
  store: Store,
  episodeId: string,
  topicId: number,
  change: { title?: string; synthesis?: string },
): boolean {
  const now = store.now().toISOString();
  const r = store.db
    .prepare(
      `UPDATE stance_topic SET title = COALESCE(?, title), synthesis = COALESCE(?, synthesis), updated_at = ?
       WHERE id = ? AND episode_id = ?`,
    )
    .run(change.title ?? null, change.synthesis ?? null, now, topicId, episodeId);
  return r.changes === 1;
}

/** Deletes a row with its cells; false when the topic is not part of this episode. */
export function deleteStanceTopic(store: Store, episodeId: string, topicId: number): boolean {
  return (
    store.db.prepare("DELETE FROM stance_topic WHERE id = ? AND episode_id = ?").run(topicId, episodeId).changes === 1
  );
}

/** Writes one cell (topic x speaker); false when the topic is not part of this episode. */
export function saveStanceCell(
  store: Store,
  episodeId: string,
  topicId: number,
  cell: Omit<StanceCell, "updatedAt">,
): boolean {
  return store.db.transaction(() => {
    const owned = store.db
      .prepare("SELECT 1 FROM stance_topic WHERE id = ? AND episode_id = ?")
      .get(topicId, episodeId);
    if (!owned) return false;
    const now = store.now().toISOString();
    store.db
      .prepare(
        `INSERT INTO stance_cell (topic_id, speaker, position, quote, start_ms, segment_id, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (topic_id, speaker) DO UPDATE SET position = excluded.position, quote = excluded.quote,
           start_ms = excluded.start_ms, segment_id = excluded.segment_id, updated_at = excluded.updated_at`,
      )
      .run(topicId, cell.speaker, cell.position, cell.quote, cell.startMs, cell.segmentId, now);
    store.db.prepare("UPDATE stance_topic SET updated_at = ? WHERE id = ?").run(now, topicId);
    return true;
  })();
}

/** One row of the table, or null when it is not part of this episode. */
export function getStanceTopic(store: Store, episodeId: string, topicId: number): StanceTopic | null {
  return listStances(store, episodeId).find((t) => t.id === topicId) ?? null;
}

/** The rows that started from each clash moment (clashIdx -> topic id), for the clash playlist. */
export function stanceTopicsByClash(store: Store, episodeId: string): Map<number, number> {
  const rows = store.db
    .prepare(
      `SELECT clash_idx AS clashIdx, MIN(id) AS id FROM stance_topic
       WHERE episode_id = ? AND clash_idx IS NOT NULL GROUP BY clash_idx`,
    )
    .all(episodeId) as { clashIdx: number; id: number }[];
  return new Map(rows.map((r) => [r.clashIdx, r.id]));
}

/**
 * Puts the rows in the learner's order. `topicIds` must list every row of the episode exactly once;
 * otherwise nothing changes and the answer says what is wrong.
 */
export function reorderStanceTopics(
  store: Store,
  episodeId: string,
  topicIds: readonly number[],
): { ok: true } | { ok: false; error: string } {
  return store.db.transaction(() => {
    const existing = (
      store.db.prepare("SELECT id FROM stance_topic WHERE episode_id = ?").all(episodeId) as { id: number }[]
    ).map((r) => r.id);
    const wanted = new Set(topicIds);
    if (wanted.size !== topicIds.length) return { ok: false as const, error: "a topic is listed twice" };
    const missing = existing.filter((id) => !wanted.has(id));
    const stranger = topicIds.find((id) => !existing.includes(id));
    if (stranger !== undefined) return { ok: false as const, error: `topic ${stranger} is not part of this episode` };
    if (missing.length > 0) return { ok: false as const, error: `the order leaves out topic ${missing[0]}` };
    const set = store.db.prepare("UPDATE stance_topic SET idx = ? WHERE id = ?");
    for (const [i, id] of topicIds.entries()) set.run(i, id);
    return { ok: true as const };
  })();
}
