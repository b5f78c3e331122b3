/**
 * Enrichment as a use case, started by the learner after seeing the estimate: chapter summaries,
 * study material for concepts without a pack entry (both languages), a stance-table draft and a
 * refined mind map, map-reduced over the transcript, cached, resumable. Prompts, schemas and the
 * estimate are domain code in src/tutor/enrichment.
 */
export { ENRICH_JOB, enrichmentJobHandler, NO_MODEL_FOR_ENRICHMENT, queueEnrichment } from "./job.js";
export {
  type CallOutcome,
  callForJson,
  isTransientLlmError,
  ModelAnswerError,
  type ModelCallContext,
  ModelCallError,
  toModelCallError,
} from "./model-call.js";
export {
  CONCEPTS_PER_CALL,
  DEFAULT_CONCEPT_LIMIT,
  type EnrichmentPlan,
  type EnrichRequest,
  planEnrichment,
} from "./plan.js";
export {
  type ConceptOutcome,
  type EpisodeEnrichmentRecord,
  enrichedConceptIds,
  getConceptEnrichment,
  getEpisodeEnrichment,
  type StoredConceptEnrichment,
} from "./records.js";
export { type EnrichmentResult, type RunEnrichmentInput, runEnrichment } from "./run.js";
