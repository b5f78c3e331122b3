import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { bundledPacksDir } from "../src/knowledge/index.js";
import { runDeeplisten } from "./helpers/cli.js";

const home = mkdtempSync(join(tmpdir(), "deeplisten-pack-"));
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe("deeplisten pack", () => {
  it("lists the bundled pack and the learner's own", async () => {
    const mine = join(home, "packs", "my-pack");
    cpSync(join(bundledPacksDir(), "ai-2026"), mine, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(mine, "pack.json"), "utf8"));
    writeFileSync(join(mine, "pack.json"), JSON.stringify({ ...manifest, id: "my-pack" }));
    const run = await runDeeplisten(home, ["pack", "list", "--json"]);
    expect(run.code).toBe(0);
    const { packs } = JSON.parse(run.stdout);
    expect(packs.map((p: { id: string; source: string; ok: boolean }) => [p.id, p.source, p.ok])).toEqual([
      ["ai-2026", "bundled", true],
      ["my-pack", "user", true],
    ]);
    expect(packs[0].entryCount).toBeGreaterThanOrEqual(100);
  });

  it("validates a pack, naming the entry and field of each problem", async () => {
    const ok = await runDeeplisten(home, ["pack", "validate", join(bundledPacksDir(), "ai-2026")]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/ok, \d{3} entries in 5 files/);

    const broken = join(home, "broken");
    cpSync(join(bundledPacksDir(), "ai-2026"), broken, { recursive: true });
    const file = join(broken, "entries", "architecture.json");
    const entries = JSON.parse(readFileSync(file, "utf8"));
    const moe = entries.findIndex((e: { id: string }) => e.id === "mixture-of-experts");
    entries[moe].rubric.keyPoints[0].phrasings.zh = [];
    entries[moe].prerequisites.push("no-such-concept");
    writeFileSync(file, JSON.stringify(entries, null, 2));
    const bad = await runDeeplisten(home, ["pack", "validate", broken]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(
      `entries/architecture.json: entry ${moe} "mixture-of-experts": rubric.keyPoints[0].phrasings.zh: give at least one Chinese phrasing`,
    );
    expect(bad.stderr).toContain("no-such-concept");
    expect(bad.stderr).toContain("2 problems");
  });

  it("answers bad usage with exit code 2", async () => {
    expect((await runDeeplisten(home, ["pack", "frob"])).code).toBe(2);
  });
});
