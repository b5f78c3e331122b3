import { describe, expect, it } from "vitest";
import { lemma, singular, variantKey } from "./variants.js";

describe("singular", () => {
  it("follows the regular English rules and acronym plurals", () => {
    expect(singular("models")).toBe("model");
    expect(singular("strategies")).toBe("strategy");
    expect(singular("approaches")).toBe("approach");
    expect(singular("GPUs")).toBe("GPU");
    expect(singular("process")).toBe("process");
    expect(singular("analysis")).toBe("analysis");
    expect(singular("GPT-5")).toBe("GPT-5");
  });
});

describe("variantKey", () => {
  it("folds case, plural, hyphens and spaces", () => {
    expect(variantKey("Open-weight models")).toBe(variantKey("open weight model"));
    expect(variantKey("pre-training")).toBe(variantKey("pretraining"));
    expect(variantKey("MoEs")).toBe(variantKey("MoE"));
    expect(variantKey("scaling laws")).toBe(variantKey("Scaling Law"));
  });

  it("keeps different terms apart", () => {
    expect(variantKey("GPT-5")).not.toBe(variantKey("GPT-4"));
    expect(variantKey("reward model")).not.toBe(variantKey("reward"));
  });
});

describe("lemma", () => {
  const known = (w: string) =>
    ["distill", "tune", "optimize", "verify", "cache", "code", "reason", "embed"].includes(w);

  it("finds the word a derivation is made from, when it is a known word", () => {
    for (const w of ["distillation", "distilled", "distilling"]) expect(lemma(w, known)).toBe("distill");
    expect(lemma("tuning", known)).toBe("tune");
    expect(lemma("optimization", known)).toBe("optimize");
    expect(lemma("verification", known)).toBe("verify");
    expect(lemma("caching", known)).toBe("cache");
    expect(lemma("coding", known)).toBe("code");
    expect(lemma("embedding", known)).toBe("embed");
  });

  it("leaves a word alone when no known word is its stem", () => {
    expect(lemma("explanation", known)).toBe("explanation");
    expect(lemma("position", known)).toBe("position");
    expect(lemma("thing", known)).toBe("thing");
  });
});
