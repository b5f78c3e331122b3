import { describe, expect, it } from "vitest";
import type { AnalysisInput, Glossary } from "../types.js";
import { conceptKey, extractConcepts } from "./index.js";

const texts = [
  "Today we talk about the mixture of experts with Nathan Lambert.",
  "A mixture of experts is a layer where a router sends each token to a few experts.",
  "MoE models like DeepSeek-V3 use a router. MoEs are sparse.",
  "Nathan, what about GPT-5? I think GPT-5 is a router over models.",
  "The router in an MoE picks experts. People like this thing a lot.",
];

const input: AnalysisInput = {
  title: "t",
  language: "en",
  segments: texts.map((text, i) => ({
    id: 10 + i,
    startMs: i * 60_000,
    endMs: (i + 1) * 60_000,
    speaker: "Lex Fridman",
    text,
  })),
  chapters: [],
  speakers: ["Lex Fridman", "Nathan Lambert"],
};

const glossary: Glossary = {
  entries: [
    { id: "mixture-of-experts", kind: "term", names: { en: ["Mixture of Experts", "MoE"], zh: ["混合专家"] } },
    { id: "gpt-5", kind: "model", names: { en: ["GPT-5"], zh: [] } },
  ],
};

describe("extractConcepts", () => {
  it("joins an acronym and its expansion into one concept with every mention", () => {
    const concepts = extractConcepts(input);
    const moe = concepts.find((c) => c.aliases.includes("MoE") || c.name === "MoE");
    expect(moe?.key).toBe("mixture of experts");
    expect(moe?.name).toBe("mixture of experts");
    expect(moe?.kind).toBe("term");
    expect(moe?.packEntryId).toBeNull();
    // 2 + "MoE models", "MoEs", "an MoE": each mention points at the words in its segment.
    expect(moe?.mentions).toHaveLength(5);
    for (const m of moe?.mentions ?? []) {
      const text = texts[m.segmentId - 10] ?? "";
      expect(text.slice(m.start, m.end)).toMatch(/^(mixture of experts|MoEs?)$/i);
      expect(m.startMs).toBe((m.segmentId - 10) * 60_000);
    }
  });

  it("explains MoE with the sentence where a router sends tokens to experts", () => {
    const moe = extractConcepts(input).find((c) => c.key === "mixture of experts");
    expect(moe?.definitions[0]?.text).toMatch(/router sends each token to a few experts/);
  });

  it("gives kinds: a speaker is a person, a versioned name a model", () => {
    const concepts = extractConcepts(input);
    expect(concepts.find((c) => c.name === "Nathan Lambert")?.kind).toBe("person");
    expect(concepts.find((c) => c.name === "Nathan Lambert")?.aliases).toContain("Nathan");
    expect(concepts.find((c) => c.name === "GPT-5")?.kind).toBe("model");
    expect(concepts.find((c) => c.name === "DeepSeek-V3")?.kind).toBe("model");
  });

  it("ranks terms above everyday words, which are not concepts at all", () => {
    const names = extractConcepts(input).map((c) => c.name.toLowerCase());
    expect(names).not.toContain("people");
    expect(names).not.toContain("thing");
    expect(names.indexOf("router")).toBeLessThan(names.indexOf("nathan lambert"));
  });

  it("uses the glossary's id, name and aliases in both languages when it knows the concept", () => {
    const moe = extractConcepts(input, glossary).find((c) => c.packEntryId === "mixture-of-experts");
    expect(moe?.key).toBe("mixture-of-experts");
    expect(moe?.name).toBe("Mixture of Experts");
    expect(moe?.aliases).toEqual(expect.arrayContaining(["MoE", "混合专家"]));
    expect(moe?.mentions).toHaveLength(5);
  });

  it("returns scores best first", () => {
    const scores = extractConcepts(input).map((c) => c.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });
});

describe("conceptKey", () => {
  it("is lowercase with the last word singular, except after 'of'", () => {
    expect(conceptKey("Scaling Laws")).toBe("scaling law");
    expect(conceptKey("Mixture of Experts")).toBe("mixture of experts");
    expect(conceptKey("open-weight models")).toBe("open weight model");
  });
});
