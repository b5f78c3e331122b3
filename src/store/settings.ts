import type { Store } from "./database.js";

/** Reads a library-level setting. */
export function getSetting(store: Store, key: string): string | null {
  const row = store.db.prepare("SELECT value FROM setting WHERE key = ?").get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

/** Writes a library-level setting. */
export function setSetting(store: Store, key: string, value: string): void {
  store.db
    .prepare("INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
    .run(key, value);
}
