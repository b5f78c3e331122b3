import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SAMPLE } from "../src/library/index.js";
import { runDeeplisten } from "./helpers/cli.js";
import { runDeeplistenWithInput } from "./helpers/cli-input.js";

/**
 * Pass 3 in the terminal on the bundled sample: `deeplisten review` (due cards, graded and
 * rescheduled), `review --pass3`, `insight add|list`, and the write-up, Anki package and episode
 * backup through `export`, the backup brought back with `restore-episode` in another library.
 */
const home = mkdtempSync(join(tmpdir(), "deeplisten-review-"));
const other = mkdtempSync(join(tmpdir(), "deeplisten-review-other-"));
const out = mkdtempSync(join(tmpdir(), "deeplisten-review-out-"));
afterAll(() => {
  for (const dir of [home, other, out]) rmSync(dir, { recursive: true, force: true });
});

const GOOD_GRPO = [
  "For each prompt GRPO samples a group of several answers and scores each one with the reward.",
  "Each answer's advantage is its reward compared with the group's average reward, normalised by the spread,",
  "so answers better than the group mean are pushed up and worse ones down.",
  "Because the group itself is the baseline, it needs no separate value model or critic, unlike PPO.",
];

beforeAll(async () => {
  const run = await runDeeplisten(home, ["import", SAMPLE.transcript, "--json"]);
  expect(run.code, run.stderr).toBe(0);
});

// Each step runs the real command in a child process, several per test: slow on a busy two-core machine.
describe("deeplisten review", { timeout: 120_000 }, () => {
  it("says how cards come when there are none", async () => {
    const run = await runDeeplisten(home, ["review", "--lang", "en"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("No cards yet: mark the concepts you did not get");
  });

  it("asks the due cards, grades an explanation, reschedules it, and stops cleanly at the end of input", async () => {
    expect((await runDeeplisten(home, ["mark", "Reasoning", "--term", "GRPO", "--confidence", "2"])).code).toBe(0);
    const typed = ["4", ...GOOD_GRPO, "", "3", "the group mean is the baseline", "2", ""].join("\n");
    const run = await runDeeplistenWithInput(home, ["review", "--episode", "Reasoning", "--lang", "en"], typed);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/\d card\(s\) due/);
    expect(run.stdout).toContain("[1/");
    expect(run.stdout).toContain("Explain GRPO in your own words.");
    expect(run.stdout).toContain("Verified.");
    expect(run.stdout).toMatch(/Next time: in 10 min\./);
    // The second card is a check question: the reference is shown and the learner's rating taken.
    expect(run.stdout).toContain("Compare with: GRPO");
    expect(run.stdout).toContain("Rated hard.");
    expect(run.stdout).toContain("Stopped. Every answer so far is kept.");
    expect(run.stdout).toContain("Reviewed 2 card(s): 2 remembered, 0 to relearn.");
    const concepts = JSON.parse((await runDeeplisten(home, ["concepts", "Reasoning", "--json"])).stdout) as {
      concepts: { name: string; mastery: string }[];
    };
    expect(concepts.concepts.find((c) => c.name === "GRPO")?.mastery).toBe("verified");
    const due = JSON.parse((await runDeeplisten(home, ["review", "--json"])).stdout) as { due: { prompt: string }[] };
    // The two answered cards are no longer due; the rest still are.
    expect(due.due.map((c) => c.prompt)).not.toContain("Explain GRPO in your own words.");
  });

  it("runs pass 3 in Chinese without help, the answer kept as a pass-3 attempt that sends GRPO back to learning", async () => {
    const run = await runDeeplistenWithInput(
      home,
      ["review", "--pass3", "--episode", "Reasoning", "--lang", "zh"],
      ["5", "GRPO 就是一种更好的强化学习。", ""].join("\n"),
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("第三遍：1 个概念");
    expect(run.stdout).toContain("用你自己的话解释「GRPO」。");
    expect(run.stdout).toContain("回到学习中");
    const concepts = JSON.parse((await runDeeplisten(home, ["concepts", "Reasoning", "--json"])).stdout) as {
      concepts: { name: string; mastery: string }[];
    };
    expect(concepts.concepts.find((c) => c.name === "GRPO")?.mastery).toBe("learning");
    expect((await runDeeplisten(home, ["review", "--pass3"])).code).toBe(2);
  });
});

describe("insights, the write-up and the episode backup", { timeout: 120_000 }, () => {
  it("adds and lists insights linked to concepts and moments", async () => {
    const add = await runDeeplisten(home, [
      "insight",
      "add",
      "Reasoning",
      "RL selects what pre-training put there.",
      "--concept",
      "GRPO",
      "--at",
      "1:15",
      "--lang",
      "en",
    ]);
    expect(add.code, add.stderr).toBe(0);
    expect(add.stdout).toMatch(/Insight 1 added/);
    const list = await runDeeplisten(home, ["insight", "list", "Reasoning"]);
    expect(list.stdout).toContain("1. RL selects what pre-training put there.  [GRPO, 00:01:15]");
    expect((await runDeeplisten(home, ["insight", "add", "Reasoning", "x", "--concept", "flux capacitor"])).code).toBe(
      1,
    );
  });

  it("exports the post, the Anki package and the backup, and restores the backup in another library", async () => {
    const post = join(out, "post.md");
    const postRun = await runDeeplisten(home, [
      "export",
      "Reasoning",
      "--format",
      "post",
      "--out",
      post,
      "--lang",
      "en",
    ]);
    expect(postRun.code, postRun.stderr).toBe(0);
    const text = readFileSync(post, "utf8");
    expect(text).toMatch(/^---\ntitle: /);
    expect(text).toContain("## What changed in my thinking\n\n- RL selects what pre-training put there.");
    const apkg = join(out, "deck.apkg");
    expect((await runDeeplisten(home, ["export", "Reasoning", "--format", "apkg", "--out", apkg])).code).toBe(0);
    expect(readFileSync(apkg).subarray(0, 2).toString()).toBe("PK");
    const backup = join(out, "episode.json");
    expect((await runDeeplisten(home, ["export", "Reasoning", "--format", "json", "--out", backup])).code).toBe(0);
    const restored = await runDeeplisten(other, ["restore-episode", backup, "--json"]);
    expect(restored.code, restored.stderr).toBe(0);
    const { restored: summary } = JSON.parse(restored.stdout);
    expect(summary.counts).toMatchObject({ marks: 1, insights: 1 });
    expect(summary.counts.cards).toBeGreaterThan(0);
    const list = await runDeeplisten(other, ["insight", "list", "Reasoning"]);
    expect(list.stdout).toContain("RL selects what pre-training put there.  [GRPO, 00:01:15]");
    const again = await runDeeplisten(other, ["restore-episode", backup]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("already in the library");
  });
});
