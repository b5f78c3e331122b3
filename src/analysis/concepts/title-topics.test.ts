import { describe, expect, it } from "vitest";
import { titleRuns, titleTopics } from "./title-topics.js";
import { tokeniseSegments } from "./tokens.js";

const segments = tokeniseSegments(
  [
    "Can a system predict what happens next in a video? We predict the weather.",
    "The model predicts the next frames of the video. Predictions are hard.",
    "Let us talk about AI and hallucinations. Why do these models hallucinate?",
    "They hallucinated a citation, and hallucinations are common.",
    "I watched a video yesterday. AI is everywhere, AI is hype, AI is here, AI.",
  ].map((text, i) => ({ id: i + 1, startMs: i * 1000, endMs: (i + 1) * 1000, speaker: "A", text })),
);

describe("titleRuns", () => {
  it("cuts a title into runs of content words", () => {
    expect(titleRuns("Hope for the future")).toEqual([["Hope"], ["future"]]);
    expect(titleRuns("JEPA (Joint-Embedding Predictive Architecture)")).toEqual([
      ["JEPA"],
      ["Joint-Embedding", "Predictive", "Architecture"],
    ]);
  });
});

describe("titleTopics", () => {
  it("finds a title compound where its words are said together, named by the title", () => {
    const [topic] = titleTopics(["Video prediction"], segments, new Set());
    expect(topic?.candidate.surface).toBe("video prediction");
    expect(topic?.candidate.titled).toBe(true);
    // The word said least ("video") where a "predict" is said near it: "I watched a video
    // yesterday" is no mention.
    expect(topic?.candidate.occurrences.map((o) => o.segmentId)).toEqual([1, 2]);
    // Near the others, the cue is not a name of the topic.
    expect(topic?.candidate.forms).toEqual([]);
  });

  it("takes a rare word alone as the topic and the word candidates it covers", () => {
    const [topic] = titleTopics(["AI hallucination"], segments, new Set());
    expect(topic?.candidate.surface).toBe("AI hallucination");
    expect(topic?.candidate.occurrences).toHaveLength(4);
    expect([...(topic?.subsumes ?? [])]).toContain("hallucination");
  });

  it("leaves a title said as such to the candidates, and one said once alone", () => {
    expect(titleTopics(["Video prediction"], segments, new Set(["videoprediction"]))).toEqual([]);
    expect(titleTopics(["Dangerous code"], segments, new Set())).toEqual([]);
  });
});
