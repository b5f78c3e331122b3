import { ImportError } from "../../core/index.js";
import type { LlmConfig } from "../../llm/config.js";
import { type PriceLookup, priceOf } from "../../llm/pricing.js";
import { estimateTokens } from "../../llm/tokens.js";
import {
  getChapters,
  getEpisode,
  getEpisodeConcept,
  getEpisodeConcepts,
  getSegments,
  type Store,
  type StoredEpisodeConcept,
  sqliteLlmCache,
} from "../../store/index.js";
import {
  buildConceptPrompt,
  buildMapPrompt,
  type ConceptMaterial,
  chunkTranscript,
  type EnrichChapter,
  type EnrichConcept,
  type EnrichmentEstimate,
  type EnrichPrompt,
  EXPECTED_OUTPUT_TOKENS,
  estimateEnrichment,
  NOTES_ALLOWANCE_TOKENS,
  type PlannedCall,
  promptText,
  type TranscriptChunk,
} from "../../tutor/enrichment/index.js";
import { conceptPackEntry } from "../explain-back.js";
import { libraryPacks } from "../packs.js";
import { excerpt } from "../tutor-chat/retrieval.js";
import { enrichmentCacheKey } from "./model-call.js";
import { type ConceptOutcome, enrichedConceptIds } from "./records.js";

/** What the learner asked to enrich. */
export interface EnrichRequest {
  /** Only these concepts (the concept page's button); default: the whole episode. */
  conceptIds?: number[];
  /** For the whole episode: how many of its top concepts without a pack entry (default 20). */
  limit?: number;
}

/** Concepts written per request: three keeps an answer in two languages within an 8k context. */
export const CONCEPTS_PER_CALL = 3;
export const DEFAULT_CONCEPT_LIMIT = 20;

/** Everything a run needs, computed before any request, and the estimate shown first. */
export interface EnrichmentPlan {
  /** episode: map over the transcript, then concepts, stance draft and map; concepts: only the concepts asked for. */
  scope: "episode" | "concepts";
  episodeId: string;
  episodeTitle: string;
  transcriptTokens: number;
  chapters: EnrichChapter[];
  chunks: TranscriptChunk[];
  mapPrompts: EnrichPrompt[];
  /** Names of the concepts each part mentions (for its notes). */
  chunkConcepts: string[][];
  segmentTexts: Map<number, string>;
  /** Concepts to write, in rank order. */
  concepts: (EnrichConcept & { passages: ConceptMaterial["passages"] })[];
  /**
   * Every concept chosen, written already or not: the map step's notes and the mind map name them
   * all, so that their prompts (and so the cache) do not change when a run resumes.
   */
  chosen: { key: string; name: string }[];
  /** Concepts not written, and why (a pack card, material already there). */
  notWritten: ConceptOutcome[];
  estimate: EnrichmentEstimate;
}

/**
 * Reads the episode and works out the requests of an enrichment without sending any: the parts of
 * the transcript, the concepts to write (those without a pack entry: packs are never replaced), and
 * the estimate, where requests already answered (cached) cost nothing.
 */
export function planEnrichment(
  store: Store,
  home: string,
  episodeId: string,
  request: EnrichRequest,
  config: LlmConfig | null,
): EnrichmentPlan {
  const episode = getEpisode(store, episodeId);
  if (!episode) throw new ImportError(`no episode ${episodeId} in the library`);
  const segments = getSegments(store, episodeId);
  const segmentTexts = new Map(segments.map((s) => [s.id, s.text]));
  const chapters = getChapters(store, episodeId).map(({ title, startMs, endMs }) => ({ title, startMs, endMs }));
  const transcriptTokens = estimateTokens(segments.map((s) => s.text).join("\n"));
  const scope = request.conceptIds?.length ? "concepts" : "episode";
  const packs = libraryPacks(home);
  const hasPack = (c: StoredEpisodeConcept) => conceptPackEntry(packs, { packEntryId: c.pack, name: c.name }) !== null;

  const notWritten: ConceptOutcome[] = [];
  let candidates: StoredEpisodeConcept[];
  if (scope === "concepts") {
    candidates = [];
    for (const id of request.conceptIds ?? []) {
      const c = getEpisodeConcept(store, episodeId, id);
      if (!c) throw new ImportError(`concept ${id} is not a concept of this episode`);
      if (hasPack(c)) {
        notWritten.push({
          conceptId: c.id,
          name: c.name,
          status: "skipped",
          reason: "it has a pack card; enrichment never replaces a pack",
        });
      } else candidates.push(c);
    }
  } else {
    const limit = request.limit ?? DEFAULT_CONCEPT_LIMIT;
    candidates = getEpisodeConcepts(store, episodeId)
      .filter((c) => c.kind !== "person" && !hasPack(c))
      .slice(0, limit);
  }
  const already = enrichedConceptIds(
    store,
    candidates.map((c) => c.id),
  );
  for (const c of candidates.filter((c) => already.has(c.id))) {
    notWritten.push({ conceptId: c.id, name: c.name, status: "kept", reason: "it already has model-written material" });
  }
  const passageChars = scope === "episode" ? 350 : 600;
  const concepts = candidates
    .filter((c) => !already.has(c.id))
    .map((c) => ({
      id: c.id,
      key: c.key,
      name: c.name,
      aliases: c.aliases,
      definitions: c.definitions,
      mentions: c.mentions,
      passages: conceptPassages(c, segmentTexts, scope, passageChars),
    }));

  const chunks = scope === "episode" ? chunkTranscript(segments, chapters) : [];
  const chunkConcepts = chunks.map((chunk) => {
    const ids = new Set(chunk.segments.map((s) => s.id));
    return candidates.filter((c) => c.mentions.some((m) => ids.has(m.segmentId))).map((c) => c.name);
  });
  const mapPrompts = chunks.map((chunk, i) =>
    buildMapPrompt({
      episodeTitle: episode.title,
      chunk,
      chunkCount: chunks.length,
      concepts: chunkConcepts[i] ?? [],
    }),
  );

  const cache = config ? sqliteLlmCache(store) : null;
  const isCached = (purpose: string, p: EnrichPrompt) =>
    !!(config && cache?.read(enrichmentCacheKey(config, purpose, p)));
  const calls: PlannedCall[] = mapPrompts.map((p) => ({
    purpose: "map",
    inputTokens: estimateTokens(promptText(p)),
    outputTokens: EXPECTED_OUTPUT_TOKENS.map,
    cached: isCached("map", p),
  }));
  for (let i = 0; i < concepts.length; i += CONCEPTS_PER_CALL) {
    const batch = concepts.slice(i, i + CONCEPTS_PER_CALL);
    const prompt = buildConceptPrompt({
      episodeTitle: episode.title,
      concepts: batch.map((c) => ({ name: c.name, aliases: c.aliases, notes: [], passages: c.passages })),
    });
    calls.push({
      purpose: "concepts",
      inputTokens:
        estimateTokens(promptText(prompt)) + (scope === "episode" ? NOTES_ALLOWANCE_TOKENS * batch.length : 0),
      outputTokens: EXPECTED_OUTPUT_TOKENS.concept * batch.length,
      cached: scope === "concepts" && isCached("concepts", prompt),
    });
  }
  if (scope === "episode") {
    // Each part gives up to 5 claims of about 30 tokens; the map prompt lists chapters with summaries.
    calls.push({
      purpose: "stance",
      inputTokens: 120 + chunks.length * 5 * 30,
      outputTokens: EXPECTED_OUTPUT_TOKENS.stance,
      cached: false,
    });
    calls.push({
      purpose: "mindmap",
      inputTokens: 200 + Math.max(chapters.length, chunks.length) * 80 + candidates.length * 6,
      outputTokens: EXPECTED_OUTPUT_TOKENS.mindmap,
      cached: false,
    });
  }
  const allCached = calls.length > 0 && calls.filter((c) => c.purpose === "map").every((c) => c.cached);
  // With every part answered already, the later steps are usually answered too: count them as cached
  // only when there is nothing else to do, so a repeated run says it costs nothing.
  if (allCached && concepts.length === 0) for (const c of calls) c.cached = true;
  const price: PriceLookup = config
    ? priceOf(config.provider.id, config.model)
    : { kind: "unknown", provider: "none", model: "none" };
  return {
    scope,
    episodeId,
    episodeTitle: episode.title,
    transcriptTokens,
    chapters,
    chunks,
    mapPrompts,
    chunkConcepts,
    segmentTexts,
    concepts,
    chosen: candidates.map((c) => ({ key: c.key, name: c.name })),
    notWritten,
    estimate: estimateEnrichment(calls, price, transcriptTokens),
  };
}

/**
 * The passages a concept is written from: its defining moments (and, when it is enriched alone,
 * without the map step's notes, a few mentions across the episode), cut around the concept's name.
 */
function conceptPassages(
  c: StoredEpisodeConcept,
  texts: Map<number, string>,
  scope: "episode" | "concepts",
  maxChars: number,
): ConceptMaterial["passages"] {
  const focus = [c.name, ...c.aliases];
  const picked = c.definitions.slice(0, scope === "episode" ? 2 : 4).map((d) => ({
    segmentId: d.segmentId,
    startMs: d.startMs,
    speaker: d.speaker,
    text: excerpt(d.text, focus, maxChars),
  }));
  if (scope === "concepts") {
    const ids = new Set(picked.map((p) => p.segmentId));
    const rest = c.mentions.filter((m) => !ids.has(m.segmentId));
    const step = Math.max(1, Math.floor(rest.length / 3));
    for (let i = 0; i < rest.length && picked.length < 7; i += step) {
      const m = rest[i];
      const text = m ? texts.get(m.segmentId) : undefined;
      if (m && text)
        picked.push({
          segmentId: m.segmentId,
          startMs: m.startMs,
          speaker: null,
          text: excerpt(text, focus, maxChars),
        });
    }
  }
  return picked.sort((a, b) => a.startMs - b.startMs);
}
