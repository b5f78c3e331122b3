import { closeSync, existsSync, openSync, readFileSync, readSync } from "node:fs";
import { parseArgs } from "node:util";
import { EPISODE_BACKUP_FORMAT } from "../../library/episode-backup.js";
import { BackupError, backupLibrary, type LibraryFileSummary, restoreLibrary } from "../../store/backup.js";
import type { CliContext } from "../context.js";
import { CommandError, UsageError } from "../usage-error.js";
import { restoreEpisodeCommand } from "./restore-episode.js";

export const BACKUP_USAGE = "deeplisten backup <file> [--force] [--json]";
export const RESTORE_USAGE =
  "deeplisten restore <file> [--json]   a library backup, or one episode's JSON from export --format json [--replace]";

/**
 * `deeplisten backup <file>`: copies the whole library (episodes, analysis, marks, explanations,
 * mastery history) to one file, consistent even while the server is running. An existing file is
 * replaced only with --force, so a typo cannot overwrite an older backup.
 */
export async function backupCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { force: { type: "boolean" } },
  });
  if (positionals.length !== 1) throw new UsageError(`usage: ${BACKUP_USAGE}`);
  const file = positionals[0] as string;
  if (existsSync(file) && !values.force) {
    throw new CommandError(`${file} already exists; give another name, or --force to replace it`);
  }
  const summary = await asCommandError(() => backupLibrary(ctx.openLibrary(), file));
  if (ctx.json) {
    ctx.stdout(JSON.stringify({ backup: summary }));
  } else {
    ctx.stdout(`Backed up the library to ${summary.file}: ${contents(summary)}.`);
    ctx.stdout(`Restore it with: deeplisten restore ${JSON.stringify(summary.file)}`);
  }
  return 0;
}

/**
 * `deeplisten restore <file>`: replaces the library with a backup after checking it is a sound
 * deeplisten library; the replaced library is kept beside it as `library.sqlite.before-restore`.
 * Never opens the library itself first: the restore needs it closed everywhere. Given one
 * episode's JSON (`export --format json`), it restores that episode into the library as
 * `restore-episode` does, leaving the rest of the library as it is.
 */
export async function restoreCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: { replace: { type: "boolean", default: false } },
  });
  if (positionals.length !== 1) throw new UsageError(`usage: ${RESTORE_USAGE}`);
  if (isEpisodeJson(positionals[0] as string)) return restoreEpisodeCommand(ctx, args);
  if (values.replace)
    throw new UsageError("--replace is for one episode's JSON; a library backup replaces the library");
  const summary = await asCommandError(() => restoreLibrary(ctx.home, positionals[0] as string));
  if (ctx.json) {
    ctx.stdout(JSON.stringify({ restore: summary }));
    return 0;
  }
  const upgraded =
    summary.backupSchemaVersion < summary.schemaVersion
      ? ` (brought from schema ${summary.backupSchemaVersion} to ${summary.schemaVersion})`
      : "";
  ctx.stdout(`Restored the library in ${ctx.home} from ${positionals[0]}${upgraded}: ${contents(summary)}.`);
  if (summary.previous) ctx.stdout(`The library it replaced is kept at ${summary.previous}`);
  return 0;
}

/** True for a file made by `export --format json`: JSON whose `format` names one episode's backup. */
function isEpisodeJson(file: string): boolean {
  let head = "";
  try {
    const fd = openSync(file, "r");
    try {
      const buffer = Buffer.alloc(16);
      head = buffer.subarray(0, readSync(fd, buffer, 0, 16, 0)).toString("utf8");
    } finally {
      closeSync(fd);
    }
  } catch {
    return false; // the library restore names the missing or unreadable file
  }
  // A SQLite backup starts with "SQLite format 3"; JSON with "{" (after a BOM or white space).
  if (!/^\uFEFF?\s*\{/.test(head)) return false;
  try {
    const document = JSON.parse(readFileSync(file, "utf8").replace(/^\uFEFF/, "")) as { format?: unknown } | null;
    return document?.format === EPISODE_BACKUP_FORMAT;
  } catch {
    return false;
  }
}

function contents(s: LibraryFileSummary): string {
  const mb = (s.bytes / 1024 / 1024).toFixed(1);
  return `${s.episodes} episode${s.episodes === 1 ? "" : "s"}, ${s.marks} mark${s.marks === 1 ? "" : "s"}, ${mb} MB`;
}

/** A refused backup or restore is the learner's to fix: exit code 1 and the sentence, no stack. */
async function asCommandError<T>(run: () => T | Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof BackupError) throw new CommandError(error.message);
    throw error;
  }
}
