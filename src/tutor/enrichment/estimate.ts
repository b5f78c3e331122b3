import { costOf, type PriceLookup } from "../../llm/pricing.js";

/**
 * The token and cost estimate shown before an enrichment runs. Input tokens of the map step are
 * counted on the real prompts; later steps depend on what the model answers, so they are counted on
 * prompts built with an allowance for the notes. Output tokens are typical answer lengths. Pure.
 */

/** Typical answer lengths (tokens), per call or per concept. */
export const EXPECTED_OUTPUT_TOKENS = { map: 700, concept: 650, stance: 250, mindmap: 700 } as const;
/** What the map step's notes add to a concept's prompt, per concept (tokens). */
export const NOTES_ALLOWANCE_TOKENS = 160;

/** One planned request. */
export interface PlannedCall {
  purpose: "map" | "concepts" | "stance" | "mindmap";
  inputTokens: number;
  outputTokens: number;
  /** Already answered (in the cache): costs nothing. */
  cached: boolean;
}

/** What the learner is shown before saying yes. */
export interface EnrichmentEstimate {
  /** Requests to send (cached ones excluded) and requests answered from the cache. */
  calls: number;
  cachedCalls: number;
  inputTokens: number;
  outputTokens: number;
  /** The transcript's own tokens, for the "at most 1.5 times" target. */
  transcriptTokens: number;
  /** US dollars; 0 for a local server; null when the model's price is not on record. */
  costUsd: number | null;
  price: PriceLookup;
}

/** Adds up the planned calls that are not cached and prices them. */
export function estimateEnrichment(
  calls: PlannedCall[],
  price: PriceLookup,
  transcriptTokens: number,
): EnrichmentEstimate {
  const sent = calls.filter((c) => !c.cached);
  const inputTokens = sent.reduce((n, c) => n + c.inputTokens, 0);
  const outputTokens = sent.reduce((n, c) => n + c.outputTokens, 0);
  return {
    calls: sent.length,
    cachedCalls: calls.length - sent.length,
    inputTokens,
    outputTokens,
    transcriptTokens,
    costUsd: costOf(price, inputTokens, outputTokens),
    price,
  };
}
