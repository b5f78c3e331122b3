import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  getAnalysis,
  getSegments,
  listEpisodes,
  listMarks,
  loadMigrations,
  masteryHistory,
  migrate,
  openStore,
  searchSegments,
} from "../src/store/index.js";

/**
 * Every schema migration, from every earlier schema version: a library built at version k (only
 * the first k migrations applied) with representative rows, opened by this version of deeplisten
 * (which migrates it to the latest), keeps every row, passes integrity_check, and works.
 *
 * Rows are written with plain SQL as each schema version had them, never with today's store
 * functions, which follow the latest schema. A table added by a migration with no fixture below
 * gets a generated row (from its columns, foreign keys and CHECK lists) so new migrations are
 * covered from the day they land; add a real fixture when that generator cannot satisfy it.
 */

type Fixture = (db: Database.Database) => void;

/** Representative rows for the tables each migration introduced, keyed by migration version. */
const FIXTURES: Record<number, Fixture> = {
  1: (db) => {
    const episode = db.prepare(
      `INSERT INTO episode (id, title, show, language, duration_ms, word_count, format, source_kind, source_ref,
         source_sha256, audio_url, video_url, timing_estimated, speakers_anonymous, imported_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    episode.run(
      "ep-en",
      "State of AI",
      "Lex Fridman Podcast",
      "en",
      9000,
      20,
      "webvtt",
      "file",
      "/a.vtt",
      "sha-a",
      "https://example.com/a.mp3",
      "https://youtube.com/watch?v=x",
      0,
      0,
      "2025-06-01T10:00:00.000Z",
    );
    episode.run(
      "ep-zh",
      "深度求索",
      null,
      "zh",
      6000,
      12,
      "diarized-markdown",
      "url",
      "https://example.com/zh.md",
      "sha-b",
      null,
      null,
      1,
      1,
      "2025-06-02T10:00:00.000Z",
    );
    const speaker = db.prepare("INSERT INTO speaker (id, episode_id, name, role, anonymous) VALUES (?, ?, ?, ?, ?)");
    speaker.run(1, "ep-en", "Lex Fridman", "host", 0);
    speaker.run(2, "ep-en", "Nathan Lambert", "guest", 0);
    speaker.run(3, "ep-zh", "Speaker 1", "speaker", 1);
    const segment = db.prepare(
      "INSERT INTO segment (id, episode_id, idx, start_ms, end_ms, speaker_id, text) VALUES (?, ?, ?, ?, ?, ?, ?)",
    );
    const fts = db.prepare("INSERT INTO segment_fts (rowid, text) VALUES (?, ?)");
    const trigram = db.prepare("INSERT INTO segment_fts_trigram (rowid, text) VALUES (?, ?)");
    const en: [number, number, number, number, string][] = [
      [1, 0, 0, 4000, "A mixture of experts routes each token to two experts."],
      [2, 1, 4000, 9000, "I disagree: the memory still holds every expert <script>alert(1)</script>."],
    ];
    en.forEach(([id, idx, start, end, text], i) => {
      segment.run(id, "ep-en", idx, start, end, i === 0 ? 2 : 1, text);
      fts.run(id, text);
    });
    segment.run(3, "ep-zh", 0, 0, 6000, 3, "混合专家模型把每个词元路由到两个专家。");
    trigram.run(3, "混合专家模型把每个词元路由到两个专家。");
    const chapter = db.prepare(
      "INSERT INTO chapter (episode_id, idx, title, start_ms, end_ms, source) VALUES (?, ?, ?, ?, ?, ?)",
    );
    chapter.run("ep-en", 0, "Introduction", 0, 4000, "published");
    chapter.run("ep-en", 1, "Mixture of experts", 4000, 9000, "detected");
    db.prepare("INSERT INTO setting (key, value) VALUES (?, ?)").run("sample-offered", "2025-06-01");
  },
  2: (db) => {
    db.prepare("INSERT INTO concept (id, key, name, kind, pack_entry_id) VALUES (?, ?, ?, ?, ?)").run(
      1,
      "mixture-of-experts",
      "Mixture of experts",
      "term",
      "mixture-of-experts",
    );
    db.prepare("INSERT INTO concept (id, key, name, kind, pack_entry_id) VALUES (?, ?, ?, ?, ?)").run(
      2,
      "nathan lambert",
      "Nathan Lambert",
      "person",
      null,
    );
    const alias = db.prepare("INSERT INTO concept_alias (concept_id, alias, alias_key) VALUES (?, ?, ?)");
    alias.run(1, "MoE", "moe");
    alias.run(1, "混合专家", "混合专家");
    db.prepare(
      `INSERT INTO episode_concept (episode_id, concept_id, rank, score, name, aliases, mention_count, first_ms)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run("ep-en", 1, 0, 3.5, "mixture of experts", '["MoE"]', 2, 0);
    db.prepare(
      "INSERT INTO mention (episode_id, concept_id, segment_id, start_char, end_char) VALUES (?, ?, ?, ?, ?)",
    ).run("ep-en", 1, 1, 2, 20);
    db.prepare(
      "INSERT INTO definition (episode_id, concept_id, segment_id, rank, score, text) VALUES (?, ?, ?, ?, ?, ?)",
    ).run("ep-en", 1, 1, 0, 0.9, "A mixture of experts routes each token to two experts.");
    db.prepare(
      `INSERT INTO clash (episode_id, idx, start_ms, end_ms, speakers, topic, quote, segment_ids, concept_keys, confidence)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      "ep-en",
      0,
      4000,
      9000,
      '["Lex Fridman","Nathan Lambert"]',
      "memory cost",
      "I disagree",
      "[2]",
      '["mixture-of-experts"]',
      0.7,
    );
    db.prepare("INSERT INTO mindmap_draft (episode_id, tree) VALUES (?, ?)").run(
      "ep-en",
      '{"id":"root","label":"State of AI","children":[]}',
    );
    db.prepare("INSERT INTO episode_analysis (episode_id, version, analysed_at, took_ms) VALUES (?, ?, ?, ?)").run(
      "ep-en",
      1,
      "2025-06-01T10:01:00.000Z",
      1234,
    );
    db.prepare(
      `INSERT INTO job (id, kind, episode_id, state, progress, step, error, attempts, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      "job1",
      "analysis",
      "ep-en",
      "done",
      1,
      "done",
      null,
      1,
      "2025-06-01T10:00:30.000Z",
      "2025-06-01T10:01:00.000Z",
    );
  },
  3: (db) => {
    db.prepare(
      `INSERT INTO mark (id, episode_id, pass, kind, start_ms, segment_id, selection, concept_id, confidence, note, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(1, "ep-en", 1, "term", 0, 1, "mixture of experts", 1, 2, "why two?", "2025-06-03T08:00:00.000Z");
    db.prepare(
      `INSERT INTO mark (id, episode_id, pass, kind, start_ms, segment_id, selection, concept_id, confidence, note, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(2, "ep-zh", 2, "moment", 3000, 3, null, null, null, "回听这里", "2025-06-03T08:05:00.000Z");
    db.prepare(
      `INSERT INTO explanation_attempt (id, concept_id, episode_id, language, confidence, text, verdict, covered, missing,
         misconceptions, feedback, grader, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      1,
      1,
      "ep-en",
      "en",
      4,
      "A router picks a few experts per token.",
      "verified",
      '["routing"]',
      "[]",
      "[]",
      "Good.",
      "offline",
      "2025-06-03T09:00:00.000Z",
    );
    db.prepare("INSERT INTO mastery (concept_id, state, updated_at) VALUES (?, ?, ?)").run(
      1,
      "verified",
      "2025-06-03T09:00:00.000Z",
    );
    const event = db.prepare(
      `INSERT INTO mastery_event (concept_id, episode_id, event, from_state, to_state, attempt_id, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    event.run(1, "ep-en", "mark", "new", "marked", null, "2025-06-03T08:00:00.000Z");
    event.run(1, "ep-en", "explain", "marked", "verified", 1, "2025-06-03T09:00:00.000Z");
  },
  // The stance table: its cells have a composite key the row generator cannot fill.
  6: (db) => {
    db.prepare(
      `INSERT INTO stance_topic (id, episode_id, idx, title, clash_idx, synthesis, updated_at)
       VALUES (1, 'ep-en', 0, 'Where reasoning comes from', NULL, 'Both are right, in part.', '2025-06-04T10:00:00.000Z')`,
    ).run();
    db.prepare(
      `INSERT INTO stance_cell (topic_id, speaker, position, quote, start_ms, segment_id, updated_at)
       VALUES (1, 'Nathan Lambert', 'RL unlocks skills', 'RL post-training is more like the skill unlock', 4098000, NULL, '2025-06-04T10:00:00.000Z')`,
    ).run();
  },
};

const MIGRATIONS = loadMigrations();
const LATEST = MIGRATIONS.at(-1)?.version ?? 0;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "deeplisten-upgrade-"));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

interface TableInfo {
  name: string;
  virtual: boolean;
  columns: string[];
}

/** The tables a library holds data in: FTS shadow tables and SQLite's own are internal. */
function dataTables(db: Database.Database): TableInfo[] {
  const all = db
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string; sql: string }[];
  const virtual = all.filter((t) => /^CREATE VIRTUAL TABLE/i.test(t.sql)).map((t) => t.name);
  return all
    .filter((t) => !virtual.some((v) => t.name.startsWith(`${v}_`)))
    .map((t) => ({
      name: t.name,
      virtual: virtual.includes(t.name),
      columns: (db.pragma(`table_xinfo("${t.name}")`) as { name: string; hidden: number }[])
        .filter((c) => c.hidden === 0)
        .map((c) => c.name),
    }));
}

/** A table's rows as objects; FTS tables with their rowid, which links them to segments. */
function rowsOf(db: Database.Database, table: TableInfo): Record<string, unknown>[] {
  return db.prepare(`SELECT ${table.virtual ? "rowid AS rowid, " : ""}* FROM "${table.name}"`).all() as Record<
    string,
    unknown
  >[];
}

/** Rows reduced to the given columns, as sorted JSON: equal lists mean the same data. */
function project(rows: Record<string, unknown>[], columns: string[]): string[] {
  return rows.map((r) => JSON.stringify(columns.map((c) => r[c]))).sort();
}

/**
 * A row for a table no fixture knows: every column filled, foreign keys pointing at an existing
 * parent row, values taken from a column's `IN (...)` CHECK list where it has one. Returns the
 * error when the table's constraints defeat it.
 */
function insertGeneratedRow(db: Database.Database, table: string): string | null {
  const sql = (db.prepare("SELECT sql FROM sqlite_master WHERE name = ?").get(table) as { sql: string }).sql;
  const columns = db.pragma(`table_info("${table}")`) as { name: string; type: string; pk: number }[];
  const keys = db.pragma(`foreign_key_list("${table}")`) as { table: string; from: string; to: string | null }[];
  const values: Record<string, unknown> = {};
  for (const c of columns) {
    const fk = keys.find((k) => k.from === c.name);
    if (fk) {
      const parent = db.prepare(`SELECT ${fk.to ? `"${fk.to}"` : "rowid"} AS v FROM "${fk.table}" LIMIT 1`).get() as
        | { v: unknown }
        | undefined;
      values[c.name] = parent?.v ?? null;
      continue;
    }
    if (c.pk === 1 && /INT/i.test(c.type) && columns.filter((x) => x.pk > 0).length === 1) continue;
    const listed = new RegExp(`\\b${c.name}\\s+IN\\s*\\(\\s*('(?:[^']|'')*'|-?\\d+(?:\\.\\d+)?)`, "i").exec(sql);
    if (listed?.[1])
      values[c.name] = listed[1].startsWith("'") ? listed[1].slice(1, -1).replace(/''/g, "'") : Number(listed[1]);
    else if (/INT/i.test(c.type)) values[c.name] = 1;
    else if (/REAL|FLOA|DOUB/i.test(c.type)) values[c.name] = 0.5;
    else values[c.name] = `${table}.${c.name} at its first version`;
  }
  const names = Object.keys(values);
  try {
    db.prepare(
      `INSERT INTO "${table}" (${names.map((n) => `"${n}"`).join(", ")}) VALUES (${names.map(() => "?").join(", ")})`,
    ).run(...names.map((n) => values[n]));
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * Builds a library file at schema version k the way a user of that version had it: only the first
 * k migrations, each followed by rows for the tables it added.
 */
function libraryAtVersion(k: number): {
  file: string;
  tables: TableInfo[];
  rows: Record<string, Record<string, unknown>[]>;
} {
  const file = join(dir, `library-v${k}.sqlite`);
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("foreign_keys = ON");
  const applied = MIGRATIONS.slice(0, k);
  const problems: string[] = [];
  // As a library lives: each version's rows are written while it is the current schema.
  for (const [i, m] of applied.entries()) {
    migrate(db, applied.slice(0, i + 1));
    const fixture = FIXTURES[m.version];
    if (fixture) db.transaction(() => fixture(db))();
    // Every table holds at least one row: those this migration's fixture did not fill get a generated one.
    for (const t of dataTables(db)) {
      if (t.virtual || (db.prepare(`SELECT count(*) AS n FROM "${t.name}"`).get() as { n: number }).n > 0) continue;
      const problem = insertGeneratedRow(db, t.name);
      if (problem) problems.push(`${t.name} (migration ${m.version}): ${problem}; add a fixture for it`);
    }
  }
  expect(problems, "tables no row could be generated for").toEqual([]);
  expect(db.pragma("user_version", { simple: true })).toBe(applied.at(-1)?.version ?? 0);
  expect(db.pragma("foreign_key_check")).toEqual([]);
  const tables = dataTables(db);
  const rows = Object.fromEntries(tables.map((t) => [t.name, rowsOf(db, t)]));
  db.close();
  return { file, tables, rows };
}

describe("schema upgrades", () => {
  it("the fixtures cover every migration they know, and the chain has no gaps", () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    for (const v of Object.keys(FIXTURES).map(Number)) expect(v).toBeLessThanOrEqual(LATEST);
  });

  const earlier = Array.from({ length: LATEST }, (_, k) => k);
  it.each(earlier)(`from schema version %i to the latest, every row survives`, (k) => {
    const old = libraryAtVersion(k);
    if (k >= 1) expect(Object.values(old.rows).flat().length).toBeGreaterThan(0);

    // Opened by this version of deeplisten: openStore migrates, with foreign keys on as always.
    const store = openStore(old.file);
    const { db } = store;
    try {
      expect(db.pragma("user_version", { simple: true })).toBe(LATEST);
      expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
      expect(db.pragma("foreign_key_check")).toEqual([]);
      db.exec("INSERT INTO segment_fts(segment_fts) VALUES ('integrity-check')");
      db.exec("INSERT INTO segment_fts_trigram(segment_fts_trigram) VALUES ('integrity-check')");

      const now = new Map(dataTables(db).map((t) => [t.name, t]));
      for (const table of old.tables) {
        const upgraded = now.get(table.name);
        expect(upgraded, `table ${table.name} disappeared in the upgrade from ${k}`).toBeDefined();
        if (!upgraded) continue;
        // Columns a later migration dropped cannot be compared; every row and every kept value must be there.
        const kept = [
          ...(table.virtual ? ["rowid"] : []),
          ...table.columns.filter((c) => upgraded.columns.includes(c)),
        ];
        expect(project(rowsOf(db, upgraded), kept), `rows of ${table.name} after the upgrade from ${k}`).toEqual(
          project(old.rows[table.name] ?? [], kept),
        );
      }

      // The upgraded library has exactly the schema of a library created new.
      const fresh = new Database(":memory:");
      migrate(fresh);
      const schema = (d: Database.Database) =>
        d.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name").all();
      expect(schema(db)).toEqual(schema(fresh));
      fresh.close();

      // And this version's code reads the old rows as the learner would see them.
      if (k >= 1) {
        const episodes = listEpisodes(store);
        expect(episodes.map((e) => e.id).sort()).toEqual(["ep-en", "ep-zh"]);
        expect(episodes.find((e) => e.id === "ep-en")?.speakers).toEqual(["Nathan Lambert", "Lex Fridman"]);
        expect(getSegments(store, "ep-en").map((s) => s.speaker)).toEqual(["Nathan Lambert", "Lex Fridman"]);
        expect(searchSegments(store, "experts").map((h) => h.segmentId)).toContain(1);
        expect(searchSegments(store, "专家").map((h) => h.segmentId)).toEqual([3]);
      }
      if (k >= 2) {
        expect(getAnalysis(store, "ep-en")?.concepts.map((c) => c.key)).toEqual(["mixture-of-experts"]);
      }
      if (k >= 3) {
        expect(listMarks(store, "ep-en").map((m) => m.note)).toEqual(["why two?"]);
        expect(listMarks(store, "ep-zh").map((m) => m.note)).toEqual(["回听这里"]);
        expect(masteryHistory(store, 1).length).toBe(2);
      }
    } finally {
      db.close();
    }
  });
});
