import { describe, expect, it } from "vitest";
import { porterStem, stemWord } from "./stem.js";

describe("porterStem", () => {
  // Pairs from Porter's paper and his published vocabulary: the algorithm, not our taste.
  it.each([
    ["caresses", "caress"],
    ["ponies", "poni"],
    ["ties", "ti"],
    ["cats", "cat"],
    ["feed", "feed"],
    ["agreed", "agre"],
    ["plastered", "plaster"],
    ["motoring", "motor"],
    ["sing", "sing"],
    ["conflated", "conflat"],
    ["troubled", "troubl"],
    ["sized", "size"],
    ["hopping", "hop"],
    ["falling", "fall"],
    ["hissing", "hiss"],
    ["failing", "fail"],
    ["filing", "file"],
    ["happy", "happi"],
    ["sky", "sky"],
    ["relational", "relat"],
    ["conditional", "condit"],
    ["rational", "ration"],
    ["digitizer", "digit"],
    ["operator", "oper"],
    ["generalization", "gener"],
    ["hopefulness", "hope"],
    ["triplicate", "triplic"],
    ["electrical", "electr"],
    ["revival", "reviv"],
    ["adjustment", "adjust"],
    ["adoption", "adopt"],
    ["controlling", "control"],
    ["rolling", "roll"],
  ])("%s -> %s", (word, stem) => {
    expect(porterStem(word)).toBe(stem);
  });

  it("leaves short words, numbers and non-Latin text alone", () => {
    expect(porterStem("kv")).toBe("kv");
    expect(porterStem("37b")).toBe("37b");
    expect(porterStem("专家")).toBe("专家");
  });
});

describe("stemWord", () => {
  it("lets a learner's inflections meet the rubric's", () => {
    expect(stemWord("routes")).toBe(stemWord("routing"));
    expect(stemWord("routed")).toBe(stemWord("routes"));
    expect(stemWord("experts")).toBe(stemWord("expert"));
    expect(stemWord("recomputing")).toBe(stemWord("recompute"));
    expect(stemWord("compression")).toBe(stemWord("compress"));
  });

  it("folds irregular verbs Porter leaves apart", () => {
    expect(stemWord("sent")).toBe(stemWord("send"));
    expect(stemWord("chosen")).toBe(stemWord("choose"));
    expect(stemWord("fed")).toBe(stemWord("feeds"));
  });

  it("folds British spellings into American ones", () => {
    expect(stemWord("optimise")).toBe(stemWord("optimize"));
    expect(stemWord("normalised")).toBe(stemWord("normalized"));
    expect(stemWord("behaviour")).toBe(stemWord("behavior"));
    // Not every -ise is a British -ize.
    expect(stemWord("expertise")).not.toBe(stemWord("expert"));
  });
});
