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

describe("extractConcepts: one concept per idea", () => {
  const said = [
    "The KV cache stores keys and values. The KV cache grows with the context, so the KV cache is big.",
    "KV means key and value; the KV heads hold them. We distill big models into small ones.",
    "Distillation is when a small model learns from a big one. We distill again; distillation works.",
    "GPT-5 came out, then GPT-5.2. Reinforcement learning from human feedback, RLHF, uses human feedback.",
    "RLHF is costly. The transformer architecture is a transformer with attention; the transformer architecture won.",
    "Proximal Policy Optimization, PPO, is the classic. PPO needs a value model.",
  ];
  const episode: AnalysisInput = {
    ...input,
    segments: said.map((text, i) => ({ id: i + 1, startMs: i * 1000, endMs: i * 1000 + 1000, speaker: null, text })),
  };
  const concepts = extractConcepts(episode);
  const named = (name: string) => concepts.find((c) => c.name === name);

  it("joins a modifier said alone to the phrase it is short for", () => {
    expect(named("KV cache")?.aliases).toContain("KV");
  });

  it("names derivations of one word by the noun, not the verb", () => {
    expect(named("distillation")?.aliases).toEqual(["distill"]);
    expect(named("distill")).toBeUndefined();
  });

  it("joins a point release to its model, the tail of an expansion to its acronym, a class head to its name", () => {
    expect(named("GPT-5")?.aliases).toEqual(["GPT-5.2"]);
    expect(named("RLHF")?.aliases).toEqual(expect.arrayContaining(["human feedback"]));
    expect(concepts.find((c) => c.aliases.includes("transformer"))?.name).toBe("transformer architecture");
  });

  it("takes an acronym glossed by its expansion for an explained term, not a company", () => {
    const ppo = named("PPO");
    expect(ppo?.kind).toBe("term");
    expect(ppo?.definitions[0]?.text).toMatch(/^Proximal Policy Optimization, PPO/);
  });

  it("never joins two concepts the glossary tells apart", () => {
    const pack: Glossary = {
      entries: [
        { id: "rlhf", kind: "term", names: { en: ["RLHF"], zh: [] } },
        { id: "human-feedback", kind: "term", names: { en: ["human feedback"], zh: [] } },
      ],
    };
    const packed = extractConcepts(episode, pack);
    expect(packed.find((c) => c.packEntryId === "rlhf")?.aliases).not.toContain("human feedback");
    expect(packed.find((c) => c.packEntryId === "human-feedback")).toBeDefined();
  });
});

describe("conceptKey", () => {
  it("is lowercase with the last word singular, except after 'of'", () => {
    expect(conceptKey("Scaling Laws")).toBe("scaling law");
    expect(conceptKey("Mixture of Experts")).toBe("mixture of experts");
    expect(conceptKey("open-weight models")).toBe("open weight model");
  });
});
