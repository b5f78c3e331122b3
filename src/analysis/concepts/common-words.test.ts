import { describe, expect, it } from "vitest";
import { isStopword, specificity, zipf } from "./common-words.js";

describe("zipf and specificity", () => {
  it("rates everyday words above technical ones", () => {
    expect(zipf("people")).toBeGreaterThan(zipf("router"));
    expect(zipf("router")).toBeGreaterThan(zipf("distillation"));
    expect(zipf("RLHF")).toBe(0);
  });

  it("gives 0 to everyday words and near 1 to rare ones", () => {
    expect(specificity("people")).toBe(0);
    expect(specificity("distillation")).toBeGreaterThan(0.8);
    // A hyphenated word is as specific as its rarest part.
    expect(specificity("multi-head")).toBeGreaterThan(specificity("head"));
  });
});

describe("isStopword", () => {
  it("knows function words and generic words", () => {
    for (const w of ["the", "of", "people", "thing", "lot", "stuff", "something"]) expect(isStopword(w)).toBe(true);
    for (const w of ["router", "experts", "attention", "training"]) expect(isStopword(w)).toBe(false);
  });
});
