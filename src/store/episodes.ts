import type { Language, TranscriptFormat } from "../core/index.js";
import type { Store } from "./database.js";

/**
 * TEST HOOK, not a setting: `DEEPLISTEN_TEST_PAUSE_BEFORE_COMMIT_MS` makes insertEpisode hold its
 * transaction open that long before committing, so the crash tests can SIGKILL an import exactly
 * mid-transaction. Read once at load; 0 (unset) costs nothing.
 */
const TEST_PAUSE_BEFORE_COMMIT_MS = Number(process.env.DEEPLISTEN_TEST_PAUSE_BEFORE_COMMIT_MS) || 0;

export type SourceKind = "file" | "url" | "rss-item" | "sample";

/** What the library knows of an episode, as the CLI and the API show it. */
export interface EpisodeSummary {
  id: string;
  title: string;
  show: string | null;
  language: Language;
  durationMs: number;
  speakers: string[];
  segmentCount: number;
  wordCount: number;
  chapters: { title: string; startMs: number }[];
  format: TranscriptFormat;
  source: { kind: SourceKind; ref: string };
  audioUrl: string | null;
  videoUrl: string | null;
  timingEstimated: boolean;
  speakersAnonymous: boolean;
  importedAt: string;
}

export interface StoredSegment {
  id: number;
  startMs: number;
  endMs: number;
  speaker: string | null;
  text: string;
}

export interface StoredChapter {
  title: string;
  startMs: number;
  endMs: number;
  source: "published" | "detected";
}

/** Everything needed to write a new episode; built by the library service from a Transcript. */
export interface NewEpisode {
  title: string;
  show: string | null;
  language: Language;
  durationMs: number;
  wordCount: number;
  format: TranscriptFormat;
  source: { kind: SourceKind; ref: string; sha256: string };
  audioUrl: string | null;
  videoUrl: string | null;
  timingEstimated: boolean;
  speakersAnonymous: boolean;
  people: { name: string; role: "host" | "guest" | "speaker"; anonymous: boolean }[];
  segments: { startMs: number; endMs: number; speaker: string | null; text: string }[];
  chapters: StoredChapter[];
}

/**
 * Writes an episode with its speakers, segments, chapters and search index in ONE transaction:
 * a failure anywhere leaves the library exactly as it was.
 */
export function insertEpisode(store: Store, episode: NewEpisode): string {
  const { db } = store;
  const id = store.newId("ep");
  const insertEpisodeRow = db.prepare(
    `INSERT INTO episode (id, title, show, language, duration_ms, word_count, format, source_kind, source_ref,
       source_sha256, audio_url, video_url, timing_estimated, speakers_anonymous, imported_at)
     VALUES (@id, @title, @show, @language, @durationMs, @wordCount, @format, @sourceKind, @sourceRef,
       @sha256, @audioUrl, @videoUrl, @timingEstimated, @speakersAnonymous, @importedAt)`,
  );
  const insertSpeaker = db.prepare("INSERT INTO speaker (episode_id, name, role, anonymous) VALUES (?, ?, ?, ?)");
  const insertSegment = db.prepare(
    "INSERT INTO segment (episode_id, idx, start_ms, end_ms, speaker_id, text) VALUES (?, ?, ?, ?, ?, ?)",
  );
  const insertChapter = db.prepare(
    "INSERT INTO chapter (episode_id, idx, title, start_ms, end_ms, source) VALUES (?, ?, ?, ?, ?, ?)",
  );
  const ftsTable = episode.language === "zh" ? "segment_fts_trigram" : "segment_fts";
  const insertFts = db.prepare(`INSERT INTO ${ftsTable} (rowid, text) VALUES (?, ?)`);

  db.transaction(() => {
    insertEpisodeRow.run({
      id,
      title: episode.title,
      show: episode.show,
      language: episode.language,
      durationMs: episode.durationMs,
      wordCount: episode.wordCount,
      format: episode.format,
      sourceKind: episode.source.kind,
      sourceRef: episode.source.ref,
      sha256: episode.source.sha256,
      audioUrl: episode.audioUrl,
      videoUrl: episode.videoUrl,
      timingEstimated: episode.timingEstimated ? 1 : 0,
      speakersAnonymous: episode.speakersAnonymous ? 1 : 0,
      importedAt: store.now().toISOString(),
    });
    const speakerIds = new Map<string, number>();
    const addSpeaker = (name: string, role: string, anonymous: boolean) => {
      if (speakerIds.has(name)) return;
      const info = insertSpeaker.run(id, name, role, anonymous ? 1 : 0);
      speakerIds.set(name, Number(info.lastInsertRowid));
    };
    for (const p of episode.people) addSpeaker(p.name, p.role, p.anonymous);
    for (const s of episode.segments) if (s.speaker) addSpeaker(s.speaker, "speaker", episode.speakersAnonymous);
    episode.segments.forEach((s, idx) => {
      const speakerId = s.speaker ? (speakerIds.get(s.speaker) ?? null) : null;
      const info = insertSegment.run(id, idx, s.startMs, s.endMs, speakerId, s.text);
      insertFts.run(info.lastInsertRowid, s.text);
    });
    episode.chapters.forEach((c, idx) => {
      insertChapter.run(id, idx, c.title, c.startMs, c.endMs, c.source);
    });
    if (TEST_PAUSE_BEFORE_COMMIT_MS > 0) pauseBeforeCommit(TEST_PAUSE_BEFORE_COMMIT_MS);
  })();
  return id;
}

/** The test hook's pause: says so on stderr (the test kills on that line), then blocks, still inside the transaction. */
function pauseBeforeCommit(ms: number): void {
  process.stderr.write("deeplisten: test hook: pausing before commit\n");
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

interface EpisodeRow {
  id: string;
  title: string;
  show: string | null;
  language: Language;
  duration_ms: number;
  word_count: number;
  format: TranscriptFormat;
  source_kind: SourceKind;
  source_ref: string;
  audio_url: string | null;
  video_url: string | null;
  timing_estimated: number;
  speakers_anonymous: number;
  imported_at: string;
  segment_count: number;
}

const EPISODE_SELECT = `SELECT e.*, (SELECT count(*) FROM segment s WHERE s.episode_id = e.id) AS segment_count
  FROM episode e`;

/** All episodes, newest import first. */
export function listEpisodes(store: Store): EpisodeSummary[] {
  const rows = store.db.prepare(`${EPISODE_SELECT} ORDER BY e.imported_at DESC, e.rowid DESC`).all() as EpisodeRow[];
  return rows.map((r) => toSummary(store, r));
}

/** One episode by id, or null. */
export function getEpisode(store: Store, id: string): EpisodeSummary | null {
  const row = store.db.prepare(`${EPISODE_SELECT} WHERE e.id = ?`).get(id) as EpisodeRow | undefined;
  return row ? toSummary(store, row) : null;
}

/**
 * Finds an episode the way a person names it: its id, or a piece of its title that matches only
 * one episode. Returns the matches so the caller can say what was ambiguous.
 */
export function findEpisodes(store: Store, query: string): EpisodeSummary[] {
  const exact = getEpisode(store, query);
  if (exact) return [exact];
  const rows = store.db
    .prepare(`${EPISODE_SELECT} WHERE e.title LIKE ? ESCAPE '\\' ORDER BY e.imported_at DESC`)
    .all(`%${query.replace(/[%_\\]/g, "\\$&")}%`) as EpisodeRow[];
  return rows.map((r) => toSummary(store, r));
}

/** The episode imported from exactly these bytes, if any. */
export function findEpisodeBySha256(store: Store, sha256: string): string | null {
  const row = store.db.prepare("SELECT id FROM episode WHERE source_sha256 = ?").get(sha256) as
    | { id: string }
    | undefined;
  return row?.id ?? null;
}

/** The segments of an episode in order, with speaker names. */
export function getSegments(store: Store, episodeId: string): StoredSegment[] {
  return store.db
    .prepare(
      `SELECT s.id, s.start_ms AS startMs, s.end_ms AS endMs, sp.name AS speaker, s.text
       FROM segment s LEFT JOIN speaker sp ON sp.id = s.speaker_id
       WHERE s.episode_id = ? ORDER BY s.idx`,
    )
    .all(episodeId) as StoredSegment[];
}

/** The chapters of an episode in order. */
export function getChapters(store: Store, episodeId: string): StoredChapter[] {
  return store.db
    .prepare(
      "SELECT title, start_ms AS startMs, end_ms AS endMs, source FROM chapter WHERE episode_id = ? ORDER BY idx",
    )
    .all(episodeId) as StoredChapter[];
}

/** Deletes an episode and everything hanging off it. */
export function deleteEpisode(store: Store, id: string): boolean {
  return store.db.prepare("DELETE FROM episode WHERE id = ?").run(id).changes > 0;
}

function toSummary(store: Store, r: EpisodeRow): EpisodeSummary {
  const speakers = (
    store.db
      .prepare(
        `SELECT sp.name FROM speaker sp
         LEFT JOIN (SELECT speaker_id, min(idx) AS first FROM segment WHERE episode_id = ? GROUP BY speaker_id) f
           ON f.speaker_id = sp.id
         WHERE sp.episode_id = ? ORDER BY f.first IS NULL, f.first, sp.id`,
      )
      .all(r.id, r.id) as { name: string }[]
  ).map((s) => s.name);
  const chapters = getChapters(store, r.id).map((c) => ({ title: c.title, startMs: c.startMs }));
  return {
    id: r.id,
    title: r.title,
    show: r.show,
    language: r.language,
    durationMs: r.duration_ms,
    speakers,
    segmentCount: r.segment_count,
    wordCount: r.word_count,
    chapters,
    format: r.format,
    source: { kind: r.source_kind, ref: r.source_ref },
    audioUrl: r.audio_url,
    videoUrl: r.video_url,
    timingEstimated: r.timing_estimated === 1,
    speakersAnonymous: r.speakers_anonymous === 1,
    importedAt: r.imported_at,
  };
}
