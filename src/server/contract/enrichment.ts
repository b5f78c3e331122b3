/** The API contract of enrichment: the estimate first, then a background job, then model-written material. */
import type { JobJson } from "./library.js";
import type { MapTreeJson } from "./map.js";

/** Who would write the material: the configured model, or nothing and what to configure. */
export interface EnrichmentModeJson {
  online: boolean;
  provider: string | null;
  label: string | null;
  model: string | null;
  /** Without a usable model: a sentence saying what to configure. */
  problem: string | null;
}

/** A concept the run leaves alone, and why (a pack card, material already there). */
export interface EnrichmentConceptOutcomeJson {
  conceptId: number;
  name: string;
  status: "written" | "cached" | "kept" | "skipped";
  reason?: string;
}

/** GET /api/episodes/:id/enrichment/estimate[?conceptId=…][&limit=…]: what a run would send and cost. */
export interface EnrichmentEstimateJson {
  scope: "episode" | "concepts";
  mode: EnrichmentModeJson;
  concepts: { conceptId: number; name: string }[];
  notWritten: EnrichmentConceptOutcomeJson[];
  parts: number;
  /** Requests to send; requests already answered (free). */
  calls: number;
  cachedCalls: number;
  inputTokens: number;
  outputTokens: number;
  transcriptTokens: number;
  /** US dollars: 0 on a local server, null when the model's price is not on record. */
  costUsd: number | null;
  priceKind: "priced" | "local" | "unknown";
  /** The date of the prices used. */
  priceAsOf: string | null;
}

/** POST /api/episodes/:id/enrichment */
export interface EnrichmentStartBody {
  /** Only these concepts; without it, the episode's top concepts without a pack entry. */
  conceptIds?: number[];
  limit?: number;
}

export interface EnrichmentStartResponse {
  job: JobJson;
}

/** A concept's model-written material in the learner's language. */
export interface ConceptEnrichmentJson {
  language: "en" | "zh";
  explanation: string;
  examples: string[];
  checkQuestions: string[];
  keyPoints: { id: string; point: string; required: boolean }[];
  misconceptions: { id: string; description: string }[];
  prerequisites: string[];
  moments: { segmentId: number; startMs: number }[];
  /** The episode it was written from. */
  episodeId: string;
  provider: string;
  model: string;
  createdAt: string;
}

/** GET /api/episodes/:id/concepts/:conceptId/enrichment?lang=en|zh */
export interface ConceptEnrichmentResponse {
  conceptId: number;
  /** A pack card covers it: enrichment is not offered (packs are never replaced). */
  hasPack: boolean;
  material: ConceptEnrichmentJson | null;
  /** Why it was skipped in the latest run, if it was. */
  skipped: string | null;
  mode: EnrichmentModeJson;
  /** The episode's enrichment job when one is queued or running. */
  job: JobJson | null;
}

/** GET /api/episodes/:id/enrichment: the episode's enrichment so far. */
export interface EpisodeEnrichmentResponse {
  mode: EnrichmentModeJson;
  job: JobJson | null;
  record: {
    provider: string;
    model: string;
    updatedAt: string;
    chapters: { title: string; startMs: number; summary: string }[];
    stances: {
      topic: string;
      claims: { speaker: string; claim: string; quote: string; segmentId: number; startMs: number }[];
    }[];
    concepts: EnrichmentConceptOutcomeJson[];
    problems: string[];
    /** All runs together. */
    tokens: { input: number; output: number };
    costUsd: number | null;
    hasMindMap: boolean;
  } | null;
}

/**
 * GET /api/episodes/:id/enrichment/map: the model's refined mind map in the editor's form, for
 * "start from the model's map" (404 when enrichment wrote none). Nothing is saved by asking.
 */
export interface ModelMapResponse {
  provider: string;
  model: string;
  updatedAt: string;
  tree: MapTreeJson;
}
