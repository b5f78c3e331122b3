/**
 * What a model costs per million tokens, as plain data, so the estimate shown before enrichment can
 * say "about $0.04". Prices change: each carries the date it was copied from the provider's price
 * page, and a model not listed says "unknown" rather than guessing. Local servers cost nothing.
 */

/** The price of a model in US dollars per million tokens (input, output), as of a date. */
export interface ModelPrice {
  provider: string;
  model: string;
  inputPerMillion: number;
  outputPerMillion: number;
  /** When it was read off the provider's price page (YYYY-MM-DD). */
  asOf: string;
}

/** What a call costs: priced, free because it runs on the learner's own server, or not on record. */
export type PriceLookup =
  | { kind: "priced"; price: ModelPrice }
  | { kind: "local" }
  | { kind: "unknown"; provider: string; model: string };

/** Providers whose models run on the learner's machine or their own server: no per-token bill. */
export const LOCAL_PROVIDERS: readonly string[] = ["ollama", "llama-cpp", "vllm", "lm-studio"];

/** Standard (non-batch, short-context) prices of the models the provider registry suggests. */
export const MODEL_PRICES: readonly ModelPrice[] = [
  { provider: "gemini", model: "gemini-2.5-flash", inputPerMillion: 0.3, outputPerMillion: 2.5, asOf: "2025-10-01" },
  { provider: "gemini", model: "gemini-2.5-pro", inputPerMillion: 1.25, outputPerMillion: 10, asOf: "2025-10-01" },
  {
    provider: "gemini",
    model: "gemini-2.5-flash-lite",
    inputPerMillion: 0.1,
    outputPerMillion: 0.4,
    asOf: "2025-10-01",
  },
  { provider: "openai", model: "gpt-4.1", inputPerMillion: 2, outputPerMillion: 8, asOf: "2025-10-01" },
  { provider: "openai", model: "gpt-4.1-mini", inputPerMillion: 0.4, outputPerMillion: 1.6, asOf: "2025-10-01" },
  { provider: "openai", model: "gpt-4o-mini", inputPerMillion: 0.15, outputPerMillion: 0.6, asOf: "2025-10-01" },
  { provider: "anthropic", model: "claude-sonnet-4-5", inputPerMillion: 3, outputPerMillion: 15, asOf: "2025-10-01" },
  { provider: "anthropic", model: "claude-haiku-4-5", inputPerMillion: 1, outputPerMillion: 5, asOf: "2025-10-16" },
  { provider: "anthropic", model: "claude-opus-4-1", inputPerMillion: 15, outputPerMillion: 75, asOf: "2025-10-01" },
  { provider: "deepseek", model: "deepseek-chat", inputPerMillion: 0.28, outputPerMillion: 0.42, asOf: "2025-10-01" },
  {
    provider: "deepseek",
    model: "deepseek-reasoner",
    inputPerMillion: 0.28,
    outputPerMillion: 0.42,
    asOf: "2025-10-01",
  },
  { provider: "qwen", model: "qwen-plus", inputPerMillion: 0.4, outputPerMillion: 1.2, asOf: "2025-10-01" },
  { provider: "qwen", model: "qwen-max", inputPerMillion: 1.6, outputPerMillion: 6.4, asOf: "2025-10-01" },
  { provider: "qwen", model: "qwen-turbo", inputPerMillion: 0.05, outputPerMillion: 0.2, asOf: "2025-10-01" },
  { provider: "kimi", model: "kimi-k2-0905-preview", inputPerMillion: 0.6, outputPerMillion: 2.5, asOf: "2025-10-01" },
];

/** The price of a provider's model; local servers are free, anything not listed is "unknown". */
export function priceOf(provider: string, model: string): PriceLookup {
  if (LOCAL_PROVIDERS.includes(provider)) return { kind: "local" };
  const price = MODEL_PRICES.find((p) => p.provider === provider && p.model === model.trim());
  return price ? { kind: "priced", price } : { kind: "unknown", provider, model };
}

/** US dollars for so many tokens at a price: 0 for a local server, null when the price is unknown. */
export function costOf(lookup: PriceLookup, inputTokens: number, outputTokens: number): number | null {
  if (lookup.kind === "local") return 0;
  if (lookup.kind === "unknown") return null;
  const { inputPerMillion, outputPerMillion } = lookup.price;
  return (inputTokens * inputPerMillion + outputTokens * outputPerMillion) / 1_000_000;
}

/** A cost as people read it: "$0.042", "free (local server)", "unknown (no price on record for …)". */
export function formatCost(lookup: PriceLookup, usd: number | null): string {
  if (lookup.kind === "local") return "free (local server)";
  if (lookup.kind === "unknown" || usd === null) {
    return `unknown (no price on record for ${lookup.kind === "unknown" ? `${lookup.provider}/${lookup.model}` : "this model"})`;
  }
  const digits = usd >= 1 ? 2 : usd >= 0.01 ? 3 : 4;
  return `about $${usd.toFixed(digits)} (prices of ${lookup.price.asOf})`;
}
