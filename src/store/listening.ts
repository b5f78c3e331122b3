import type { Store } from "./database.js";

export type PassNumber = 1 | 2 | 3;

/** The pass the learner is on for an episode; 1 until they choose another. */
export function getEpisodePass(store: Store, episodeId: string): PassNumber {
  const row = store.db.prepare("SELECT pass FROM episode_pass WHERE episode_id = ?").get(episodeId) as
    | { pass: PassNumber }
    | undefined;
  return row?.pass ?? 1;
}

export function setEpisodePass(store: Store, episodeId: string, pass: PassNumber): void {
  store.db
    .prepare(
      `INSERT INTO episode_pass (episode_id, pass, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (episode_id) DO UPDATE SET pass = excluded.pass, updated_at = excluded.updated_at`,
    )
    .run(episodeId, pass, store.now().toISOString());
}

export interface ListenSpan {
  pass: PassNumber;
  startMs: number;
  endMs: number;
  wallMs: number;
}

/** Records a stretch of the episode played during a pass. */
export function addListenSpan(store: Store, episodeId: string, span: ListenSpan): void {
  store.db
    .prepare(
      "INSERT INTO listen_span (episode_id, pass, start_ms, end_ms, wall_ms, created_at) VALUES (?, ?, ?, ?, ?, ?)",
    )
    .run(episodeId, span.pass, span.startMs, span.endMs, span.wallMs, store.now().toISOString());
}

/** Every stretch played, by pass then position. */
export function listListenSpans(store: Store, episodeId: string): ListenSpan[] {
  return store.db
    .prepare(
      `SELECT pass, start_ms AS startMs, end_ms AS endMs, wall_ms AS wallMs FROM listen_span
       WHERE episode_id = ? ORDER BY pass, start_ms, id`,
    )
    .all(episodeId) as ListenSpan[];
}

/** Wall-clock time spent listening in each pass. */
export function timeSpentPerPass(store: Store, episodeId: string): Record<PassNumber, number> {
  const rows = store.db
    .prepare("SELECT pass, SUM(wall_ms) AS ms FROM listen_span WHERE episode_id = ? GROUP BY pass")
    .all(episodeId) as { pass: PassNumber; ms: number }[];
  const out: Record<PassNumber, number> = { 1: 0, 2: 0, 3: 0 };
  for (const r of rows) out[r.pass] = r.ms;
  return out;
}

/** What the library list shows of the learner's progress on each episode: one query for all. */
export function episodeProgressSummaries(
  store: Store,
): Map<
  string,
  { pass: PassNumber; conceptCount: number; verifiedCount: number; markCount: number; analysed: boolean }
> {
  const rows = store.db
    .prepare(
      `SELECT e.id,
         COALESCE((SELECT pass FROM episode_pass p WHERE p.episode_id = e.id), 1) AS pass,
         (SELECT COUNT(*) FROM episode_concept ec WHERE ec.episode_id = e.id) AS conceptCount,
         (SELECT COUNT(*) FROM episode_concept ec JOIN mastery m ON m.concept_id = ec.concept_id
            WHERE ec.episode_id = e.id AND m.state = 'verified') AS verifiedCount,
         (SELECT COUNT(*) FROM mark k WHERE k.episode_id = e.id) AS markCount,
         EXISTS (SELECT 1 FROM episode_analysis a WHERE a.episode_id = e.id) AS analysed
       FROM episode e`,
    )
    .all() as {
    id: string;
    pass: PassNumber;
    conceptCount: number;
    verifiedCount: number;
    markCount: number;
    analysed: number;
  }[];
  return new Map(rows.map((r) => [r.id, { ...r, analysed: r.analysed === 1 }]));
}
