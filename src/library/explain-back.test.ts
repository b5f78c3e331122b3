import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshStore } from "../../test/helpers/store.js";
import { analyzeStoredEpisode, importEpisode, libraryGlossary, libraryPacks, SAMPLE } from "../library/index.js";
import { findConcept, getMasteryState, listAttempts } from "../store/index.js";
import { calibrationOf, conceptPackEntry, describePoints, explainBack, transcriptDefinitions } from "./explain-back.js";

const GOOD_GRPO =
  "For each prompt GRPO samples a group of several answers and scores each one with the reward. " +
  "Each answer's advantage is its reward compared with the group's average reward, normalised by the spread, " +
  "so answers better than the group mean are pushed up and worse ones down. " +
  "Because the group itself is the baseline, it needs no separate value model or critic, unlike PPO.";

const store = freshStore();
let episodeId = "";
beforeAll(async () => {
  const { episode } = await importEpisode(store, { source: SAMPLE.transcript, sourceKind: "sample" });
  episodeId = episode.id;
  analyzeStoredEpisode(store, episodeId, libraryGlossary(store.dir));
});
afterAll(() => store.cleanup());

const packs = () => libraryPacks(store.dir);
function concept(name: string) {
  const found = findConcept(store, name, episodeId);
  if (!found) throw new Error(`the sample has no concept ${name}`);
  return found;
}

describe("explainBack", () => {
  it("keeps a vague explanation in learning and says what is missing, then verifies a real one", () => {
    const grpo = concept("GRPO");
    const vague = explainBack(store, {
      concept: grpo,
      episodeId,
      confidence: 5,
      text: "GRPO is a better kind of RL that makes models smarter.",
      language: "en",
      packs: packs(),
    });
    expect(vague.verdict.verdict).toBe("partial");
    expect(vague.attempt.state).toBe("learning");
    expect(vague.calibration).toBe("overconfident");
    const missing = describePoints(vague.verdict.missing, "en", { entry: vague.entry, conceptName: grpo.name });
    expect(missing.map((m) => m.text)).toContain("No separate value/critic model is needed, unlike PPO.");

    const good = explainBack(store, {
      concept: grpo,
      episodeId,
      confidence: 4,
      text: GOOD_GRPO,
      language: "en",
      packs: packs(),
    });
    expect(good.verdict.verdict).toBe("verified");
    expect(good.attempt.state).toBe("verified");
    expect(good.calibration).toBe("calibrated");
    expect(getMasteryState(store, grpo.id)).toBe("verified");
    const kept = listAttempts(store, grpo.id);
    expect(kept.map((a) => [a.verdict, a.confidence, a.context, a.state])).toEqual([
      ["partial", 5, "tutor", "learning"],
      ["verified", 4, "tutor", "verified"],
    ]);
  });

  it("names the points in Chinese for a Chinese learner, and keeps where the attempt was given", () => {
    const rlvr = concept("RLVR");
    const result = explainBack(store, {
      concept: rlvr,
      episodeId,
      confidence: 2,
      text: "它就是一种强化学习。",
      language: "zh",
      packs: packs(),
      context: "review",
    });
    expect(result.verdict.verdict).toBe("partial");
    expect(result.verdict.feedback).toMatch(/[\u4e00-\u9fff]/);
    const missing = describePoints(result.verdict.missing, "zh", { entry: result.entry, conceptName: rlvr.name });
    expect(missing.length).toBeGreaterThan(0);
    for (const m of missing) expect(m.text).toMatch(/[\u4e00-\u9fff]/);
    expect(listAttempts(store, rlvr.id).at(-1)?.context).toBe("review");
  });

  it("grades a concept no pack covers against the episode's own definitions, and says so", () => {
    const weak = concept("weak base model");
    expect(conceptPackEntry(packs(), weak)).toBeNull();
    const definitions = transcriptDefinitions(store, weak, episodeId);
    expect(definitions.length).toBeGreaterThan(0);
    const result = explainBack(store, {
      concept: weak,
      episodeId,
      confidence: 3,
      text: "A weak base model is one whose pre-training was too small, so reinforcement learning on top of it goes nowhere.",
      language: "en",
      packs: packs(),
    });
    expect(result.entry).toBeNull();
    expect(result.verdict.feedback).toContain("only the transcript's own definitions were checked");
    const named = describePoints([...result.verdict.covered, ...result.verdict.missing], "en", {
      entry: null,
      conceptName: weak.name,
      definitions,
    });
    // Each checked definition is quoted back, so the learner sees what they were compared with.
    for (const n of named) expect(definitions).toContain(n.text);
  });

  it("refuses a confidence outside 1-5 or an empty explanation, and keeps nothing", () => {
    const ppo = concept("PPO");
    const before = listAttempts(store, ppo.id).length;
    const base = { concept: ppo, episodeId, language: "en" as const, packs: packs() };
    expect(() => explainBack(store, { ...base, confidence: 0, text: "PPO clips the update." })).toThrow(
      /confidence must be a whole number from 1 to 5/,
    );
    expect(() => explainBack(store, { ...base, confidence: 3, text: "   " })).toThrow(/empty/);
    expect(listAttempts(store, ppo.id).length).toBe(before);
  });
});

describe("calibrationOf", () => {
  it("reads sure-but-wrong as overconfident and unsure-but-right as underconfident", () => {
    expect(calibrationOf(5, "partial")).toBe("overconfident");
    expect(calibrationOf(4, "misconception")).toBe("overconfident");
    expect(calibrationOf(3, "partial")).toBe("calibrated");
    expect(calibrationOf(1, "verified")).toBe("underconfident");
    expect(calibrationOf(4, "verified")).toBe("calibrated");
  });
});
