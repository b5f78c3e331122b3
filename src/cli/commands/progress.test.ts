import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { captureContext, sampleLibrary } from "../../../test/helpers/cli-context.js";
import { gradedExplanation } from "../../../test/helpers/learner-work.js";
import { addListenSpan, addMark, findConcept, setEpisodePass } from "../../store/index.js";
import { progressCommand } from "./progress.js";

let store: Awaited<ReturnType<typeof sampleLibrary>>["store"];
let episodeId: string;

beforeEach(async () => {
  ({ store, episodeId } = await sampleLibrary());
});
afterEach(() => store.cleanup());

function progress(args: string[], json = false): string {
  const { ctx, out } = captureContext(store, json);
  expect(progressCommand(ctx, [episodeId, ...args])).toBe(0);
  return out.join("\n");
}

/** An explanation of a concept with the confidence given first and the grader's verdict. */
function attempt(conceptName: string, confidence: number, verdict: "verified" | "partial") {
  const concept = findConcept(store, conceptName, episodeId);
  if (!concept) throw new Error(`no concept ${conceptName}`);
  gradedExplanation(store, { episodeId, conceptId: concept.id, confidence, verdict });
}

describe("deeplisten progress", () => {
  it("says where the learner stands: concepts by state, calibration, listening and marks per pass", () => {
    const fresh = progress([]);
    expect(fresh).toMatch(/^“Where Does Reasoning Come From\? Pre-training vs\. Post-training”: pass 1 of 3/);
    expect(fresh).toMatch(/Concepts: 0 of \d+ verified · 0 learning · 0 marked · \d+ new/);
    expect(fresh).toContain("Calibration: no graded explanations yet");
    expect(fresh).toContain("Marks: none yet");

    const moe = findConcept(store, "mixture of experts", episodeId);
    addMark(store, {
      episodeId,
      pass: 1,
      kind: "term",
      startMs: 163_000,
      segmentId: null,
      selection: "mixture of experts",
      conceptId: moe?.id ?? null,
      confidence: 2,
      note: null,
    });
    addMark(store, { ...markAt(1_200_000), pass: 2 });
    attempt("mixture of experts", 5, "partial");
    attempt("chain of thought", 4, "verified");
    setEpisodePass(store, episodeId, 2);
    addListenSpan(store, episodeId, { pass: 1, startMs: 0, endMs: 600_000, wallMs: 660_000 });

    const later = progress([]);
    expect(later).toContain("pass 2 of 3");
    expect(later).toMatch(/Concepts: 1 of \d+ verified · 1 learning · 0 marked/);
    expect(later).toMatch(/Learning, explain them back when ready: Mixture of experts/i);
    expect(later).toMatch(/Verified in your own words: Chain[- ]of[- ]thought/i);
    // Sure at 5 and wrong, fairly sure at 4 and right: (1 - 0)^2 and (0.75 - 1)^2 over 2.
    expect(later).toContain("Calibration: 2 graded explanation(s), Brier score 0.53");
    expect(later).toContain("you were more sure than right by 38 points");
    expect(later).toContain("confidence 5/5: 0 of 1 verified");
    expect(later).toMatch(/pass 1: 00:10:00 of 00:\d\d:\d\d listened \(\d+%\), 00:11:00 spent/);
    expect(later).toContain("Marks: 2 (pass 1: 1, pass 2: 1)");

    const zh = progress(["--lang", "zh"]);
    expect(zh).toContain("第 2 遍（共 3 遍）");
    expect(zh).toContain("你的把握比实际高 38 个百分点");

    const json = JSON.parse(progress([], true)) as { pass: number; mastery: { counts: Record<string, number> } };
    expect(json.pass).toBe(2);
    expect(json.mastery.counts).toMatchObject({ verified: 1, learning: 1 });
  });
});

function markAt(startMs: number) {
  return {
    episodeId,
    pass: 1 as const,
    kind: "moment" as const,
    startMs,
    segmentId: null,
    selection: null,
    conceptId: null,
    confidence: null,
    note: null,
  };
}
