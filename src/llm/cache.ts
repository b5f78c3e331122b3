import { createHash } from "node:crypto";

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

/**
 * Where model answers are kept between runs. The library's SQLite table implements it
 * (src/store/llm-cache.ts); domain code only sees this interface.
 */
export interface LlmCache {
  read<T>(key: string): CachedResponse<T> | null;
  write<T>(key: string, value: CachedResponse<T>): void;
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
