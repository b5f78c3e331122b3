import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { backupCommand, restoreCommand } from "../src/cli/commands/backup.js";
import type { CliContext } from "../src/cli/context.js";
import { CommandError } from "../src/cli/usage-error.js";
import { analyzeStoredEpisode, importEpisode, libraryGlossary } from "../src/library/index.js";
import { BackupError, backupLibrary, restoreLibrary } from "../src/store/backup.js";
import {
  addMark,
  deleteEpisode,
  enqueueJob,
  findOrCreateConcept,
  finishJob,
  loadMigrations,
  migrate,
  openStore,
  recordAttempt,
  type Store,
  setSetting,
} from "../src/store/index.js";
import { corpusFile, HAS_CORPUS } from "./corpus.js";

/** Backup and restore of the whole library: what comes back is exactly what was saved. */

const VTT = `WEBVTT

00:00:01.000 --> 00:00:04.000
<v Ana>A mixture of experts routes each token to two experts.

00:00:04.000 --> 00:00:09.000
<v Ben>I disagree that it is cheap: the memory still holds every expert.
`;

let home: string;
let work: string;
let libraryPath: string;

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), "deeplisten-backup-home-"));
  work = mkdtempSync(join(tmpdir(), "deeplisten-backup-files-"));
  libraryPath = join(home, "library.sqlite");
});
afterEach(() => {
  rmSync(home, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

/**
 * Every row of every table (FTS shadow tables included), the schema and the schema version, as
 * sorted JSON: two libraries with equal snapshots hold the same data.
 */
function snapshot(path: string): Record<string, string[]> {
  const db = new Database(path, { readonly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
      name: string;
    }[];
    const out: Record<string, string[]> = {
      "(schema)": (
        db.prepare("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name").all() as unknown[]
      ).map((r) => JSON.stringify(r)),
      "(user_version)": [String(db.pragma("user_version", { simple: true }))],
    };
    for (const { name } of tables) {
      const rows = db.prepare(`SELECT * FROM "${name}"`).raw().all() as unknown[][];
      out[name] = rows.map((r) => JSON.stringify(r, (_k, v) => (Buffer.isBuffer(v) ? v.toString("base64") : v))).sort();
    }
    return out;
  } finally {
    db.close();
  }
}

function integrity(path: string): unknown {
  const db = new Database(path, { readonly: true });
  try {
    return db.pragma("integrity_check", { simple: true });
  } finally {
    db.close();
  }
}

/** A library with a row in every table the learner's work touches. */
async function buildLibrary(): Promise<Store> {
  const store = openStore(libraryPath);
  writeFileSync(join(work, "moe.vtt"), VTT);
  const first = (await importEpisode(store, { source: join(work, "moe.vtt") })).episode.id;
  if (HAS_CORPUS) await importEpisode(store, { source: corpusFile("en/lexicap-episode-094.whisper.vtt") });
  analyzeStoredEpisode(store, first, libraryGlossary(home));
  const concept = findOrCreateConcept(store, "mixture of experts", first);
  addMark(store, {
    episodeId: first,
    pass: 1,
    kind: "term",
    startMs: 1000,
    segmentId: null,
    selection: "mixture of experts",
    conceptId: concept.id,
    confidence: 2,
    note: "why two experts?",
  });
  addMark(store, {
    episodeId: first,
    pass: 2,
    kind: "moment",
    startMs: 4000,
    segmentId: null,
    selection: null,
    conceptId: null,
    confidence: null,
    note: "中文笔记 with <b>markup</b>",
  });
  recordAttempt(store, {
    conceptId: concept.id,
    episodeId: first,
    language: "en",
    confidence: 4,
    text: "A router sends each token to a few expert networks, so only part of the model runs per token.",
    verdict: "verified",
    covered: ["routing"],
    missing: [],
    misconceptions: [],
    feedback: "Good.",
    grader: "offline",
  });
  setSetting(store, "sample-offered", "yes");
  finishJob(store, enqueueJob(store, "analysis", first).id);
  return store;
}

describe("backup and restore", () => {
  it("round-trips exactly: every table's rows, the schema and its version", async () => {
    const store = await buildLibrary();
    const saved = snapshot(libraryPath);
    expect(saved.mark).toHaveLength(2);
    expect(saved.explanation_attempt).toHaveLength(1);
    expect(saved.episode_concept?.length).toBeGreaterThan(0);

    const backupFile = join(work, "backups", "library-backup.sqlite");
    const summary = await backupLibrary(store, backupFile);
    expect(summary).toMatchObject({ file: backupFile, episodes: HAS_CORPUS ? 2 : 1, marks: 2 });
    expect(summary.schemaVersion).toBe(loadMigrations().at(-1)?.version);
    // One self-contained file, no -wal or partial file beside it.
    expect(readdirSync(join(work, "backups"))).toEqual(["library-backup.sqlite"]);
    expect(snapshot(backupFile)).toEqual(saved);

    // The learner goes on working after the backup: that work is what the restore replaces.
    const episodes = store.db.prepare("SELECT id FROM episode ORDER BY rowid").all() as { id: string }[];
    addMark(store, {
      episodeId: episodes[0]?.id as string,
      pass: 3,
      kind: "moment",
      startMs: 2000,
      segmentId: null,
      selection: null,
      conceptId: null,
      confidence: 5,
      note: "after the backup",
    });
    if (episodes[1]) deleteEpisode(store, episodes[1].id);
    store.db.close();
    const changed = snapshot(libraryPath);
    expect(changed).not.toEqual(saved);

    const restored = restoreLibrary(home, backupFile);
    expect(restored).toMatchObject({
      file: libraryPath,
      previous: `${libraryPath}.before-restore`,
      marks: 2,
      backupSchemaVersion: summary.schemaVersion,
    });
    expect(snapshot(libraryPath)).toEqual(saved);
    expect(integrity(libraryPath)).toBe("ok");
    // The replaced library is kept whole, with the work done after the backup.
    expect(snapshot(`${libraryPath}.before-restore`)).toEqual(changed);
    expect(readdirSync(home).sort()).toEqual(["library.sqlite", "library.sqlite.before-restore"]);

    // And the restored library is a working library again.
    const reopened = openStore(libraryPath);
    expect((reopened.db.prepare("SELECT count(*) AS n FROM mark").get() as { n: number }).n).toBe(2);
    reopened.db.close();
  });

  it("restores into a folder that has no library yet", async () => {
    const store = await buildLibrary();
    const backupFile = join(work, "b.sqlite");
    await backupLibrary(store, backupFile);
    const saved = snapshot(libraryPath);
    store.db.close();
    const elsewhere = join(work, "new-home");
    const restored = restoreLibrary(elsewhere, backupFile);
    expect(restored.previous).toBeNull();
    expect(snapshot(join(elsewhere, "library.sqlite"))).toEqual(saved);
  });

  it("brings a backup from an older schema up to date, keeping its rows", () => {
    const old = join(work, "old.sqlite");
    const db = new Database(old);
    migrate(db, loadMigrations().slice(0, 1));
    db.prepare(
      `INSERT INTO episode (id, title, language, duration_ms, word_count, format, source_kind, source_ref, source_sha256, imported_at)
       VALUES ('ep1', 'Old episode', 'en', 5000, 3, 'webvtt', 'file', '/old.vtt', 'abc', '2025-01-01T00:00:00Z')`,
    ).run();
    db.prepare(
      "INSERT INTO segment (episode_id, idx, start_ms, end_ms, text) VALUES ('ep1', 0, 0, 5000, 'hello old world')",
    ).run();
    db.close();

    const restored = restoreLibrary(home, old);
    expect(restored.backupSchemaVersion).toBe(1);
    expect(restored.schemaVersion).toBe(loadMigrations().at(-1)?.version);
    expect(restored.episodes).toBe(1);
    const store = openStore(libraryPath);
    expect(store.db.prepare("SELECT text FROM segment").all()).toEqual([{ text: "hello old world" }]);
    store.db.close();
    // The backup file itself is never modified.
    expect(new Database(old, { readonly: true }).pragma("user_version", { simple: true })).toBe(1);
  });

  describe("refuses, changing nothing", () => {
    async function expectRefused(file: string, message: RegExp) {
      const store = await buildLibrary();
      store.db.close();
      const before = snapshot(libraryPath);
      expect(() => restoreLibrary(home, file)).toThrow(message);
      expect(() => restoreLibrary(home, file)).toThrow(BackupError);
      expect(snapshot(libraryPath)).toEqual(before);
      // No half-restored file, no "previous" library: nothing happened.
      expect(readdirSync(home).filter((f) => !f.startsWith("library.sqlite-"))).toEqual(["library.sqlite"]);
    }

    it("a file that is not SQLite", async () => {
      const file = join(work, "notes.sqlite");
      writeFileSync(file, "these are my notes, not a database\n".repeat(200));
      await expectRefused(file, /notes\.sqlite is not a deeplisten library/);
    });

    it("a SQLite database that is not a deeplisten library", async () => {
      const file = join(work, "other.sqlite");
      const db = new Database(file);
      db.exec("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Ana')");
      db.close();
      await expectRefused(file, /other\.sqlite is not a deeplisten library \(schema version 0, no episode/);
    });

    it("a library from a newer deeplisten", async () => {
      const file = join(work, "future.sqlite");
      const db = new Database(file);
      migrate(db);
      db.pragma("user_version = 999");
      db.close();
      await expectRefused(file, /future\.sqlite was written by a newer deeplisten \(schema 999/);
    });

    it("a damaged backup", async () => {
      const store = openStore(join(work, "source", "library.sqlite"));
      for (let i = 0; i < 300; i++) setSetting(store, `key-${i}`, "x".repeat(200));
      const file = join(work, "damaged.sqlite");
      await backupLibrary(store, file);
      store.db.close();
      const bytes = readFileSync(file);
      // Garbage over the middle pages: the header still says SQLite, the b-trees are broken.
      bytes.fill(0x5a, 4096 * 3, 4096 * 6);
      writeFileSync(file, bytes);
      await expectRefused(file, /damaged\.sqlite (is damaged|is not a deeplisten library)/);
    });

    it("no such file", async () => {
      await expectRefused(join(work, "missing.sqlite"), /missing\.sqlite: no such file/);
    });

    it("while the library is open elsewhere (a running server)", async () => {
      const store = await buildLibrary();
      const backupFile = join(work, "b.sqlite");
      await backupLibrary(store, backupFile);
      const before = snapshot(libraryPath);
      expect(() => restoreLibrary(home, backupFile)).toThrow(/open in another deeplisten process/);
      expect(snapshot(libraryPath)).toEqual(before);
      expect(existsSync(`${libraryPath}.before-restore`)).toBe(false);
      store.db.close();
      expect(() => restoreLibrary(home, backupFile)).not.toThrow();
    });
  });

  it("backup refuses to overwrite the library itself", async () => {
    const store = await buildLibrary();
    await expect(backupLibrary(store, libraryPath)).rejects.toThrow(/cannot be the library itself/);
    store.db.close();
    expect(integrity(libraryPath)).toBe("ok");
  });
});

describe("deeplisten backup / restore commands", () => {
  function context(json: boolean) {
    const out: string[] = [];
    let store: Store | null = null;
    const ctx: CliContext = {
      home,
      json,
      stdout: (t) => out.push(t),
      stderr: (t) => out.push(t),
      openLibrary: () => {
        store ??= openStore(libraryPath);
        return store;
      },
    };
    return { ctx, out, close: () => store?.db.close() };
  }

  it("backs up, refuses to overwrite without --force, and restores", async () => {
    (await buildLibrary()).db.close();
    const saved = snapshot(libraryPath);
    const file = join(work, "my backup.sqlite");

    const backup = context(true);
    expect(await backupCommand(backup.ctx, [file])).toBe(0);
    const printed = JSON.parse(backup.out.join("")) as { backup: { file: string; marks: number } };
    expect(printed.backup).toMatchObject({ file, marks: 2 });
    await expect(backupCommand(backup.ctx, [file])).rejects.toThrow(CommandError);
    expect(await backupCommand(backup.ctx, [file, "--force"])).toBe(0);
    backup.close();

    const restore = context(false);
    expect(await restoreCommand(restore.ctx, [file])).toBe(0);
    expect(restore.out.join("\n")).toMatch(
      /Restored the library in .* 2 marks.*\n.*kept at .*library\.sqlite\.before-restore/s,
    );
    expect(snapshot(libraryPath)).toEqual(saved);

    const bad = join(work, "bad.sqlite");
    writeFileSync(bad, "not a library");
    await expect(restoreCommand(context(false).ctx, [bad])).rejects.toThrow(CommandError);
  });
});
