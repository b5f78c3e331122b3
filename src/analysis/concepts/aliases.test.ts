import { describe, expect, it } from "vitest";
import { acronymLetters, linkAcronyms } from "./aliases.js";
import { englishTermCandidates } from "./candidates-en.js";
import { tokeniseSegments } from "./tokens.js";

const segments = (...texts: string[]) =>
  tokeniseSegments(
    texts.map((text, i) => ({ id: i + 1, startMs: i * 1000, endMs: i * 1000 + 1000, speaker: null, text })),
  );

function links(...texts: string[]): string[] {
  const segs = segments(...texts);
  const candidates = englishTermCandidates(segs);
  return linkAcronyms(candidates, segs).map((l) => `${candidates[l.acronym]?.surface}=${l.expansion.surface}`);
}

describe("acronymLetters", () => {
  it("drops the plural and keeps the letters", () => {
    expect(acronymLetters("MoEs")).toBe("MOE");
    expect(acronymLetters("GPUs")).toBe("GPU");
    expect(acronymLetters("RLVR")).toBe("RLVR");
  });
});

describe("linkAcronyms", () => {
  it("links an acronym to its expansion said nearby, small words or not", () => {
    expect(links("MoEs are everywhere. MoE means mixture of experts.")).toEqual(["MoEs=mixture of experts"]);
    expect(links("RLVR is new.", "Reinforcement learning with verifiable rewards works.")).toEqual([
      "RLVR=Reinforcement learning with verifiable rewards",
    ]);
  });

  it("tells an acronym spelled out beside its expansion from one explained elsewhere", () => {
    const spelled = (...texts: string[]) => {
      const segs = segments(...texts);
      return linkAcronyms(englishTermCandidates(segs), segs).map((l) => l.spelledOut);
    };
    expect(spelled("These are Proximal Policy Optimization, PPO, and others.")).toEqual([true]);
    expect(spelled("PPO is old.", "Proximal policy optimization clips the update.")).toEqual([false]);
  });

  it("uses the parts of hyphenated words", () => {
    expect(links("MLA is clever. Multi-head latent attention compresses the cache.")).toEqual([
      "MLA=Multi-head latent attention",
    ]);
  });

  it("does not link a phrase that is far away and said once", () => {
    const far = ["MoE is here."];
    for (let i = 0; i < 6; i++) far.push("Nothing to see.");
    far.push("A mixture of experts.");
    expect(links(...far)).toEqual([]);
  });

  it("does not take a proper name for a two-letter acronym", () => {
    expect(links("AI is big at the Allen Institute. The Allen Institute does AI.")).toEqual([]);
  });
});
