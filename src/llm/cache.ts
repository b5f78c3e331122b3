import { createHash } from "node:crypto";
import type { Store } from "../store/index.js";

/** A cached model answer and what it cost the first time. */
export interface CachedResponse<T> {
  response: T;
  inputTokens: number | null;
  outputTokens: number | null;
}

/**
 * The cache key of a model call: a SHA-256 of the provider, the model and the whole prompt. Same
 * key, same answer: asking again costs nothing. Objects are serialised with sorted keys so that
 * the order a prompt object was built in does not matter.
 */
export function llmCacheKey(parts: { provider: string; model: string; purpose: string; prompt: unknown }): string {
  return createHash("sha256").update(canonicalJson(parts)).digest("hex");
}

/** The cached answer for a key, or null. */
export function readLlmCache<T>(store: Store, key: string): CachedResponse<T> | null {
  const row = store.db
    .prepare("SELECT response, input_tokens AS inputTokens, output_tokens AS outputTokens FROM llm_cache WHERE key = ?")
    .get(key) as { response: string; inputTokens: number | null; outputTokens: number | null } | undefined;
  if (!row) return null;
  try {
    return { response: JSON.parse(row.response) as T, inputTokens: row.inputTokens, outputTokens: row.outputTokens };
  } catch {
    // A damaged row is a miss: the call is simply made again and the row replaced.
    return null;
  }
}

/** Keeps an answer under its key (replacing an older one). */
export function writeLlmCache<T>(store: Store, key: string, value: CachedResponse<T>): void {
  store.db
    .prepare(
      `INSERT INTO llm_cache (key, response, input_tokens, output_tokens, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET response = excluded.response, input_tokens = excluded.input_tokens,
         output_tokens = excluded.output_tokens, created_at = excluded.created_at`,
    )
    .run(key, JSON.stringify(value.response), value.inputTokens, value.outputTokens, store.now().toISOString());
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
