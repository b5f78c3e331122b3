import type { Store } from "./database.js";

export interface SegmentHit {
  segmentId: number;
  episodeId: string;
  startMs: number;
  speaker: string | null;
  text: string;
  /** The text with matches wrapped in [ and ]. */
  snippet: string;
}

/**
 * Full-text search over segments: English through the porter index (so "experts" finds "expert"),
 * Chinese through trigrams, and Chinese queries shorter than three characters through LIKE.
 */
export function searchSegments(store: Store, query: string, options: { episodeId?: string; limit?: number } = {}) {
  const limit = options.limit ?? 20;
  const terms = query.trim();
  if (!terms) return [] as SegmentHit[];
  const filter = options.episodeId ? "AND s.episode_id = @episodeId" : "";
  const params = { episodeId: options.episodeId ?? null, limit };
  const select = (table: string, match: string) =>
    store.db
      .prepare(
        `SELECT s.id AS segmentId, s.episode_id AS episodeId, s.start_ms AS startMs, sp.name AS speaker, s.text,
           snippet(${table}, 0, '[', ']', '…', 16) AS snippet
         FROM ${table} f JOIN segment s ON s.id = f.rowid LEFT JOIN speaker sp ON sp.id = s.speaker_id
         WHERE ${table} MATCH @match ${filter} ORDER BY bm25(${table}) LIMIT @limit`,
      )
      .all({ ...params, match }) as SegmentHit[];

  const phrase = `"${terms.replace(/"/g, '""')}"`;
  const hits = select("segment_fts", phrase);
  const cjk = /[\u3400-\u9fff]/u.test(terms);
  if (cjk && [...terms].length < 3) {
    const like = store.db
      .prepare(
        `SELECT s.id AS segmentId, s.episode_id AS episodeId, s.start_ms AS startMs, sp.name AS speaker, s.text,
           s.text AS snippet
         FROM segment s LEFT JOIN speaker sp ON sp.id = s.speaker_id
         WHERE s.text LIKE @like ${filter} ORDER BY s.episode_id, s.idx LIMIT @limit`,
      )
      .all({ ...params, like: `%${terms}%` }) as SegmentHit[];
    return [...hits, ...like].slice(0, limit);
  }
  if ([...terms].length >= 3) hits.push(...select("segment_fts_trigram", phrase));
  return hits.slice(0, limit);
}
