import type { CachedResponse, LlmCache } from "../llm/cache.js";
import type { Store } from "./database.js";

/** The library's cache of model answers (the llm_cache table). */
export function sqliteLlmCache(store: Store): LlmCache {
  return { read: (key) => readLlmCache(store, key), write: (key, value) => writeLlmCache(store, key, value) };
}

/** The cached answer for a key, or null. */
function readLlmCache<T>(store: Store, key: string): CachedResponse<T> | null {
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
function writeLlmCache<T>(store: Store, key: string, value: CachedResponse<T>): void {
  store.db
    .prepare(
      `INSERT INTO llm_cache (key, response, input_tokens, output_tokens, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET response = excluded.response, input_tokens = excluded.input_tokens,
         output_tokens = excluded.output_tokens, created_at = excluded.created_at`,
    )
    .run(key, JSON.stringify(value.response), value.inputTokens, value.outputTokens, store.now().toISOString());
}
