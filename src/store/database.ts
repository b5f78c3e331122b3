import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { migrate } from "./migrations.js";

/** The library file and the two things tests fix: the clock and the id generator. */
export interface Store {
  db: Database.Database;
  path: string;
  now: () => Date;
  newId: (prefix: string) => string;
}

export interface OpenStoreOptions {
  now?: () => Date;
  newId?: (prefix: string) => string;
  readonly?: boolean;
}

/**
 * Opens (creating if needed) the library's SQLite file: WAL for a reader beside a writer, foreign
 * keys on, and migrations applied. `:memory:` works for quick tests.
 */
export function openStore(path: string, options: OpenStoreOptions = {}): Store {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, { readonly: options.readonly ?? false });
  db.pragma("journal_mode = WAL");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  db.pragma("synchronous = NORMAL");
  if (!options.readonly) migrate(db);
  return {
    db,
    path,
    now: options.now ?? (() => new Date()),
    newId: options.newId ?? randomId,
  };
}

/** Short ids a person can type: a prefix and 8 characters of Crockford base32. */
export function randomId(prefix: string): string {
  const alphabet = "0123456789abcdefghjkmnpqrstvwxyz";
  const bytes = randomBytes(8);
  let id = prefix;
  for (const b of bytes) id += alphabet[b & 31];
  return id;
}

/** A deterministic id generator for tests: `ep1`, `ep2`, ... */
export function sequentialIds(): (prefix: string) => string {
  const counters = new Map<string, number>();
  return (prefix) => {
    const n = (counters.get(prefix) ?? 0) + 1;
    counters.set(prefix, n);
    return `${prefix}${n}`;
  };
}
