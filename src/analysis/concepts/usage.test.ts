import { describe, expect, it } from "vitest";
import type { ConceptMention } from "../types.js";
import { tokeniseSegments } from "./tokens.js";
import { adjectiveShare, burstiness, contextDensity, verbShare } from "./usage.js";

function episode(texts: string[]) {
  const segs = tokeniseSegments(
    texts.map((text, i) => ({ id: i + 1, startMs: i * 1000, endMs: i * 1000 + 1000, speaker: null, text })),
  );
  const byId = new Map(segs.map((s) => [s.segment.id, s]));
  const mentionsOf = (word: string): ConceptMention[] =>
    segs.flatMap((s) =>
      [...s.segment.text.matchAll(new RegExp(`\\b${word}\\b`, "gi"))].map((m) => ({
        segmentId: s.segment.id,
        startMs: s.segment.startMs,
        start: m.index ?? 0,
        end: (m.index ?? 0) + m[0].length,
      })),
    );
  return { byId, mentionsOf };
}

describe("verbShare", () => {
  it("counts a word said after a subject, a modal, 'to' with an object, or 'we're' as a verb", () => {
    const { byId, mentionsOf } = episode([
      "We predict the next word. You can predict it. We want to predict the future.",
      "We're iterating fast, and iterating is fun.",
    ]);
    expect(verbShare(mentionsOf("predict"), byId)).toBe(1);
    expect(verbShare(mentionsOf("iterating"), byId)).toBe(0.5);
  });

  it("leaves a noun a noun, even after 'to'", () => {
    const { byId, mentionsOf } = episode(["Distillation is cheap. They moved to distillation, and distillation won."]);
    expect(verbShare(mentionsOf("distillation"), byId)).toBe(0);
  });
});

describe("burstiness", () => {
  const at = (ids: number[]) => ids.map((segmentId) => ({ segmentId, startMs: 0, start: 0, end: 1 }));
  const position = new Map(Array.from({ length: 100 }, (_, i) => [i + 1, i / 100]));

  it("is high for mentions in one passage and nothing for mentions spread over the episode", () => {
    const passage = burstiness(at([42, 43, 44, 45, 46, 47]), position);
    const spread = burstiness(at([5, 22, 38, 55, 71, 93]), position);
    expect(passage).toBeGreaterThan(0.7);
    expect(spread).toBe(0);
  });

  it("does not judge fewer than three mentions", () => {
    expect(burstiness(at([40, 41]), position)).toBe(0);
  });
});

describe("contextDensity", () => {
  it("counts the strong terms said around a concept, per hundred words", () => {
    const { byId, mentionsOf } = episode([
      "The router sends each token to experts in the mixture of experts layer with a KV cache.",
      "My friend likes the weather and the router in his kitchen, honestly, more than anything else today.",
    ]);
    const concepts = [mentionsOf("router"), mentionsOf("experts"), mentionsOf("KV cache"), mentionsOf("weather")];
    const density = contextDensity(concepts, [true, true, true, false], byId);
    // "experts" has two strong neighbours in a 20-word segment; "weather" none besides the router.
    expect(density[1]).toBeCloseTo((2 / 20) * 100);
    expect(density[3]).toBeLessThan(density[1] ?? 0);
  });
});

describe("verbShare and adjectiveShare, by the words around", () => {
  it("counts a plain word before its object as a verb, but not a hyphenated method", () => {
    const { byId, mentionsOf } = episode([
      "Then generate the code.",
      "Fine-tuning the model helps; generate it again.",
    ]);
    expect(verbShare(mentionsOf("generate"), byId)).toBe(1);
    expect(verbShare(mentionsOf("Fine-tuning"), byId)).toBe(0);
  });

  it("counts a word after a degree word or before its noun, when shaped like an adjective", () => {
    const { byId, mentionsOf } = episode([
      "It is very intelligent. Intelligent machines are intelligent.",
      "Cultural norms differ. The cultural side.",
      "The encoder is fast, and the encoder works.",
      "Chinese companies and Chinese labs.",
    ]);
    expect(adjectiveShare(mentionsOf("intelligent"), byId)).toBe(1);
    expect(adjectiveShare(mentionsOf("cultural"), byId)).toBe(1);
    expect(adjectiveShare(mentionsOf("encoder"), byId)).toBe(0);
    expect(adjectiveShare(mentionsOf("Chinese"), byId)).toBe(1);
  });
});
