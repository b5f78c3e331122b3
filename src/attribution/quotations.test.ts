import { describe, expect, it } from "vitest";
import { findQuotations } from "./quotations.js";

describe("findQuotations", () => {
  it("finds curly and straight quotations with the name before or after", () => {
    expect(findQuotations("Sebastian: “RL post-training is more like the skill unlock”")).toEqual([
      expect.objectContaining({ quote: "RL post-training is more like the skill unlock", credited: "Sebastian" }),
    ]);
    expect(findQuotations('"I still disagree with the premise" — Nathan Lambert, at the end')).toEqual([
      expect.objectContaining({ quote: "I still disagree with the premise", credited: "Nathan Lambert" }),
    ]);
    expect(findQuotations("Nathan Lambert：「强化学习只是解锁了预训练已有的能力」")).toEqual([
      expect.objectContaining({ quote: "强化学习只是解锁了预训练已有的能力", credited: "Nathan Lambert" }),
    ]);
  });

  it("leaves a quotation uncredited when the text names nobody next to it", () => {
    const text = "I used to think “reasoning comes from post-training alone” but no.";
    const [q] = findQuotations(text);
    expect(q).toMatchObject({ quote: "reasoning comes from post-training alone", credited: null });
    expect(text.slice(q?.start, q?.end)).toBe(q?.quote);
  });

  it("skips scare quotes: a term is not a quotation", () => {
    expect(findQuotations("the “reasoning” models and 所谓的“涌现”")).toEqual([]);
  });
});
