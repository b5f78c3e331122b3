import { describe, expect, it } from "vitest";
import { costOf, formatCost, priceOf } from "../../llm/pricing.js";
import { estimateEnrichment } from "./estimate.js";

describe("the estimate shown before enrichment", () => {
  const calls = [
    { purpose: "map" as const, inputTokens: 4000, outputTokens: 700, cached: false },
    { purpose: "map" as const, inputTokens: 4000, outputTokens: 700, cached: true },
    { purpose: "concepts" as const, inputTokens: 1000, outputTokens: 1950, cached: false },
  ];

  it("counts only what is not cached and prices it", () => {
    const e = estimateEnrichment(calls, priceOf("gemini", "gemini-2.5-flash"), 8000);
    expect(e).toMatchObject({
      calls: 2,
      cachedCalls: 1,
      inputTokens: 5000,
      outputTokens: 2650,
      transcriptTokens: 8000,
    });
    expect(e.costUsd).toBeCloseTo((5000 * 0.3 + 2650 * 2.5) / 1e6, 10);
    expect(formatCost(e.price, e.costUsd)).toMatch(/^about \$0\.008\d \(prices of 2025-/);
  });

  it("says a local server is free and an unlisted model's price is unknown", () => {
    expect(estimateEnrichment(calls, priceOf("ollama", "qwen2.5:7b"), 1).costUsd).toBe(0);
    expect(formatCost(priceOf("ollama", "x"), 0)).toBe("free (local server)");
    const unknown = priceOf("openai", "gpt-9");
    expect(costOf(unknown, 10, 10)).toBeNull();
    expect(formatCost(unknown, null)).toBe("unknown (no price on record for openai/gpt-9)");
  });
});
