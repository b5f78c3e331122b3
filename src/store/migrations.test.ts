import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { loadMigrations, migrate } from "./migrations.js";

describe("migrate", () => {
  it("builds the schema from nothing and records the version", () => {
    const db = new Database(":memory:");
    const version = migrate(db);
    expect(version).toBe(loadMigrations().at(-1)?.version);
    expect(db.pragma("user_version", { simple: true })).toBe(version);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
      (t) => t.name,
    );
    expect(tables).toEqual(
      expect.arrayContaining(["episode", "speaker", "segment", "chapter", "segment_fts", "setting"]),
    );
  });

  it("is a no-op on an up-to-date library", () => {
    const db = new Database(":memory:");
    migrate(db);
    expect(() => migrate(db)).not.toThrow();
  });

  it("refuses a library written by a newer version instead of damaging it", () => {
    const db = new Database(":memory:");
    db.pragma("user_version = 999");
    expect(() => migrate(db)).toThrow(/newer deeplisten \(schema 999/);
  });
});
