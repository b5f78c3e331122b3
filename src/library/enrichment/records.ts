import { getSetting, type Store, setSetting } from "../../store/index.js";
import type {
  ChapterSummary,
  ConceptEnrichmentContent,
  RefinedMapNode,
  StanceDraftTopic,
} from "../../tutor/enrichment/index.js";

/**
 * Where enrichment is kept. Concept material goes to concept_enrichment (one row per language,
 * beside the pack card, never in it); the episode's own results (chapter summaries, the stance
 * draft, the refined map, what was skipped, tokens and cost) to the setting `enrichment:<episode>`.
 */

/** A concept's model-written material in one language, with who wrote it. */
export interface StoredConceptEnrichment {
  conceptId: number;
  language: "en" | "zh";
  content: ConceptEnrichmentContent;
  provider: string;
  model: string;
  createdAt: string;
}

/** Keeps both languages of a concept's material in one transaction. */
export function saveConceptEnrichment(
  store: Store,
  conceptId: number,
  contents: { en: ConceptEnrichmentContent; zh: ConceptEnrichmentContent },
  by: { provider: string; model: string },
): void {
  const insert = store.db.prepare(
    `INSERT INTO concept_enrichment (concept_id, language, content, provider, model, created_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (concept_id, language) DO UPDATE SET content = excluded.content, provider = excluded.provider,
       model = excluded.model, created_at = excluded.created_at`,
  );
  store.db.transaction(() => {
    const at = store.now().toISOString();
    for (const language of ["en", "zh"] as const) {
      insert.run(conceptId, language, JSON.stringify(contents[language]), by.provider, by.model, at);
    }
  })();
}

/** A concept's material in a language, or null. */
export function getConceptEnrichment(
  store: Store,
  conceptId: number,
  language: "en" | "zh",
): StoredConceptEnrichment | null {
  const row = store.db
    .prepare(
      `SELECT concept_id AS conceptId, language, content, provider, model, created_at AS createdAt
       FROM concept_enrichment WHERE concept_id = ? AND language = ?`,
    )
    .get(conceptId, language) as (Omit<StoredConceptEnrichment, "content"> & { content: string }) | undefined;
  if (!row) return null;
  try {
    return { ...row, content: JSON.parse(row.content) as ConceptEnrichmentContent };
  } catch {
    return null;
  }
}

/** The ids of the concepts that have material already (both languages). */
export function enrichedConceptIds(store: Store, conceptIds: number[]): Set<number> {
  if (conceptIds.length === 0) return new Set();
  const rows = store.db
    .prepare(
      `SELECT concept_id AS id FROM concept_enrichment WHERE concept_id IN (${conceptIds.map(() => "?").join(",")})
       GROUP BY concept_id HAVING COUNT(*) = 2`,
    )
    .all(...conceptIds) as { id: number }[];
  return new Set(rows.map((r) => r.id));
}

/** What happened to a concept in the latest run. */
export interface ConceptOutcome {
  conceptId: number;
  name: string;
  /** written: by the model now; cached: from an earlier answer, no tokens; kept: it already had material; skipped: see reason. */
  status: "written" | "cached" | "kept" | "skipped";
  reason?: string;
}

/** The episode's enrichment as kept. */
export interface EpisodeEnrichmentRecord {
  version: 1;
  provider: string;
  model: string;
  updatedAt: string;
  chapters: ChapterSummary[];
  stances: StanceDraftTopic[];
  mindmap: RefinedMapNode | null;
  concepts: ConceptOutcome[];
  /** Steps that could not be done (a part the model could not read, the map, the stance draft). */
  problems: string[];
  /** Claims left out because their quote is not in the transcript. */
  droppedClaims: number;
  /** Everything enrichment has spent on this episode, all runs together. */
  tokens: { input: number; output: number };
  costUsd: number | null;
}

const key = (episodeId: string) => `enrichment:${episodeId}`;

/** The episode's enrichment, or null when it was never enriched. */
export function getEpisodeEnrichment(store: Store, episodeId: string): EpisodeEnrichmentRecord | null {
  const raw = getSetting(store, key(episodeId));
  if (!raw) return null;
  try {
    return JSON.parse(raw) as EpisodeEnrichmentRecord;
  } catch {
    return null;
  }
}

export function saveEpisodeEnrichment(store: Store, episodeId: string, record: EpisodeEnrichmentRecord): void {
  setSetting(store, key(episodeId), JSON.stringify(record));
}
