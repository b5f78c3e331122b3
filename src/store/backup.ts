import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  statSync,
} from "node:fs";
import { dirname, join, resolve } from "node:path";
import Database from "better-sqlite3";
import type { Store } from "./database.js";
import { loadMigrations, migrate } from "./migrations.js";

/** The library's file inside its folder (the CLI's `libraryFile(home)` names the same file). */
const LIBRARY_FILE_NAME = "library.sqlite";
/** Where a restore keeps the library it replaced, beside it in the library folder. */
export const BEFORE_RESTORE_SUFFIX = ".before-restore";
/** Tables every deeplisten library has had since its first schema: a file without them is something else. */
const CORE_TABLES = ["episode", "speaker", "segment", "chapter", "segment_fts", "setting"];

/** A backup or restore that cannot be done safely; the message is a sentence the learner can act on. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupError";
  }
}

/** What a backup or a restore reports. */
export interface LibraryFileSummary {
  /** The file written (backup) or the library file replaced (restore). */
  file: string;
  bytes: number;
  schemaVersion: number;
  episodes: number;
  marks: number;
}

export interface RestoreSummary extends LibraryFileSummary {
  /** Where the replaced library was kept, or null when the folder had none. */
  previous: string | null;
  /** The schema version of the backup before it was brought up to date. */
  backupSchemaVersion: number;
}

/**
 * Copies the whole library to `file` with SQLite's online backup API, so it is consistent even
 * while the server is writing. The copy is checked (integrity) and made a single self-contained
 * file (rollback journal, not WAL) before it takes its final name, so a crash mid-backup never
 * leaves a truncated file that looks like a backup.
 */
export async function backupLibrary(store: Store, file: string): Promise<LibraryFileSummary> {
  const target = resolve(file);
  if (store.path !== ":memory:" && target === resolve(store.path)) {
    throw new BackupError("the backup file cannot be the library itself; name another file");
  }
  if (existsSync(target) && statSync(target).isDirectory()) {
    throw new BackupError(`${file} is a folder; give the path of the backup file to write`);
  }
  const partial = `${target}.partial-${process.pid}`;
  try {
    mkdirSync(dirname(target), { recursive: true });
    await store.db.backup(partial);
    const summary = checkLibraryFile(partial, file);
    syncFile(partial);
    renameSync(partial, target);
    syncFolder(dirname(target));
    return { ...summary, file: target };
  } catch (error) {
    rmSync(partial, { force: true });
    if (error instanceof BackupError) throw error;
    throw new BackupError(`the backup to ${file} failed: ${(error as Error).message}`);
  }
}

/**
 * Replaces the library in `home` with the backup `file`, after checking the backup is a sound
 * deeplisten library (its tables, a schema version this program knows, integrity_check ok) and
 * bringing an older one up to date. The library it replaces is kept as
 * `library.sqlite.before-restore` (replacing an earlier one). Refuses, changing nothing, when the
 * backup is not valid or the library is open in another process (a running server).
 */
export function restoreLibrary(home: string, file: string): RestoreSummary {
  const source = resolve(file);
  const library = join(resolve(home), LIBRARY_FILE_NAME);
  if (!existsSync(source)) throw new BackupError(`${file}: no such file`);
  if (statSync(source).isDirectory()) throw new BackupError(`${file} is a folder; give the path of a backup file`);
  if (source === library) throw new BackupError("that is the library itself; give the path of a backup file");
  if (existsSync(`${source}-wal`) && statSync(`${source}-wal`).size > 0) {
    // Its newest writes are in that -wal, which a copy of the file alone would silently drop.
    throw new BackupError(
      `${file} is a live library (it has a -wal file beside it); make a backup of it with \`deeplisten backup\` and restore that`,
    );
  }

  mkdirSync(dirname(library), { recursive: true });
  // Work on a copy inside the library folder: the backup is never modified, and the final step is
  // a rename within one file system, which is atomic.
  const incoming = `${library}.restoring-${process.pid}`;
  try {
    copyFileSync(source, incoming);
    const backupSchemaVersion = checkLibraryFile(incoming, file).schemaVersion;
    upgrade(incoming);
    const summary = checkLibraryFile(incoming, file);
    syncFile(incoming);

    let previous: string | null = null;
    if (existsSync(library)) {
      const damaged = closeForReplacement(library);
      previous = `${library}${BEFORE_RESTORE_SUFFIX}`;
      for (const suffix of ["", ...SIDECARS]) rmSync(`${previous}${suffix}`, { force: true });
      // A damaged library's -wal and -shm belong to it: they go with it.
      if (damaged) for (const suffix of SIDECARS) moveIfThere(`${library}${suffix}`, `${previous}${suffix}`);
      // A hard link keeps the old library under both names until the rename below swaps in the
      // new one: a crash in between still leaves `library.sqlite` whole.
      try {
        linkSync(library, previous);
      } catch {
        copyFileSync(library, previous);
        syncFile(previous);
      }
    }
    renameSync(incoming, library);
    syncFolder(dirname(library));
    return { ...summary, file: library, previous, backupSchemaVersion };
  } catch (error) {
    rmSync(incoming, { force: true });
    if (error instanceof BackupError) throw error;
    throw new BackupError(`the restore from ${file} failed: ${(error as Error).message}`);
  }
}

/**
 * Checks that `path` is a sound deeplisten library and says what is in it. `shownAs` is the name
 * the learner gave, for the error message. Leaves the file in rollback-journal mode, closed.
 */
function checkLibraryFile(path: string, shownAs: string): LibraryFileSummary {
  let db: Database.Database;
  try {
    db = new Database(path, { fileMustExist: true });
  } catch (error) {
    throw new BackupError(`${shownAs} cannot be opened (${(error as Error).message})`);
  }
  try {
    let tables: Set<string>;
    let schemaVersion: number;
    try {
      // Reading the schema is the first thing that fails on a file that is not SQLite at all.
      tables = new Set(
        (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
          (t) => t.name,
        ),
      );
      schemaVersion = db.pragma("user_version", { simple: true }) as number;
    } catch (error) {
      throw new BackupError(`${shownAs} is not a deeplisten library (${(error as Error).message})`);
    }
    const missing = CORE_TABLES.filter((t) => !tables.has(t));
    if (schemaVersion < 1 || missing.length > 0) {
      throw new BackupError(
        `${shownAs} is not a deeplisten library (schema version ${schemaVersion}${missing.length ? `, no ${missing.join(", ")} table` : ""})`,
      );
    }
    const latest = loadMigrations().at(-1)?.version ?? 0;
    if (schemaVersion > latest) {
      throw new BackupError(
        `${shownAs} was written by a newer deeplisten (schema ${schemaVersion}, this version knows ${latest}); update deeplisten to restore it`,
      );
    }
    const integrity = db.pragma("integrity_check", { simple: true });
    if (integrity !== "ok") throw new BackupError(`${shownAs} is damaged (integrity check: ${String(integrity)})`);
    // One file, no -wal beside it: what is copied, moved or renamed is the whole library.
    db.pragma("journal_mode = DELETE");
    const count = (table: string) =>
      tables.has(table) ? (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n : 0;
    return {
      file: path,
      bytes: statSync(path).size,
      schemaVersion,
      episodes: count("episode"),
      marks: count("mark"),
    };
  } finally {
    db.close();
  }
}

/** Brings a restored library to the schema of this version (a backup may predate migrations). */
function upgrade(path: string): void {
  const db = new Database(path, { fileMustExist: true });
  try {
    db.pragma("foreign_keys = ON");
    migrate(db);
  } finally {
    db.close();
  }
}

/** The files SQLite keeps beside a database. */
const SIDECARS = ["-wal", "-shm", "-journal"];

/**
 * Folds the current library's WAL into its file and leaves it closed as one file. Switching out of
 * WAL needs every other connection gone, so this is also the check that no server has it open.
 * Returns true for a library too damaged to open: it is still replaced (that is what a restore is
 * for), with its sidecar files.
 */
function closeForReplacement(library: string): boolean {
  let damaged = false;
  const db = new Database(library, { fileMustExist: true });
  try {
    db.pragma("busy_timeout = 1000");
    let mode: unknown = null;
    try {
      mode = db.pragma("journal_mode = DELETE", { simple: true });
    } catch (error) {
      damaged = (error as { code?: string }).code !== "SQLITE_BUSY";
    }
    if (mode !== "delete" && !damaged) {
      throw new BackupError(
        "the library is open in another deeplisten process (is `deeplisten serve` running?); stop it and restore again",
      );
    }
  } finally {
    db.close();
  }
  if (damaged) return true;
  rmSync(`${library}-shm`, { force: true });
  for (const suffix of ["-wal", "-journal"]) {
    // A WAL left beside the old file would be replayed into the restored one.
    if (existsSync(`${library}${suffix}`)) {
      throw new BackupError(`${library}${suffix} is still there; close every deeplisten process and restore again`);
    }
  }
  return false;
}

function moveIfThere(from: string, to: string): void {
  if (existsSync(from)) renameSync(from, to);
}

function syncFile(path: string): void {
  const fd = openSync(path, "r+");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Makes a rename durable; not every platform can open a folder, and there it is skipped. */
function syncFolder(path: string): void {
  let fd: number | null = null;
  try {
    fd = openSync(path, "r");
    fsyncSync(fd);
  } catch {
    // Best effort: the rename itself is already atomic.
  } finally {
    if (fd !== null) closeSync(fd);
  }
}
