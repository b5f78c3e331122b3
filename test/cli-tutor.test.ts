import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SAMPLE } from "../src/library/index.js";
import { runDeeplisten } from "./helpers/cli.js";
import { runDeeplistenWithInput } from "./helpers/cli-input.js";

/**
 * The mastery gate in the terminal, offline, on the bundled sample: mark a term in pass 1, open
 * the tutor, fail with a vague explanation, pass with a real one — in English and in Chinese.
 */
const home = mkdtempSync(join(tmpdir(), "deeplisten-tutor-"));
afterAll(() => rmSync(home, { recursive: true, force: true }));

async function masteryOf(name: string): Promise<string | undefined> {
  const run = await runDeeplisten(home, ["concepts", "Reasoning", "--json"]);
  const { concepts } = JSON.parse(run.stdout) as { concepts: { name: string; aliases: string[]; mastery: string }[] };
  return concepts.find((c) => c.name === name || c.aliases.includes(name))?.mastery;
}

beforeAll(async () => {
  const run = await runDeeplisten(home, ["import", SAMPLE.transcript, "--json"]);
  expect(run.code, run.stderr).toBe(0);
  expect(JSON.parse(run.stdout).analysis.state).toBe("done");
});

describe("from 'I marked GRPO' to 'GRPO verified'", () => {
  it("marks the term where the episode first says it", async () => {
    const run = await runDeeplisten(home, ["mark", "Reasoning", "--term", "GRPO", "--confidence", "2", "--json"]);
    expect(run.code, run.stderr).toBe(0);
    const { mark } = JSON.parse(run.stdout);
    expect(mark).toMatchObject({ kind: "term", pass: 1, confidence: 2, concept: "GRPO", mastery: "marked" });
    expect(mark.startMs).toBeGreaterThan(0);
    expect(await masteryOf("GRPO")).toBe("marked");
  });

  it("keeps a vague explanation in learning and verifies a real one", async () => {
    const typed = [
      "e",
      "4",
      "GRPO is a better kind of RL that makes models smarter.",
      "",
      "e",
      "3",
      "For each prompt GRPO samples a group of several answers and scores each one with the reward.",
      "Each answer's advantage is its reward compared with the group's average reward, normalised by the spread,",
      "so answers better than the group mean are pushed up and worse ones down.",
      "Because the group itself is the baseline, it needs no separate value model or critic, unlike PPO.",
      "",
    ].join("\n");
    const run = await runDeeplistenWithInput(home, ["tutor", "Reasoning", "GRPO", "--lang", "en"], typed);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("What the episode says");
    expect(run.stdout).toContain("Not yet: ");
    expect(run.stdout).toContain("Verified. GRPO is now verified");
    expect(await masteryOf("GRPO")).toBe("verified");
  });

  it("tutors in Chinese and stops cleanly when the learner leaves", async () => {
    const run = await runDeeplistenWithInput(home, ["tutor", "Reasoning", "蒸馏", "--lang", "zh"], "c\nx\n");
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("导师：蒸馏");
    expect(run.stdout).toContain("知识卡片");
    expect(run.stdout).toMatch(/已结束。「蒸馏」现在是：学习中/);
    expect(await masteryOf("Distillation")).toBe("learning");
  });

  it("says how to start when the concept is unknown", async () => {
    const run = await runDeeplisten(home, ["tutor", "Reasoning", "flux capacitor"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('"flux capacitor" is not a concept of this library yet');
  });
});

describe("deeplisten grade", () => {
  it("prints the verdict contract and is not fooled by the right words in a wrong statement", async () => {
    const wrong = await runDeeplisten(home, [
      "grade",
      "--concept",
      "MoE",
      "--text",
      "Every token is sent to all experts and the router averages their outputs, which is why MoE is cheap.",
      "--json",
    ]);
    expect(wrong.code, wrong.stderr).toBe(0);
    const verdict = JSON.parse(wrong.stdout);
    expect(Object.keys(verdict).sort()).toEqual([
      "concept",
      "covered",
      "feedback",
      "misconceptions",
      "missing",
      "verdict",
    ]);
    expect(verdict.verdict).toBe("misconception");
    const vague = JSON.parse(
      (
        await runDeeplisten(home, [
          "grade",
          "--concept",
          "MoE",
          "--text",
          "Many experts work together, so it is efficient.",
          "--json",
        ])
      ).stdout,
    );
    expect(vague.verdict).toBe("partial");
  });
});
