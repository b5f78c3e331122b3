import type { Store } from "./database.js";

/** A moment of the episode an insight points to. */
export interface InsightMoment {
  startMs: number;
  segmentId: number | null;
}

/** "What changed in my thinking": the learner's note, linked to concepts and moments. */
export interface Insight {
  id: number;
  episodeId: string;
  text: string;
  conceptIds: number[];
  moments: InsightMoment[];
  createdAt: string;
  updatedAt: string;
}

export type NewInsight = Pick<Insight, "text" | "conceptIds" | "moments">;

interface InsightRow {
  id: number;
  episodeId: string;
  text: string;
  conceptIds: string;
  moments: string;
  createdAt: string;
  updatedAt: string;
}

const SELECT = `SELECT id, episode_id AS episodeId, text, concept_ids AS conceptIds, moments,
  created_at AS createdAt, updated_at AS updatedAt FROM insight`;

function fromRow(r: InsightRow): Insight {
  return { ...r, conceptIds: JSON.parse(r.conceptIds), moments: JSON.parse(r.moments) };
}

/** Adds an insight to an episode. */
export function addInsight(store: Store, episodeId: string, insight: NewInsight): Insight {
  const now = store.now().toISOString();
  const id = Number(
    store.db
      .prepare(
        "INSERT INTO insight (episode_id, text, concept_ids, moments, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
      )
      .run(episodeId, insight.text, JSON.stringify(insight.conceptIds), JSON.stringify(insight.moments), now, now)
      .lastInsertRowid,
  );
  return { id, episodeId, ...insight, createdAt: now, updatedAt: now };
}

/** An episode's insights, oldest first. */
export function listInsights(store: Store, episodeId: string): Insight[] {
  return (store.db.prepare(`${SELECT} WHERE episode_id = ? ORDER BY id`).all(episodeId) as InsightRow[]).map(fromRow);
}

/** One insight of an episode, or null. */
export function getInsight(store: Store, episodeId: string, insightId: number): Insight | null {
  const row = store.db.prepare(`${SELECT} WHERE id = ? AND episode_id = ?`).get(insightId, episodeId) as
    | InsightRow
    | undefined;
  return row ? fromRow(row) : null;
}

/** Changes an insight's text, concepts or moments; null when the episode has no such insight. */
export function updateInsight(
  store: Store,
  episodeId: string,
  insightId: number,
  change: Partial<NewInsight>,
): Insight | null {
  const current = getInsight(store, episodeId, insightId);
  if (!current) return null;
  const next = { ...current, ...change, updatedAt: store.now().toISOString() };
  store.db
    .prepare("UPDATE insight SET text = ?, concept_ids = ?, moments = ?, updated_at = ? WHERE id = ?")
    .run(next.text, JSON.stringify(next.conceptIds), JSON.stringify(next.moments), next.updatedAt, insightId);
  return next;
}

/** Deletes an insight; false when the episode has no such insight. */
export function deleteInsight(store: Store, episodeId: string, insightId: number): boolean {
  return (
    store.db.prepare("DELETE FROM insight WHERE id = ? AND episode_id = ?").run(insightId, episodeId).changes === 1
  );
}

/** The paragraph playing at `ms` (the last one starting at or before it), for linking a typed time to a moment. */
export function segmentAtTime(store: Store, episodeId: string, ms: number): { id: number; startMs: number } | null {
  const row = store.db
    .prepare(
      `SELECT id, start_ms AS startMs FROM segment WHERE episode_id = ? AND start_ms <= ?
       ORDER BY start_ms DESC, idx DESC LIMIT 1`,
    )
    .get(episodeId, ms) as { id: number; startMs: number } | undefined;
  return row ?? null;
}
