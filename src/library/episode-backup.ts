import { conceptNameKey, type Language, type MasteryState, type TranscriptFormat } from "../core/index.js";
import {
  deleteEpisode,
  findEpisodeBySha256,
  getEpisode,
  getSegments,
  insertEpisode,
  listSpeakers,
  type SourceKind,
  type Store,
} from "../store/index.js";

/**
 * One episode and everything the learner did with it, as one JSON document (`export --format
 * json`), and the way back (`deeplisten restore-episode`). Rows point at each other by position
 * and by concept key, never by database id, so the file restores into any library: segments by
 * their index, concepts by their library key, attempts and cards by their place in the file. The
 * analysis is not stored: it is run again on restore (it is derived from the transcript).
 */

export const EPISODE_BACKUP_FORMAT = "deeplisten-episode";
export const EPISODE_BACKUP_VERSION = 1;

type Row = Record<string, unknown>;

export interface EpisodeBackup {
  format: typeof EPISODE_BACKUP_FORMAT;
  version: number;
  exportedAt: string;
  episode: {
    id: string;
    title: string;
    show: string | null;
    language: Language;
    durationMs: number;
    wordCount: number;
    format: TranscriptFormat;
    source: { kind: SourceKind; ref: string; sha256: string };
    audioUrl: string | null;
    videoUrl: string | null;
    audioOffsetMs: number;
    timingEstimated: boolean;
    speakersAnonymous: boolean;
    importedAt: string;
  };
  speakers: { name: string; role: "host" | "guest" | "speaker"; anonymous: boolean }[];
  /** In order: a segment is referred to by its index here. */
  segments: { startMs: number; endMs: number; speaker: string | null; text: string }[];
  chapters: { title: string; startMs: number; endMs: number; source: "published" | "detected" }[];
  /** Every concept the learner's work refers to (by key). */
  concepts: {
    key: string;
    name: string;
    kind: string;
    packEntryId: string | null;
    aliases: string[];
    mastery: MasteryState;
  }[];
  learner: {
    pass: number | null;
    listenSpans: Row[];
    marks: Row[];
    /** `ref` is the attempt's place in this list, used by mastery events and review logs. */
    attempts: Row[];
    masteryEvents: Row[];
    tutorMessages: Row[];
    map: { tree: unknown; revision: number; updatedAt: string } | null;
    stances: Row[];
    insights: Row[];
    cards: Row[];
    /** Quotes the learner accepted as credited (absent in backups made before acceptances existed). */
    quoteAcceptances?: Row[];
  };
}

/** A backup file that cannot be restored; the message says why and what to do. */
export class EpisodeBackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EpisodeBackupError";
  }
}

/** The episode and the learner's work on it; null when there is no such episode. */
export function episodeBackup(store: Store, episodeId: string): EpisodeBackup | null {
  const { db } = store;
  const episode = getEpisode(store, episodeId);
  if (!episode) return null;
  const row = db
    .prepare(
      "SELECT source_sha256 AS sha256, word_count AS wordCount, audio_offset_ms AS audioOffsetMs FROM episode WHERE id = ?",
    )
    .get(episodeId) as { sha256: string; wordCount: number; audioOffsetMs: number };
  const segmentIdx = new Map(
    (
      db.prepare("SELECT id, idx FROM segment WHERE episode_id = ?").all(episodeId) as { id: number; idx: number }[]
    ).map((s) => [s.id, s.idx]),
  );
  const idx = (id: unknown) => (typeof id === "number" ? (segmentIdx.get(id) ?? null) : null);
  const conceptIds = new Set<number>();
  const key = (id: unknown): string | null => {
    if (typeof id !== "number") return null;
    conceptIds.add(id);
    return (db.prepare("SELECT key FROM concept WHERE id = ?").get(id) as { key: string } | undefined)?.key ?? null;
  };
  const all = (sql: string, ...params: unknown[]) => db.prepare(sql).all(episodeId, ...params) as Row[];

  const attemptRows = all("SELECT * FROM explanation_attempt WHERE episode_id = ? ORDER BY id");
  const attemptRef = new Map(attemptRows.map((a, i) => [a.id as number, i]));
  const ref = (id: unknown) => (typeof id === "number" ? (attemptRef.get(id) ?? null) : null);

  const stances = all("SELECT * FROM stance_topic WHERE episode_id = ? ORDER BY idx, id").map((t) => ({
    idx: t.idx,
    title: t.title,
    clashIdx: t.clash_idx,
    synthesis: t.synthesis,
    updatedAt: t.updated_at,
    cells: (db.prepare("SELECT * FROM stance_cell WHERE topic_id = ? ORDER BY speaker").all(t.id) as Row[]).map(
      (c) => ({
        speaker: c.speaker,
        position: c.position,
        quote: c.quote,
        startMs: c.start_ms,
        segment: idx(c.segment_id),
        updatedAt: c.updated_at,
      }),
    ),
  }));

  const cards = all("SELECT * FROM review_card WHERE episode_id = ? ORDER BY id").map((c) => ({
    concept: key(c.concept_id),
    kind: c.kind,
    prompt: c.prompt,
    answer: c.answer,
    segment: idx(c.segment_id),
    startMs: c.start_ms,
    due: c.due,
    stability: c.stability,
    difficulty: c.difficulty,
    elapsedDays: c.elapsed_days,
    scheduledDays: c.scheduled_days,
    learningSteps: c.learning_steps,
    reps: c.reps,
    lapses: c.lapses,
    state: c.state,
    lastReview: c.last_review,
    createdAt: c.created_at,
    log: (db.prepare("SELECT * FROM review_log WHERE card_id = ? ORDER BY id").all(c.id) as Row[]).map((l) => ({
      rating: l.rating,
      answer: l.answer,
      verdict: l.verdict,
      confidence: l.confidence,
      attempt: ref(l.attempt_id),
      reviewedAt: l.reviewed_at,
    })),
  }));

  const learnerMap = db
    .prepare("SELECT tree, revision, updated_at AS updatedAt FROM learner_map WHERE episode_id = ?")
    .get(episodeId) as { tree: string; revision: number; updatedAt: string } | undefined;

  const learner: EpisodeBackup["learner"] = {
    pass:
      (db.prepare("SELECT pass FROM episode_pass WHERE episode_id = ?").get(episodeId) as { pass: number } | undefined)
        ?.pass ?? null,
    listenSpans: all(
      "SELECT pass, start_ms AS startMs, end_ms AS endMs, wall_ms AS wallMs, created_at AS createdAt FROM listen_span WHERE episode_id = ? ORDER BY id",
    ),
    marks: all("SELECT * FROM mark WHERE episode_id = ? ORDER BY id").map((m) => ({
      pass: m.pass,
      kind: m.kind,
      startMs: m.start_ms,
      segment: idx(m.segment_id),
      selection: m.selection,
      concept: key(m.concept_id),
      confidence: m.confidence,
      note: m.note,
      createdAt: m.created_at,
    })),
    attempts: attemptRows.map((a) => ({
      concept: key(a.concept_id),
      language: a.language,
      confidence: a.confidence,
      text: a.text,
      verdict: a.verdict,
      covered: JSON.parse(a.covered as string),
      missing: JSON.parse(a.missing as string),
      misconceptions: JSON.parse(a.misconceptions as string),
      feedback: a.feedback,
      grader: a.grader,
      context: a.context,
      createdAt: a.created_at,
    })),
    masteryEvents: all("SELECT * FROM mastery_event WHERE episode_id = ? ORDER BY id").map((e) => ({
      concept: key(e.concept_id),
      event: e.event,
      from: e.from_state,
      to: e.to_state,
      attempt: ref(e.attempt_id),
      createdAt: e.created_at,
    })),
    tutorMessages: all("SELECT * FROM tutor_message WHERE episode_id = ? ORDER BY id").map((m) => ({
      concept: key(m.concept_id),
      role: m.role,
      content: m.content,
      citations: (JSON.parse(m.citations as string) as { segmentId?: number; startMs?: number }[]).map((c) => ({
        ...c,
        segmentId: undefined,
        segment: idx(c.segmentId),
      })),
      provider: m.provider,
      model: m.model,
      inputTokens: m.input_tokens,
      outputTokens: m.output_tokens,
      cached: m.cached,
      createdAt: m.created_at,
    })),
    map: learnerMap
      ? {
          tree: mapSegments(JSON.parse(learnerMap.tree), idx),
          revision: learnerMap.revision,
          updatedAt: learnerMap.updatedAt,
        }
      : null,
    stances,
    quoteAcceptances: all("SELECT * FROM quote_acceptance WHERE episode_id = ? ORDER BY created_at, quote").map(
      (q) => ({ quote: q.quote, speaker: q.speaker, verdict: q.verdict, createdAt: q.created_at }),
    ),
    insights: all("SELECT * FROM insight WHERE episode_id = ? ORDER BY id").map((i) => ({
      text: i.text,
      concepts: (JSON.parse(i.concept_ids as string) as number[]).map(key).filter((k) => k !== null),
      moments: (JSON.parse(i.moments as string) as { startMs: number; segmentId: number | null }[]).map((m) => ({
        startMs: m.startMs,
        segment: idx(m.segmentId),
      })),
      createdAt: i.created_at,
      updatedAt: i.updated_at,
    })),
    cards,
  };

  const concepts = [...conceptIds].map((id) => {
    const c = db.prepare("SELECT key, name, kind, pack_entry_id AS packEntryId FROM concept WHERE id = ?").get(id) as {
      key: string;
      name: string;
      kind: string;
      packEntryId: string | null;
    };
    const aliases = (
      db.prepare("SELECT alias FROM concept_alias WHERE concept_id = ? ORDER BY alias").all(id) as { alias: string }[]
    ).map((a) => a.alias);
    const mastery =
      (db.prepare("SELECT state FROM mastery WHERE concept_id = ?").get(id) as { state: MasteryState } | undefined)
        ?.state ?? "new";
    return { ...c, aliases, mastery };
  });

  return {
    format: EPISODE_BACKUP_FORMAT,
    version: EPISODE_BACKUP_VERSION,
    exportedAt: store.now().toISOString(),
    episode: {
      id: episode.id,
      title: episode.title,
      show: episode.show,
      language: episode.language,
      durationMs: episode.durationMs,
      wordCount: row.wordCount,
      format: episode.format,
      source: { ...episode.source, sha256: row.sha256 },
      audioUrl: episode.audioUrl,
      videoUrl: episode.videoUrl,
      audioOffsetMs: row.audioOffsetMs,
      timingEstimated: episode.timingEstimated,
      speakersAnonymous: episode.speakersAnonymous,
      importedAt: episode.importedAt,
    },
    speakers: listSpeakers(store, episodeId).map((s) => ({ name: s.name, role: s.role, anonymous: s.anonymous })),
    segments: getSegments(store, episodeId).map(({ startMs, endMs, speaker, text }) => ({
      startMs,
      endMs,
      speaker,
      text,
    })),
    chapters: db
      .prepare(
        "SELECT title, start_ms AS startMs, end_ms AS endMs, source FROM chapter WHERE episode_id = ? ORDER BY idx",
      )
      .all(episodeId) as EpisodeBackup["chapters"],
    concepts,
    learner,
  };
}

export interface RestoreEpisodeOptions {
  /** Replace an episode of the library imported from the same source (its own work is lost). */
  replace?: boolean;
  /** Runs the analysis of the restored episode (concepts, definitions, clashes, draft map). */
  analyze?: (store: Store, episodeId: string) => void;
}

export interface RestoreEpisodeSummary {
  episodeId: string;
  title: string;
  /** The episode this one replaced, if any. */
  replaced: string | null;
  counts: { segments: number; marks: number; attempts: number; stances: number; insights: number; cards: number };
}

/**
 * Brings an episode backup into the library in one transaction: the episode (a new id), its
 * analysis again, then the learner's work with every reference mapped to this library's rows.
 * Concepts are matched by key (created when the library lacks them); a concept's mastery is taken
 * from the file unless this library already has it further than "new". Attempts already present
 * (same concept, time and text: a restore after a delete) are not doubled.
 */
export function restoreEpisodeBackup(
  store: Store,
  input: unknown,
  options: RestoreEpisodeOptions = {},
): RestoreEpisodeSummary {
  const backup = checkBackup(input);
  const { db } = store;
  return db.transaction(() => {
    const existing = findEpisodeBySha256(store, backup.episode.source.sha256);
    if (existing && !options.replace) {
      throw new EpisodeBackupError(
        `"${backup.episode.title}" is already in the library as ${existing}; add --replace to replace it with the backup`,
      );
    }
    if (existing) deleteEpisode(store, existing);
    const e = backup.episode;
    const episodeId = insertEpisode(store, {
      title: e.title,
      show: e.show,
      language: e.language,
      durationMs: e.durationMs,
      wordCount: e.wordCount,
      format: e.format,
      source: e.source,
      audioUrl: e.audioUrl,
      videoUrl: e.videoUrl,
      timingEstimated: e.timingEstimated,
      speakersAnonymous: e.speakersAnonymous,
      people: backup.speakers,
      segments: backup.segments,
      chapters: backup.chapters,
    });
    db.prepare("UPDATE episode SET imported_at = ?, audio_offset_ms = ? WHERE id = ?").run(
      e.importedAt,
      e.audioOffsetMs ?? 0,
      episodeId,
    );
    options.analyze?.(store, episodeId);

    const segmentIds = (
      db.prepare("SELECT id FROM segment WHERE episode_id = ? ORDER BY idx").all(episodeId) as { id: number }[]
    ).map((s) => s.id);
    const seg = (i: unknown) => (typeof i === "number" ? (segmentIds[i] ?? null) : null);
    const conceptId = conceptResolver(store, backup);
    const L = backup.learner;

    if (L.pass) {
      db.prepare("INSERT INTO episode_pass (episode_id, pass, updated_at) VALUES (?, ?, ?)").run(
        episodeId,
        L.pass,
        store.now().toISOString(),
      );
    }
    const span = db.prepare(
      "INSERT INTO listen_span (episode_id, pass, start_ms, end_ms, wall_ms, created_at) VALUES (?, ?, ?, ?, ?, ?)",
    );
    for (const s of L.listenSpans) span.run(episodeId, s.pass, s.startMs, s.endMs, s.wallMs, s.createdAt);

    const mark = db.prepare(
      `INSERT INTO mark (episode_id, pass, kind, start_ms, segment_id, selection, concept_id, confidence, note, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const m of L.marks)
      mark.run(
        episodeId,
        m.pass,
        m.kind,
        m.startMs,
        seg(m.segment),
        m.selection,
        conceptId(m.concept),
        m.confidence,
        m.note,
        m.createdAt,
      );

    const attemptIds: (number | null)[] = L.attempts.map((a) => {
      const cid = conceptId(a.concept);
      if (cid === null) return null;
      const same = db
        .prepare("SELECT id FROM explanation_attempt WHERE concept_id = ? AND created_at = ? AND text = ?")
        .get(cid, a.createdAt, a.text) as { id: number } | undefined;
      if (same) {
        db.prepare("UPDATE explanation_attempt SET episode_id = ? WHERE id = ? AND episode_id IS NULL").run(
          episodeId,
          same.id,
        );
        return same.id;
      }
      return Number(
        db
          .prepare(
            `INSERT INTO explanation_attempt (concept_id, episode_id, language, confidence, text, verdict, covered, missing,
               misconceptions, feedback, grader, created_at, context) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            cid,
            episodeId,
            a.language,
            a.confidence,
            a.text,
            a.verdict,
            JSON.stringify(a.covered),
            JSON.stringify(a.missing),
            JSON.stringify(a.misconceptions),
            a.feedback,
            a.grader,
            a.createdAt,
            a.context ?? "tutor",
          ).lastInsertRowid,
      );
    });
    const attempt = (ref: unknown) => (typeof ref === "number" ? (attemptIds[ref] ?? null) : null);

    for (const ev of L.masteryEvents) {
      const cid = conceptId(ev.concept);
      if (cid === null) continue;
      const same = db
        .prepare("SELECT id FROM mastery_event WHERE concept_id = ? AND created_at = ? AND event = ? AND to_state = ?")
        .get(cid, ev.createdAt, ev.event, ev.to) as { id: number } | undefined;
      if (same) {
        db.prepare("UPDATE mastery_event SET episode_id = ? WHERE id = ? AND episode_id IS NULL").run(
          episodeId,
          same.id,
        );
        continue;
      }
      db.prepare(
        "INSERT INTO mastery_event (concept_id, episode_id, event, from_state, to_state, attempt_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
      ).run(cid, episodeId, ev.event, ev.from, ev.to, attempt(ev.attempt), ev.createdAt);
    }

    const message = db.prepare(
      `INSERT INTO tutor_message (concept_id, episode_id, role, content, citations, provider, model, input_tokens,
         output_tokens, cached, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const m of L.tutorMessages) {
      const cid = conceptId(m.concept);
      if (cid === null) continue;
      const citations = ((m.citations as Row[]) ?? []).map(({ segment, ...c }) => ({ ...c, segmentId: seg(segment) }));
      message.run(
        cid,
        episodeId,
        m.role,
        m.content,
        JSON.stringify(citations),
        m.provider,
        m.model,
        m.inputTokens,
        m.outputTokens,
        m.cached,
        m.createdAt,
      );
    }

    if (L.map) {
      db.prepare("INSERT INTO learner_map (episode_id, tree, revision, updated_at) VALUES (?, ?, ?, ?)").run(
        episodeId,
        JSON.stringify(mapSegments(L.map.tree, seg)),
        L.map.revision,
        L.map.updatedAt,
      );
    }

    for (const t of L.stances) {
      const topicId = Number(
        db
          .prepare(
            "INSERT INTO stance_topic (episode_id, idx, title, clash_idx, synthesis, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
          )
          .run(episodeId, t.idx, t.title, t.clashIdx, t.synthesis, t.updatedAt).lastInsertRowid,
      );
      for (const c of t.cells as Row[]) {
        db.prepare(
          "INSERT INTO stance_cell (topic_id, speaker, position, quote, start_ms, segment_id, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        ).run(topicId, c.speaker, c.position, c.quote, c.startMs, seg(c.segment), c.updatedAt);
      }
    }

    for (const q of L.quoteAcceptances ?? []) {
      db.prepare(
        "INSERT OR IGNORE INTO quote_acceptance (episode_id, quote, speaker, verdict, created_at) VALUES (?, ?, ?, ?, ?)",
      ).run(episodeId, q.quote, q.speaker, q.verdict, q.createdAt);
    }

    for (const i of L.insights) {
      const concepts = (i.concepts as string[]).map(conceptId).filter((id) => id !== null);
      const moments = (i.moments as Row[]).map((m) => ({ startMs: m.startMs, segmentId: seg(m.segment) }));
      db.prepare(
        "INSERT INTO insight (episode_id, text, concept_ids, moments, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
      ).run(episodeId, i.text, JSON.stringify(concepts), JSON.stringify(moments), i.createdAt, i.updatedAt);
    }

    let cards = 0;
    for (const c of L.cards) {
      const cid = conceptId(c.concept);
      if (cid === null) continue;
      const inserted = db
        .prepare(
          `INSERT INTO review_card (concept_id, episode_id, kind, prompt, answer, segment_id, start_ms, due, stability,
             difficulty, elapsed_days, scheduled_days, learning_steps, reps, lapses, state, last_review, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (concept_id, kind, prompt) DO NOTHING`,
        )
        .run(
          cid,
          episodeId,
          c.kind,
          c.prompt,
          c.answer,
          seg(c.segment),
          c.startMs,
          c.due,
          c.stability,
          c.difficulty,
          c.elapsedDays,
          c.scheduledDays,
          c.learningSteps,
          c.reps,
          c.lapses,
          c.state,
          c.lastReview,
          c.createdAt,
        );
      // A card this library already has keeps its own schedule and history.
      if (inserted.changes === 0) continue;
      cards++;
      const cardId = Number(inserted.lastInsertRowid);
      for (const l of c.log as Row[]) {
        db.prepare(
          "INSERT INTO review_log (card_id, rating, answer, verdict, confidence, attempt_id, reviewed_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        ).run(cardId, l.rating, l.answer, l.verdict, l.confidence, attempt(l.attempt), l.reviewedAt);
      }
    }

    return {
      episodeId,
      title: e.title,
      replaced: existing,
      counts: {
        segments: backup.segments.length,
        marks: L.marks.length,
        attempts: L.attempts.length,
        stances: L.stances.length,
        insights: L.insights.length,
        cards,
      },
    };
  })();
}

/** Concept key -> this library's concept id, creating concepts it lacks and taking mastery it has not got. */
function conceptResolver(store: Store, backup: EpisodeBackup): (key: unknown) => number | null {
  const { db } = store;
  const ids = new Map<string, number>();
  for (const c of backup.concepts) {
    let id = (db.prepare("SELECT id FROM concept WHERE key = ?").get(c.key) as { id: number } | undefined)?.id;
    if (id === undefined) {
      id = Number(
        db
          .prepare("INSERT INTO concept (key, name, kind, pack_entry_id) VALUES (?, ?, ?, ?)")
          .run(c.key, c.name, c.kind, c.packEntryId).lastInsertRowid,
      );
    }
    for (const alias of c.aliases) {
      db.prepare("INSERT OR IGNORE INTO concept_alias (concept_id, alias, alias_key) VALUES (?, ?, ?)").run(
        id,
        alias,
        conceptNameKey(alias),
      );
    }
    const state = (
      db.prepare("SELECT state FROM mastery WHERE concept_id = ?").get(id) as { state: string } | undefined
    )?.state;
    if ((state === undefined || state === "new") && c.mastery !== "new") {
      db.prepare(
        `INSERT INTO mastery (concept_id, state, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (concept_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
      ).run(id, c.mastery, store.now().toISOString());
    }
    ids.set(c.key, id);
  }
  return (key) => (typeof key === "string" ? (ids.get(key) ?? null) : null);
}

/** The learner map's moment links: segment ids become indexes in a backup, and back on restore. */
function mapSegments(tree: unknown, convert: (value: unknown) => number | null): unknown {
  const walk = (node: unknown): unknown => {
    if (!node || typeof node !== "object" || Array.isArray(node)) return node;
    const n = { ...(node as Row) };
    const meta = n.metadata as Row | undefined;
    const link = meta?.deeplisten as Row | undefined;
    if (link && "segmentId" in link) {
      n.metadata = { ...meta, deeplisten: { ...link, segmentId: convert(link.segmentId) ?? undefined } };
    }
    if (Array.isArray(n.children)) n.children = n.children.map(walk);
    return n;
  };
  if (!tree || typeof tree !== "object") return tree;
  const t = { ...(tree as Row) };
  t.nodeData = walk(t.nodeData);
  return t;
}

/** Checks the shape of a backup file enough to restore it safely. */
function checkBackup(input: unknown): EpisodeBackup {
  const b = input as Partial<EpisodeBackup> | null;
  if (!b || typeof b !== "object" || b.format !== EPISODE_BACKUP_FORMAT) {
    throw new EpisodeBackupError(`this is not a deeplisten episode backup (no "format": "${EPISODE_BACKUP_FORMAT}")`);
  }
  if (typeof b.version !== "number" || b.version > EPISODE_BACKUP_VERSION) {
    throw new EpisodeBackupError(
      `this backup is version ${String(b.version)}; this deeplisten reads up to version ${EPISODE_BACKUP_VERSION}: update deeplisten`,
    );
  }
  const missing = (["episode", "speakers", "segments", "chapters", "concepts", "learner"] as const).find(
    (k) => b[k] === undefined || b[k] === null,
  );
  if (missing) throw new EpisodeBackupError(`the backup has no "${missing}"`);
  if (!Array.isArray(b.segments) || b.segments.length === 0)
    throw new EpisodeBackupError("the backup has no transcript segments");
  return b as EpisodeBackup;
}
