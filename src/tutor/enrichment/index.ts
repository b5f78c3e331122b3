/**
 * Enrichment as domain code: the transcript cut into parts, the prompts of the map and reduce steps,
 * the schemas their answers must pass, the assembly of what is kept, and the token and cost
 * estimate. No store, no network: the use case is src/library/enrichment.
 */
export {
  conceptContents,
  isVerbatim,
  mergeChapterSummaries,
  momentsOf,
  nameKey,
  type PartNotes,
  readPartNotes,
  refinedMindMap,
  stanceDraft,
} from "./assemble.js";
export { chunkTranscript, DEFAULT_CHUNK_TOKENS, type TranscriptChunk } from "./chunks.js";
export {
  type EnrichmentEstimate,
  EXPECTED_OUTPUT_TOKENS,
  estimateEnrichment,
  NOTES_ALLOWANCE_TOKENS,
  type PlannedCall,
} from "./estimate.js";
export {
  buildConceptPrompt,
  buildMapPrompt,
  buildMindMapPrompt,
  buildStancePrompt,
  type ConceptMaterial,
  type EnrichPrompt,
  promptText,
} from "./prompts.js";
export {
  ConceptBatchSchema,
  type ConceptItem,
  ConceptItemSchema,
  type MapNotes,
  MapNotesSchema,
  type MapOutNode,
  MindMapOutSchema,
  type StanceGroups,
  StanceGroupsSchema,
  schemaProblem,
} from "./schemas.js";
export type * from "./types.js";
