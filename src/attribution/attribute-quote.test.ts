import { describe, expect, it } from "vitest";
import { attributeQuote } from "./attribute-quote.js";

const segments = [
  {
    id: 1,
    startMs: 4_098_000,
    speaker: "Sebastian Raschka",
    text: "Toy examples, right. But to generalize, RL post-training is more like the skill unlock, where pre-training is like soaking up the knowledge essentially.",
  },
  {
    id: 2,
    startMs: 6_303_000,
    speaker: "Nathan Lambert",
    text: "I still disagree with the premise because there's a lot of weird complexities.",
  },
  { id: 3, startMs: 6_400_000, speaker: null, text: "Nobody knows who said this sentence about unlabelled text." },
];

describe("attributeQuote", () => {
  it("is ok when the credited speaker says it, names compared loosely", () => {
    for (const credited of ["Nathan Lambert", "Nathan", "nathan lambert", "Lambert", undefined]) {
      expect(attributeQuote(segments, "I still disagree with the premise", credited)).toEqual({
        found: true,
        speaker: "Nathan Lambert",
        startMs: 6_303_000,
        segmentId: 2,
        similarity: 1,
        verdict: "ok",
        correctSpeaker: "Nathan Lambert",
      });
    }
  });

  it("flags a quote credited to the wrong speaker and names the right one", () => {
    const a = attributeQuote(segments, "pre-training is like soaking up the knowledge", "Nathan");
    expect(a).toMatchObject({ found: true, verdict: "wrong-speaker", speaker: "Sebastian Raschka" });
    expect(a.correctSpeaker).toBe("Sebastian Raschka");
  });

  it("says not-found for a quote nobody said", () => {
    expect(
      attributeQuote(segments, "knowledge comes from pre-training, reasoning from post-training", "Nathan"),
    ).toMatchObject({
      found: false,
      speaker: null,
      startMs: null,
      segmentId: null,
      verdict: "not-found",
      correctSpeaker: null,
    });
  });

  it("cannot contradict a credit in an unlabelled paragraph", () => {
    expect(attributeQuote(segments, "who said this sentence about unlabelled text", "Lex")).toMatchObject({
      found: true,
      verdict: "ok",
      speaker: null,
    });
  });
});
