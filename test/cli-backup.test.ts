import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { SAMPLE } from "../src/library/index.js";
import { runDeeplisten } from "./helpers/cli.js";

const home = mkdtempSync(join(tmpdir(), "deeplisten-backup-cli-"));
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe("deeplisten backup and restore", () => {
  it("brings the library back as it was at the backup, keeping the replaced one aside", async () => {
    expect((await runDeeplisten(home, ["import", SAMPLE.transcript, "--no-analyze"])).code).toBe(0);
    expect((await runDeeplisten(home, ["mark", "Reasoning", "--term", "GRPO"])).code).toBe(0);
    const file = join(home, "backups", "before.sqlite");
    const backup = await runDeeplisten(home, ["backup", file]);
    expect(backup.code, backup.stderr).toBe(0);
    expect(existsSync(file)).toBe(true);

    const other = join(home, "other.srt");
    writeFileSync(other, "1\n00:00:01,000 --> 00:00:03,000\nAn episode added after the backup.\n");
    expect((await runDeeplisten(home, ["import", other, "--no-analyze"])).code).toBe(0);
    expect(JSON.parse((await runDeeplisten(home, ["list", "--json"])).stdout).episodes).toHaveLength(2);

    const restore = await runDeeplisten(home, ["restore", file]);
    expect(restore.code, restore.stderr).toBe(0);
    const { episodes } = JSON.parse((await runDeeplisten(home, ["list", "--json"])).stdout);
    expect(episodes.map((e: { title: string }) => e.title)).toEqual([
      "Where Does Reasoning Come From? Pre-training vs. Post-training",
    ]);
    const marks = JSON.parse((await runDeeplisten(home, ["marks", "Reasoning", "--json"])).stdout).marks;
    expect(marks.map((m: { selection: string }) => m.selection)).toEqual(["GRPO"]);
    expect(existsSync(join(home, "library.sqlite.before-restore"))).toBe(true);
  }, 90_000);

  it("refuses to restore a file that is not a deeplisten library, changing nothing", async () => {
    const bogus = join(home, "bogus.sqlite");
    writeFileSync(bogus, "not a database at all");
    const run = await runDeeplisten(home, ["restore", bogus]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("bogus.sqlite");
    expect(JSON.parse((await runDeeplisten(home, ["list", "--json"])).stdout).episodes).toHaveLength(1);
  });
});
