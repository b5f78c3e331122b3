import { statfsSync } from "node:fs";

/**
 * Turns the storage failures a learner can fix (a full disk, a read-only or missing library
 * folder) into one sentence that says what and where. SQLite rolls the failed transaction back, so
 * each sentence can promise that nothing was changed. Null for any other error.
 */
export function explainStorageError(error: unknown, home: string): string | null {
  const code = (error as { code?: unknown })?.code;
  if (typeof code !== "string") return null;
  const full = `the disk holding the library (${home}) is full: free some space and try again; nothing was changed`;
  if (code === "SQLITE_FULL" || code === "ENOSPC") return full;
  // A full disk often reaches SQLite as an I/O error (the WAL index or a page write fails): the
  // free space tells the two apart.
  if (code.startsWith("SQLITE_IOERR")) {
    return freeBytes(home) < 1024 * 1024
      ? full
      : `the library in ${home} could not be written (disk I/O error ${code}): check the disk, then try again; nothing was changed`;
  }
  if (code.startsWith("SQLITE_READONLY") || code === "EACCES" || code === "EPERM" || code === "EROFS") {
    return `the library folder ${home} cannot be written (read-only or not yours): fix its permissions or choose another with --home; nothing was changed`;
  }
  if (code === "SQLITE_CANTOPEN") {
    return `the library in ${home} cannot be opened: check that the folder exists and can be written, or choose another with --home`;
  }
  if (code === "SQLITE_CORRUPT" || code === "SQLITE_NOTADB") {
    return `the library file in ${home} is damaged: restore it from a backup (deeplisten restore <file>)`;
  }
  return null;
}

function freeBytes(path: string): number {
  try {
    const fs = statfsSync(path);
    return fs.bavail * fs.bsize;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}
