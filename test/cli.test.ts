import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDeeplisten } from "./helpers/cli.js";

const SRT = `1
00:00:01,000 --> 00:00:04,000
NATHAN: Reasoning is unlocked by RL after pre-training.

2
00:00:04,500 --> 00:00:08,000
SEBASTIAN: I disagree, the knowledge is already in the base model.
`;

let home: string;
let work: string;
beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), "deeplisten-cli-home-"));
  work = mkdtempSync(join(tmpdir(), "deeplisten-cli-files-"));
});
afterAll(() => {
  rmSync(home, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

describe("deeplisten import, list, show", () => {
  it("imports a file and prints the episode as one JSON document", async () => {
    const file = join(work, "debate.srt");
    writeFileSync(file, SRT);
    const run = await runDeeplisten(home, ["import", file, "--title", "A short debate", "--json"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const { episode } = JSON.parse(run.stdout);
    expect(episode).toMatchObject({
      title: "A short debate",
      language: "en",
      durationMs: 8000,
      speakers: ["NATHAN", "SEBASTIAN"],
      segmentCount: 2,
      wordCount: 18,
      chapters: [],
    });
    expect(typeof episode.id).toBe("string");
  });

  it("says so when the same file is imported twice, and adds nothing", async () => {
    const file = join(work, "debate.srt");
    const run = await runDeeplisten(home, ["import", file]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Already in the library");
    const list = JSON.parse((await runDeeplisten(home, ["list", "--json"])).stdout);
    expect(list.episodes).toHaveLength(1);
  });

  it("lists and shows the library for people and for scripts", async () => {
    const list = await runDeeplisten(home, ["list"]);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/00:00:08 {2}en {2}A short debate {2}\(NATHAN, SEBASTIAN; 18 words, 0 chapters\)/);

    const shown = await runDeeplisten(home, ["--json", "show", "short debate"]);
    expect(shown.code).toBe(0);
    const { episode } = JSON.parse(shown.stdout);
    expect(episode.segments).toEqual([
      {
        id: expect.any(Number),
        startMs: 1000,
        endMs: 4000,
        speaker: "NATHAN",
        text: "Reasoning is unlocked by RL after pre-training.",
      },
      {
        id: expect.any(Number),
        startMs: 4500,
        endMs: 8000,
        speaker: "SEBASTIAN",
        text: "I disagree, the knowledge is already in the base model.",
      },
    ]);
    const human = await runDeeplisten(home, ["show", episode.id]);
    expect(human.stdout).toContain("[00:00:04] SEBASTIAN: I disagree, the knowledge is already in the base model.");
  });

  it("uses --home over DEEPLISTEN_HOME", async () => {
    const other = mkdtempSync(join(tmpdir(), "deeplisten-other-"));
    try {
      const run = await runDeeplisten(home, ["list", "--home", other, "--json"]);
      expect(JSON.parse(run.stdout)).toEqual({ episodes: [] });
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it("answers bad usage with exit code 2 and a hint", async () => {
    const cases: [string[], RegExp][] = [
      [["import"], /give exactly one file or URL/],
      [["import", "a.srt", "--lang", "fr"], /--lang takes en or zh/],
      [["import", "a.srt", "--bogus"], /Unknown option '--bogus'/],
      [["frobnicate"], /unknown command "frobnicate"/],
      [[], /Usage:/],
    ];
    for (const [args, message] of cases) {
      const run = await runDeeplisten(home, args);
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr + run.stdout).toMatch(message);
    }
  });

  it("says which episode it could not find", async () => {
    const run = await runDeeplisten(home, ["show", "nonexistent"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('no episode "nonexistent"');
  });
});
