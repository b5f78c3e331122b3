import { describe, expect, it } from "vitest";
import { conceptScore, packRelevance, type RankEvidence } from "./rank.js";

const base: RankEvidence = {
  termhood: 0.7,
  mentionCount: 10,
  coverage: 0.5,
  bestDefinition: 0,
  inGlossary: false,
  kind: "term",
  isSpeaker: false,
  hasAcronymLink: false,
  inTitles: false,
  verbShare: 0,
  burstiness: 0,
  contextDensity: 5,
};

describe("conceptScore", () => {
  it("rises with termhood, mentions, spread and being explained", () => {
    const s = conceptScore(base);
    expect(conceptScore({ ...base, termhood: 0.9 })).toBeGreaterThan(s);
    expect(conceptScore({ ...base, mentionCount: 30 })).toBeGreaterThan(s);
    expect(conceptScore({ ...base, coverage: 0.9 })).toBeGreaterThan(s);
    expect(conceptScore({ ...base, bestDefinition: 4 })).toBeGreaterThan(s);
  });

  it("boosts a glossary hit, an acronym with its expansion and a topic of the chapter titles", () => {
    expect(conceptScore({ ...base, inTitles: true })).toBeGreaterThan(conceptScore(base));
    expect(conceptScore({ ...base, inGlossary: true })).toBeGreaterThan(conceptScore(base));
    expect(conceptScore({ ...base, hasAcronymLink: true })).toBeGreaterThan(conceptScore(base));
  });

  it("boosts a glossary hit by how much the pack is about the episode", () => {
    // The pack names dozens of the episode's terms: on its topic, its entries come first.
    expect(packRelevance(80)).toBe(1);
    expect(packRelevance(40)).toBe(1);
    // A handful: a neighbouring topic, where its few hits must not outrank the episode's own terms.
    expect(packRelevance(9)).toBe(0);
    expect(packRelevance(17)).toBeCloseTo(5 / 28, 5);
    const plain = conceptScore(base);
    const offTopic = conceptScore({ ...base, inGlossary: true, packRelevance: 0 });
    const neighbour = conceptScore({ ...base, inGlossary: true, packRelevance: 0.2 });
    const onTopic = conceptScore({ ...base, inGlossary: true, packRelevance: 1 });
    expect(offTopic).toBe(plain);
    expect(neighbour).toBeGreaterThan(plain);
    expect(onTopic).toBeGreaterThan(neighbour);
    expect(onTopic).toBe(conceptScore({ ...base, inGlossary: true }));
  });

  it("puts terms before names, and the speakers last", () => {
    expect(conceptScore(base)).toBeGreaterThan(conceptScore({ ...base, kind: "organisation" }));
    expect(conceptScore({ ...base, kind: "person" })).toBeGreaterThan(
      conceptScore({ ...base, kind: "person", isSpeaker: true }),
    );
  });

  it("puts a word said as a verb below the same word said as a name", () => {
    expect(conceptScore({ ...base, verbShare: 0.6 })).toBeLessThan(0.6 * conceptScore(base));
    expect(conceptScore({ ...base, verbShare: 0.05 })).toBe(conceptScore(base));
  });

  it("prefers a term explained in one passage and said among other technical terms", () => {
    expect(conceptScore({ ...base, burstiness: 0.6 })).toBeGreaterThan(conceptScore(base));
    expect(conceptScore({ ...base, contextDensity: 7 })).toBeGreaterThan(conceptScore(base));
    expect(conceptScore({ ...base, contextDensity: 1 })).toBeLessThan(conceptScore(base));
    // Bounded: a very dense passage counts no more than a dense one.
    expect(conceptScore({ ...base, contextDensity: 50 })).toBe(conceptScore({ ...base, contextDensity: 7 }));
  });

  it("saturates with mentions: thirty is not ten times three", () => {
    const three = conceptScore({ ...base, mentionCount: 3 });
    expect(conceptScore({ ...base, mentionCount: 30 }) / three).toBeLessThan(3);
  });
});

describe("conceptScore: words that are not one thing to learn", () => {
  it("lowers a word said as an adjective, a class word many phrases end in, and a word said inside longer terms", () => {
    const word = { ...base, mentionCount: 40 };
    expect(conceptScore({ ...word, adjectiveShare: 0.6 })).toBeLessThan(conceptScore(word));
    expect(conceptScore({ ...word, headOf: 12 })).toBeLessThan(conceptScore(word));
    expect(conceptScore({ ...word, aloneCount: 4 })).toBeLessThan(conceptScore(word));
  });
});
