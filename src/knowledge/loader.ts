import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { z } from "zod";
import { checkAcrossEntries, type RawEntry } from "./cross-checks.js";
import { JsonLocator, parseJsonBytes } from "./json-text.js";
import {
  describeIssue,
  describeValue,
  findUnknownFields,
  formatPath,
  makeProblem,
  type PackProblem,
  type PackProblemInit,
} from "./problems.js";
import { type Bilingual, PackEntry, PackManifest } from "./schema.js";

/** The manifest's file name inside a pack folder. */
export const MANIFEST_FILE = "pack.json";
/** The folder of entry files inside a pack folder. */
export const ENTRIES_DIR = "entries";

/** A pack that passed every check, with schema defaults filled in. */
export interface LoadedPack {
  manifest: PackManifest;
  /** All entries, files in name order, each file's entries in their written order. */
  entries: PackEntry[];
  /** The pack folder, absolute. */
  dir: string;
}

/** What `validatePack` found. `ok` is true exactly when `problems` is empty. */
export interface PackValidationReport {
  /** The pack folder, absolute. */
  dir: string;
  ok: boolean;
  /** The manifest, when it is valid. */
  manifest?: PackManifest;
  /** Entries found in the entry files, valid or not. */
  entryCount: number;
  /** The entry files read, relative to the pack folder. */
  files: string[];
  problems: PackProblem[];
}

/** Thrown by `loadPack` for a pack with problems; the message lists them. */
export class PackError extends Error {
  readonly dir: string;
  readonly problems: PackProblem[];

  constructor(dir: string, problems: PackProblem[]) {
    const shown = problems.slice(0, 20).map((p) => `  ${p.text}`);
    if (problems.length > shown.length) shown.push(`  ... and ${problems.length - shown.length} more`);
    const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
    super(`The knowledge pack in ${dir} has ${count}:\n${shown.join("\n")}`);
    this.name = "PackError";
    this.dir = dir;
    this.problems = problems;
  }
}

/**
 * Check a pack folder: the manifest, every entry file (JSON syntax, UTF-8, the schema, unknown
 * fields) and the pack as a whole (duplicate ids, unknown prerequisites and related ids,
 * prerequisite cycles, an alias naming two entries, areas missing from the manifest).
 * Never throws for problems in the data, including missing or unreadable files.
 */
export function validatePack(dir: string): PackValidationReport {
  const { report } = readPack(dir);
  return report;
}

/**
 * Load a pack folder for use. Throws `PackError` listing every problem when the pack does not
 * validate, so a loaded pack can be trusted: ids are unique and every reference resolves.
 */
export function loadPack(dir: string): LoadedPack {
  const { report, entries } = readPack(dir);
  if (!report.ok || !report.manifest) throw new PackError(report.dir, report.problems);
  return { manifest: report.manifest, entries, dir: report.dir };
}

function readPack(dir: string): { report: PackValidationReport; entries: PackEntry[] } {
  const absolute = resolve(dir);
  const problems: PackProblem[] = [];
  const add = (init: PackProblemInit) => problems.push(makeProblem(init));
  const report = (): PackValidationReport => ({
    dir: absolute,
    ok: problems.length === 0,
    manifest,
    entryCount: rawEntries.length,
    files,
    problems,
  });
  let manifest: PackManifest | undefined;
  const rawEntries: RawEntry[] = [];
  const entries: PackEntry[] = [];
  const files: string[] = [];

  if (!isDirectory(absolute)) {
    add({
      kind: "missing-file",
      file: absolute,
      message: "no such folder; a pack is a folder with pack.json and entries/",
    });
    return { report: report(), entries };
  }

  const manifestFile = readJsonFile(absolute, MANIFEST_FILE, add);
  if (manifestFile) {
    const parsed = validateValue(PackManifest, manifestFile.value, manifestFile.locator, [], MANIFEST_FILE, add);
    if (parsed.success) manifest = parsed.data;
  }

  const entriesDir = join(absolute, ENTRIES_DIR);
  if (!isDirectory(entriesDir)) {
    add({ kind: "missing-file", file: `${ENTRIES_DIR}/`, message: "folder not found; put the entry files there" });
    return { report: report(), entries };
  }
  let names: string[];
  try {
    names = readdirSync(entriesDir)
      .filter((name) => name.endsWith(".json") && !isDirectory(join(entriesDir, name)))
      .sort();
  } catch (error) {
    add({ kind: "unreadable-file", file: `${ENTRIES_DIR}/`, message: `cannot be read (${errorText(error)})` });
    return { report: report(), entries };
  }

  let arraysRead = 0;
  for (const name of names) {
    const file = `${ENTRIES_DIR}/${name}`;
    files.push(file);
    const read = readJsonFile(absolute, file, add);
    if (!read) continue;
    if (!Array.isArray(read.value)) {
      add({
        kind: "not-an-array",
        file,
        line: 1,
        column: 1,
        message: `must hold a JSON array of entries ([ {...}, {...} ]), found ${describeValue(read.value)}`,
      });
      continue;
    }
    arraysRead++;
    read.value.forEach((raw: unknown, index) => {
      rawEntries.push({ file, index, raw, locator: read.locator });
      const parsed = validateValue(PackEntry, raw, read.locator, [index], file, add);
      if (parsed.success) entries.push(parsed.data);
    });
  }

  if (names.length > 0 && rawEntries.length === 0 && arraysRead === names.length) {
    add({ kind: "empty-pack", file: `${ENTRIES_DIR}/`, message: "the entry files hold no entries" });
  } else if (names.length === 0) {
    add({ kind: "empty-pack", file: `${ENTRIES_DIR}/`, message: "no .json entry files found" });
  }

  problems.push(...checkAcrossEntries(rawEntries, manifest?.areas.map((a) => a.id) ?? []));
  return { report: report(), entries };
}

/** Validate one value (the manifest, or the entry at `prefix`) and report its problems. */
function validateValue<S extends z.ZodType>(
  schema: S,
  value: unknown,
  locator: JsonLocator,
  prefix: number[],
  file: string,
  add: (init: PackProblemInit) => void,
): z.ZodSafeParseResult<z.output<S>> {
  const entryIndex = prefix[0];
  const raw = value && typeof value === "object" ? (value as Record<string, unknown>) : {};
  const entryId = entryIndex !== undefined && typeof raw.id === "string" && raw.id ? raw.id : undefined;
  const at = (path: PropertyKey[]) => {
    const position = locator.locate([...prefix, ...path]);
    return { file, entryIndex, entryId, path: formatPath(path) || undefined, ...position };
  };
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      add({ kind: "schema", ...at(issue.path), message: describeIssue(issue, value, schema) });
    }
  }
  for (const unknown of findUnknownFields(schema, value)) {
    add({
      kind: "unknown-field",
      ...at(unknown.path),
      message: `unknown field; the fields here are ${unknown.known.join(", ")}`,
    });
  }
  return parsed;
}

function readJsonFile(
  dir: string,
  file: string,
  add: (init: PackProblemInit) => void,
): { value: unknown; locator: JsonLocator } | undefined {
  const path = join(dir, file);
  if (!existsSync(path)) {
    add({ kind: "missing-file", file, message: "file not found" });
    return undefined;
  }
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    add({ kind: "unreadable-file", file, message: `cannot be read (${errorText(error)})` });
    return undefined;
  }
  const parsed = parseJsonBytes(bytes);
  if (!parsed.ok) {
    const message = parsed.problem === "syntax" ? `invalid JSON: ${parsed.reason}` : parsed.reason;
    add({ kind: parsed.problem === "syntax" ? "invalid-json" : "invalid-encoding", file, ...parsed.position, message });
    return undefined;
  }
  return { value: parsed.value, locator: new JsonLocator(parsed.text) };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function errorText(error: unknown): string {
  if (error && typeof error === "object" && "code" in error) return String(error.code);
  return error instanceof Error ? error.message : String(error);
}

/**
 * The folder of the packs shipped with deeplisten (`packs/` beside this module), each pack a
 * subfolder. Found from this module's URL so it works from any working directory.
 */
export function bundledPacksDir(): string {
  return fileURLToPath(new URL("./packs/", import.meta.url));
}

/** One pack found by `listPacks`. */
export interface PackSummary {
  /** The manifest's id, or the folder name when the manifest is not valid. */
  id: string;
  /** The manifest's version, or "" when the manifest is not valid. */
  version: string;
  title: Bilingual;
  /** Entries in the pack's files, valid or not. */
  entryCount: number;
  /** The pack folder, absolute. */
  dir: string;
  /** Shipped with deeplisten, or found in a folder the user added. */
  source: "bundled" | "user";
  /** True when the pack has no problems and can be loaded. */
  ok: boolean;
  problemCount: number;
}

/**
 * The bundled packs, then the packs in `extraDirs`. Each extra folder is either a pack itself (it
 * holds pack.json) or a folder of packs such as `<library home>/packs`, whose subfolders holding
 * pack.json are packs. Folders that do not exist are skipped; broken packs are listed with their
 * problem count rather than hidden, so the user can see why one does not load.
 */
export function listPacks(extraDirs: string[] = []): PackSummary[] {
  const summaries: PackSummary[] = [];
  const seen = new Set<string>();
  const add = (dir: string, source: PackSummary["source"]) => {
    if (seen.has(dir)) return;
    seen.add(dir);
    summaries.push(summarize(dir, source));
  };
  for (const dir of packFoldersIn(bundledPacksDir())) add(dir, "bundled");
  for (const extra of extraDirs) {
    const dir = resolve(extra);
    if (existsSync(join(dir, MANIFEST_FILE))) add(dir, "user");
    else for (const pack of packFoldersIn(dir)) add(pack, "user");
  }
  return summaries;
}

function packFoldersIn(parent: string): string[] {
  if (!isDirectory(parent)) return [];
  let names: string[];
  try {
    names = readdirSync(parent).sort();
  } catch {
    return [];
  }
  return names.map((name) => join(parent, name)).filter((dir) => existsSync(join(dir, MANIFEST_FILE)));
}

function summarize(dir: string, source: PackSummary["source"]): PackSummary {
  const report = validatePack(dir);
  const folder = basename(dir);
  return {
    id: report.manifest?.id ?? folder,
    version: report.manifest?.version ?? "",
    title: report.manifest?.title ?? { en: folder, zh: folder },
    entryCount: report.entryCount,
    dir: report.dir,
    source,
    ok: report.ok,
    problemCount: report.problems.length,
  };
}
