import { describe, expect, it } from "vitest";
import { singular, variantKey } from "./variants.js";

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
