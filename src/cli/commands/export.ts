import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import {
  EXPORT_FORMATS,
  ExportError,
  type ExportFormat,
  type ExportOutput,
  isExportFormat,
  loadMarkmapAssets,
  renderExport,
} from "../../export/index.js";
import { episodeBackup } from "../../library/episode-backup.js";
import { libraryPacks, loadEpisodeExportData } from "../../library/index.js";
import { loadPostExtras } from "../../library/post-data.js";
import { quoteTranslationSource } from "../../library/quote-checks.js";
import type { CliContext } from "../context.js";
import { findOneEpisode } from "../find-episode.js";
import { CommandError, UsageError } from "../usage-error.js";

const FORMAT_NAMES = Object.keys(EXPORT_FORMATS).join("|");

/**
 * TEST HOOK, not a setting: `DEEPLISTEN_TEST_PAUSE_EXPORT_AT_FILE=n` makes the export stop for a
 * minute while writing its n-th file (1-based), after the partial file is written and before it is
 * renamed into place, so the crash tests can SIGKILL an export exactly mid-write. Read once at load;
 * unset costs nothing.
 */
const TEST_PAUSE_AT_FILE = Number(process.env.DEEPLISTEN_TEST_PAUSE_EXPORT_AT_FILE) || 0;

export const EXPORT_USAGE = `deeplisten export <episode> --format <${FORMAT_NAMES}> --out <path> [--force] [--lang en|zh] [--json]`;

/**
 * `deeplisten export <episode> --format F --out PATH`: writes the episode's notes, cards or mind map
 * in another tool's format. `--out` is a file (a folder for obsidian), relative to the current
 * folder; an existing path is kept unless `--force`. Files are written beside their target and
 * renamed into place, so a failed export never leaves half a file; the partial file of an export
 * that was killed is hidden (a dot name: Obsidian and file browsers skip it) and the next export to
 * the same place removes it.
 */
export function exportCommand(ctx: CliContext, args: string[]): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: "string", short: "f" },
      out: { type: "string", short: "o" },
      force: { type: "boolean", default: false },
      lang: { type: "string" },
    },
  });
  if (positionals.length !== 1 || values.format === undefined || values.out === undefined) {
    throw new UsageError(`usage: ${EXPORT_USAGE}`);
  }
  const format = values.format.trim().toLowerCase();
  if (!isExportFormat(format)) {
    throw new UsageError(`unknown format "${values.format}"; choose one of:\n${formatList()}`);
  }
  if (values.lang !== undefined && values.lang !== "en" && values.lang !== "zh") {
    throw new UsageError(`--lang takes en or zh, not "${values.lang}"`);
  }
  // The language of pack definitions: --lang, else DEEPLISTEN_LANG, else the episode's own.
  const envLang = process.env.DEEPLISTEN_LANG?.toLowerCase();
  const lang = values.lang ?? (envLang ? (envLang.startsWith("zh") ? "zh" : "en") : undefined);
  if (values.out.trim() === "") throw new UsageError("--out needs a path");
  const out = resolve(process.cwd(), values.out);
  checkTarget(out, format, values.force ?? false);

  const store = ctx.openLibrary();
  const episode = findOneEpisode(ctx, positionals[0] as string);
  const data = loadEpisodeExportData(store, episode.id, { packs: libraryPacks(ctx.home), language: lang });
  if (!data) throw new CommandError(`no episode ${episode.id} in the library`);
  let output: ExportOutput;
  try {
    output = renderExport(format, data, {
      markmapAssets: loadMarkmapAssets,
      post:
        format === "post"
          ? loadPostExtras(store, episode.id, data, libraryPacks(ctx.home), quoteTranslationSource(store, ctx.home))
          : undefined,
      episodeBackup: () => episodeBackup(store, episode.id),
    });
  } catch (error) {
    if (error instanceof ExportError) throw new CommandError(error.message);
    throw error;
  }
  const written = writeOutput(out, output);

  if (data.concepts.length === 0) {
    ctx.stderr(`note: "${episode.title}" has no concepts yet; run deeplisten analyze ${episode.id} for fuller notes`);
  }
  if (ctx.json) {
    ctx.stdout(JSON.stringify({ export: { episode: episode.id, format, path: out, ...written } }));
    return 0;
  }
  const what = output.kind === "folder" ? `${written.files.length} notes` : `${written.bytes} bytes`;
  ctx.stdout(`Wrote the ${EXPORT_FORMATS[format].label} of "${episode.title}" to ${out} (${what})`);
  return 0;
}

function formatList(): string {
  return Object.entries(EXPORT_FORMATS)
    .map(([name, f]) => `  ${name.padEnd(9)} ${f.what}`)
    .join("\n");
}

/** Refuses to overwrite what exists without --force, and never replaces a folder with a file or back. */
function checkTarget(out: string, format: ExportFormat, force: boolean): void {
  if (!existsSync(out)) return;
  const isFolder = statSync(out).isDirectory();
  if (format === "obsidian" && !isFolder) throw new CommandError(`${out} is a file; obsidian writes a folder`);
  if (format !== "obsidian" && isFolder) throw new CommandError(`${out} is a folder; give a file name for ${format}`);
  if (!force) throw new CommandError(`${out} already exists; add --force to replace it`);
}

/** Writes the output; with a folder, only the export's own files are replaced, the rest is left alone. */
function writeOutput(out: string, output: ExportOutput): { bytes: number; files: string[] } {
  if (output.kind === "file") {
    mkdirSync(dirname(out), { recursive: true });
    removeStalePartials([out]);
    writeAtomically(out, output.content, 1);
    return { bytes: byteLength(output.content), files: [out] };
  }
  const targets = output.files.map((file) => {
    const target = join(out, ...file.path.split("/"));
    // Note names come from concept names, which come from transcripts: never outside the folder.
    const inside = relative(resolve(out), resolve(target));
    if (!inside || inside.startsWith("..") || isAbsolute(inside)) {
      throw new CommandError(`the export would write ${file.path} outside ${out}; nothing was written there`);
    }
    return target;
  });
  removeStalePartials(targets);
  let bytes = 0;
  const files: string[] = [];
  for (const [i, file] of output.files.entries()) {
    const target = targets[i] as string;
    mkdirSync(dirname(target), { recursive: true });
    writeAtomically(target, file.content, i + 1);
    bytes += byteLength(file.content);
    files.push(target);
  }
  return { bytes, files };
}

/** `.name.partial-<pid>` beside the target: hidden, so a vault or a folder view never shows it as a note. */
function partialPathOf(target: string, pid: number): string {
  return join(dirname(target), `.${basename(target)}.partial-${pid}`);
}

function writeAtomically(target: string, content: string | Uint8Array, fileNumber: number): void {
  const partial = partialPathOf(target, process.pid);
  try {
    writeFileSync(partial, content);
    if (fileNumber === TEST_PAUSE_AT_FILE) pauseMidWrite();
    renameSync(partial, target);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}

/** The test hook's pause: says so on stderr (the test kills on that line), then blocks with the partial file written. */
function pauseMidWrite(): void {
  process.stderr.write("deeplisten: test hook: pausing mid-export\n");
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
}

/**
 * Removes the partial files an earlier export of these targets left when it was killed: those of a
 * process that is gone, hidden (`.name.partial-<pid>`) or as older versions named them
 * (`name.partial-<pid>`). A partial file of an export still running is left to it.
 */
function removeStalePartials(targets: string[]): void {
  const namesByFolder = new Map<string, Set<string>>();
  for (const target of targets) {
    const folder = dirname(target);
    const names = namesByFolder.get(folder) ?? new Set<string>();
    names.add(basename(target));
    namesByFolder.set(folder, names);
  }
  for (const [folder, names] of namesByFolder) {
    let entries: string[];
    try {
      entries = readdirSync(folder);
    } catch {
      continue; // Not there yet: nothing was left in it.
    }
    for (const entry of entries) {
      const match = /^(.+)\.partial-(\d+)$/.exec(entry);
      const name = match?.[1] ?? "";
      if (!match || !(names.has(name) || (name.startsWith(".") && names.has(name.slice(1))))) continue;
      const pid = Number(match[2]);
      if (pid !== process.pid && isAlive(pid)) continue;
      rmSync(join(folder, entry), { force: true });
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function byteLength(content: string | Uint8Array): number {
  return typeof content === "string" ? Buffer.byteLength(content) : content.byteLength;
}
