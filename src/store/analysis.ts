import type { EpisodeAnalysis, ExtractedConcept, MindMapNode } from "../analysis/types.js";
import { conceptNameKey } from "../core/index.js";
import type { Store } from "./database.js";

/** Bumped when the analysis changes enough that stored results should be recomputed. */
export const ANALYSIS_VERSION = 1;

/**
 * Replaces an episode's analysis in one transaction: its concepts (joined to the library's
 * concepts by pack entry id, key or any known alias), mentions, definitions, detected chapters,
 * clashes and mind-map draft. Published chapters and everything the learner made are untouched.
 */
export function saveAnalysis(store: Store, episodeId: string, analysis: EpisodeAnalysis, tookMs: number): void {
  const { db } = store;
  const byKey = db.prepare("SELECT id FROM concept WHERE key = ?");
  const byAlias = db.prepare(
    "SELECT concept_id AS id FROM concept_alias WHERE alias_key = ? ORDER BY concept_id LIMIT 1",
  );
  const insertConcept = db.prepare("INSERT INTO concept (key, name, kind, pack_entry_id) VALUES (?, ?, ?, ?)");
  const insertAlias = db.prepare("INSERT OR IGNORE INTO concept_alias (concept_id, alias, alias_key) VALUES (?, ?, ?)");
  const insertEpisodeConcept = db.prepare(
    `INSERT INTO episode_concept (episode_id, concept_id, rank, score, name, aliases, mention_count, first_ms)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(episode_id, concept_id) DO NOTHING`,
  );
  const insertMention = db.prepare(
    "INSERT INTO mention (episode_id, concept_id, segment_id, start_char, end_char) VALUES (?, ?, ?, ?, ?)",
  );
  const insertDefinition = db.prepare(
    "INSERT INTO definition (episode_id, concept_id, segment_id, rank, score, text) VALUES (?, ?, ?, ?, ?, ?)",
  );
  const insertChapter = db.prepare(
    "INSERT INTO chapter (episode_id, idx, title, start_ms, end_ms, source) VALUES (?, ?, ?, ?, ?, 'detected')",
  );
  const insertClash = db.prepare(
    `INSERT INTO clash (episode_id, idx, start_ms, end_ms, speakers, topic, quote, segment_ids, concept_keys, confidence)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );

  db.transaction(() => {
    for (const table of ["episode_concept", "mention", "definition", "clash", "mindmap_draft", "episode_analysis"]) {
      db.prepare(`DELETE FROM ${table} WHERE episode_id = ?`).run(episodeId);
    }
    db.prepare("DELETE FROM chapter WHERE episode_id = ? AND source = 'detected'").run(episodeId);

    analysis.concepts.forEach((concept, rank) => {
      const conceptId = resolveConcept(concept);
      for (const name of [concept.name, ...concept.aliases]) insertAlias.run(conceptId, name, conceptNameKey(name));
      const first = concept.mentions.reduce((min, m) => Math.min(min, m.startMs), Number.POSITIVE_INFINITY);
      const inserted = insertEpisodeConcept.run(
        episodeId,
        conceptId,
        rank,
        concept.score,
        concept.name,
        JSON.stringify(concept.aliases),
        concept.mentions.length,
        Number.isFinite(first) ? first : 0,
      );
      // Two extracted concepts that the library knows as one: the better-ranked one speaks for both.
      if (inserted.changes === 0) return;
      for (const m of concept.mentions) insertMention.run(episodeId, conceptId, m.segmentId, m.start, m.end);
      concept.definitions.forEach((d, i) => {
        insertDefinition.run(episodeId, conceptId, d.segmentId, i, d.score, d.text);
      });
    });

    const published = db.prepare("SELECT count(*) AS n FROM chapter WHERE episode_id = ?").get(episodeId) as {
      n: number;
    };
    if (published.n === 0) {
      analysis.chapters
        .filter((c) => c.source === "detected")
        .forEach((c, i) => {
          insertChapter.run(episodeId, i, c.title, c.startMs, c.endMs);
        });
    }
    analysis.clashes.forEach((c, i) => {
      insertClash.run(
        episodeId,
        i,
        c.startMs,
        c.endMs,
        JSON.stringify(c.speakers),
        c.topic,
        c.quote,
        JSON.stringify(c.segmentIds),
        JSON.stringify(c.conceptKeys),
        c.confidence,
      );
    });
    db.prepare("INSERT INTO mindmap_draft (episode_id, tree) VALUES (?, ?)").run(
      episodeId,
      JSON.stringify(analysis.mindmap),
    );
    db.prepare("INSERT INTO episode_analysis (episode_id, version, analysed_at, took_ms) VALUES (?, ?, ?, ?)").run(
      episodeId,
      ANALYSIS_VERSION,
      store.now().toISOString(),
      Math.round(tookMs),
    );
  })();

  function resolveConcept(concept: ExtractedConcept): number {
    const existing =
      (byKey.get(concept.key) as { id: number } | undefined) ??
      [concept.name, ...concept.aliases]
        .map((n) => byAlias.get(conceptNameKey(n)) as { id: number } | undefined)
        .find((row) => row !== undefined);
    if (existing) return existing.id;
    return Number(insertConcept.run(concept.key, concept.name, concept.kind, concept.packEntryId).lastInsertRowid);
  }
}

/** A concept of one episode as the CLI contract prints it. */
export interface StoredEpisodeConcept {
  id: number;
  key: string;
  name: string;
  aliases: string[];
  kind: ExtractedConcept["kind"];
  score: number;
  mentionCount: number;
  firstMs: number;
  mentions: { segmentId: number; startMs: number }[];
  definitions: { segmentId: number; startMs: number; speaker: string | null; text: string }[];
  pack: string | null;
}

export interface StoredClash {
  startMs: number;
  endMs: number;
  speakers: string[];
  topic: string;
  quote: string;
  segmentIds: number[];
  conceptKeys: string[];
  confidence: number;
}

export interface StoredAnalysis {
  analysedAt: string;
  version: number;
  tookMs: number;
  concepts: StoredEpisodeConcept[];
  clashes: StoredClash[];
  mindmap: MindMapNode | null;
}

/** The stored analysis of an episode, concepts in ranked order; null when it was never analysed. */
export function getAnalysis(
  store: Store,
  episodeId: string,
  options: { conceptLimit?: number } = {},
): StoredAnalysis | null {
  const { db } = store;
  const meta = db
    .prepare("SELECT version, analysed_at AS analysedAt, took_ms AS tookMs FROM episode_analysis WHERE episode_id = ?")
    .get(episodeId) as { version: number; analysedAt: string; tookMs: number } | undefined;
  if (!meta) return null;
  return {
    ...meta,
    concepts: getEpisodeConcepts(store, episodeId, options.conceptLimit),
    clashes: getClashes(store, episodeId),
    mindmap: getMindMapDraft(store, episodeId),
  };
}

/** An episode's concepts in ranked order, with mentions and definitions. */
export function getEpisodeConcepts(store: Store, episodeId: string, limit = -1): StoredEpisodeConcept[] {
  return readEpisodeConcepts(store, episodeId, { limit });
}

/** One concept of an episode with its mentions and definitions, or null when the episode never says it. */
export function getEpisodeConcept(store: Store, episodeId: string, conceptId: number): StoredEpisodeConcept | null {
  return readEpisodeConcepts(store, episodeId, { conceptId, limit: 1 })[0] ?? null;
}

function readEpisodeConcepts(
  store: Store,
  episodeId: string,
  where: { conceptId?: number; limit: number },
): StoredEpisodeConcept[] {
  const { db } = store;
  const rows = db
    .prepare(
      `SELECT c.id, c.key, ec.name, ec.aliases, c.kind, ec.score, ec.mention_count AS mentionCount,
         ec.first_ms AS firstMs, c.pack_entry_id AS pack
       FROM episode_concept ec JOIN concept c ON c.id = ec.concept_id
       WHERE ec.episode_id = ? AND (? IS NULL OR ec.concept_id = ?) ORDER BY ec.rank LIMIT ?`,
    )
    .all(episodeId, where.conceptId ?? null, where.conceptId ?? null, where.limit) as (Omit<
    StoredEpisodeConcept,
    "aliases" | "mentions" | "definitions"
  > & {
    aliases: string;
  })[];
  const mentions = db.prepare(
    `SELECT m.segment_id AS segmentId, s.start_ms AS startMs FROM mention m JOIN segment s ON s.id = m.segment_id
     WHERE m.episode_id = ? AND m.concept_id = ? ORDER BY s.idx, m.start_char`,
  );
  const definitions = db.prepare(
    `SELECT d.segment_id AS segmentId, s.start_ms AS startMs, sp.name AS speaker, d.text
     FROM definition d JOIN segment s ON s.id = d.segment_id LEFT JOIN speaker sp ON sp.id = s.speaker_id
     WHERE d.episode_id = ? AND d.concept_id = ? ORDER BY d.rank`,
  );
  return rows.map((r) => ({
    ...r,
    aliases: JSON.parse(r.aliases) as string[],
    mentions: mentions.all(episodeId, r.id) as StoredEpisodeConcept["mentions"],
    definitions: definitions.all(episodeId, r.id) as StoredEpisodeConcept["definitions"],
  }));
}

/** Whether the episode has been analysed (before that it has no concepts, chapters or clashes of its own). */
export function isEpisodeAnalysed(store: Store, episodeId: string): boolean {
  return !!store.db.prepare("SELECT 1 FROM episode_analysis WHERE episode_id = ?").get(episodeId);
}

/** An episode's clash moments in time order. */
export function getClashes(store: Store, episodeId: string): StoredClash[] {
  const rows = store.db
    .prepare(
      `SELECT start_ms AS startMs, end_ms AS endMs, speakers, topic, quote, segment_ids AS segmentIds,
         concept_keys AS conceptKeys, confidence FROM clash WHERE episode_id = ? ORDER BY idx`,
    )
    .all(episodeId) as (Omit<StoredClash, "speakers" | "segmentIds" | "conceptKeys"> & {
    speakers: string;
    segmentIds: string;
    conceptKeys: string;
  })[];
  return rows.map((r) => ({
    ...r,
    speakers: JSON.parse(r.speakers),
    segmentIds: JSON.parse(r.segmentIds),
    conceptKeys: JSON.parse(r.conceptKeys),
  }));
}

/** The analysis' draft of the mind map, or null. */
export function getMindMapDraft(store: Store, episodeId: string): MindMapNode | null {
  const row = store.db.prepare("SELECT tree FROM mindmap_draft WHERE episode_id = ?").get(episodeId) as
    | { tree: string }
    | undefined;
  return row ? (JSON.parse(row.tree) as MindMapNode) : null;
}

/** The episodes a library-wide concept appears in, e.g. MoE in #459 and #490. */
export function episodesOfConcept(store: Store, conceptKey: string): { episodeId: string; mentionCount: number }[] {
  return store.db
    .prepare(
      `SELECT ec.episode_id AS episodeId, ec.mention_count AS mentionCount
       FROM episode_concept ec JOIN concept c ON c.id = ec.concept_id WHERE c.key = ? ORDER BY ec.episode_id`,
    )
    .all(conceptKey) as { episodeId: string; mentionCount: number }[];
}
