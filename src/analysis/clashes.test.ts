import { describe, expect, it } from "vitest";
import { findClashes, pushbackQuote } from "./clashes.js";
import type { AnalysisInput } from "./types.js";

/** A conversation from [speaker, text] turns, 30 seconds each. */
function talk(turns: [string | null, string][], language: "en" | "zh" = "en"): AnalysisInput {
  return {
    title: "Test",
    language,
    segments: turns.map(([speaker, text], i) => ({
      id: 100 + i,
      startMs: i * 30_000,
      endMs: (i + 1) * 30_000,
      speaker,
      text,
    })),
    chapters: [],
    speakers: [...new Set(turns.map(([s]) => s).filter((s): s is string => s !== null))],
  };
}

const SCALING_CLAIM =
  "Pre-training scaling is over. The labs have run out of data and the scaling laws have stopped paying off, so all the gains now come from inference.";

describe("findClashes", () => {
  it("finds a speaker pushing back on the claim just made, with who, when, what and the words", () => {
    const input = talk([
      ["Ana", "Let us talk about the big labs and their plans for next year."],
      ["Ben", SCALING_CLAIM],
      [
        "Ana",
        "I disagree with that. The scaling laws still hold for pre-training, it just got expensive. Every lab is still training bigger base models.",
      ],
      ["Ben", "Fair enough. Let us move on to robotics and what home robots can do."],
    ]);
    const clashes = findClashes(input);
    expect(clashes).toHaveLength(1);
    const clash = clashes[0];
    expect(clash?.speakers).toEqual(["Ana", "Ben"]);
    expect(clash?.startMs).toBe(30_000);
    expect(clash?.endMs).toBe(90_000);
    expect(clash?.segmentIds).toEqual([101, 102]);
    expect(clash?.quote.startsWith("I disagree with that.")).toBe(true);
    expect(clash?.topic.toLowerCase()).toContain("scaling");
    expect(clash?.conceptKeys).toEqual([]);
    expect(clash?.confidence).toBeGreaterThan(0.5);
    expect(clash?.confidence).toBeLessThanOrEqual(1);
  });

  it("names the topic from the concepts around the exchange when the extractor gives them", () => {
    const input = talk([
      ["Ben", SCALING_CLAIM],
      ["Ana", "I don't agree. Pre-training keeps getting better with more compute."],
    ]);
    const clashes = findClashes(input, (id) => (id === 100 ? ["Scaling laws", "Pre-training"] : ["Pre-training"]));
    expect(clashes[0]?.topic).toBe("Pre-training and Scaling laws");
  });

  it("does not count a question, an answer to a question, or a turn that agrees", () => {
    const input = talk([
      ["Ben", "Do you think open models will catch up with the closed ones this year?"],
      ["Ana", "No, I don't think so, not this year. Maybe in two years when the compute gets cheaper."],
      ["Ben", SCALING_CLAIM],
      ["Ana", "Would you disagree with the people who say the opposite?"],
      ["Ben", "The closed labs will keep their lead because they have more GPUs than anyone else."],
      ["Ana", "I agree, but I think the gap is getting smaller every month."],
    ]);
    expect(findClashes(input)).toEqual([]);
  });

  it("needs two voices: a monologue that disagrees with itself is not a clash", () => {
    const input = talk([
      ["Ana", SCALING_CLAIM],
      ["Ana", "I disagree with what I just said, actually. The scaling laws still hold."],
      [null, "That's not true at all, the scaling laws are dead."],
    ]);
    expect(findClashes(input)).toEqual([]);
  });

  it("merges a back-and-forth into one moment, more confident than a single pushback", () => {
    const single = findClashes(
      talk([
        ["Ben", SCALING_CLAIM],
        ["Ana", "I disagree. The scaling laws still hold, it just got expensive."],
      ]),
    );
    const exchange = findClashes(
      talk([
        ["Ben", SCALING_CLAIM],
        ["Ana", "I disagree. The scaling laws still hold, it just got expensive."],
        ["Ben", "No, that's not true. Nobody has shown a gain from a bigger run in a year."],
        ["Ana", "I still disagree, because the bigger runs are only now coming online."],
        ["Ben", "Let us talk about something else then: the cost of serving models."],
        ["Ana", "Serving costs are falling every quarter, the hardware keeps getting better."],
      ]),
    );
    expect(exchange).toHaveLength(1);
    expect(exchange[0]?.segmentIds).toEqual([100, 101, 102, 103]);
    expect(exchange[0]?.speakers).toEqual(expect.arrayContaining(["Ana", "Ben"]));
    expect(exchange[0]?.confidence).toBeGreaterThan(single[0]?.confidence ?? 1);
  });

  it("returns separate clashes in time order", () => {
    const input = talk([
      ["Ben", SCALING_CLAIM],
      ["Ana", "I disagree. The scaling laws still hold."],
      ...Array.from({ length: 8 }, (_, k): [string, string] => [k % 2 ? "Ana" : "Ben", `We covered topic ${k} well.`]),
      ["Ben", "Open models will never catch the closed labs, the gap is too big."],
      ["Ana", "That's not true. Open models are six months behind at most."],
    ]);
    const clashes = findClashes(input);
    expect(clashes.map((c) => c.segmentIds[0])).toEqual([100, 110]);
    expect(clashes[1]?.quote).toBe("That's not true. Open models are six months behind at most.");
  });

  it("finds pushback in Chinese", () => {
    const input = talk(
      [
        ["主持人", "我认为规模定律已经失效了，预训练没有什么提升空间了。"],
        ["嘉宾", "我不同意。预训练还在继续变好，只是成本越来越高。"],
      ],
      "zh",
    );
    const clashes = findClashes(input);
    expect(clashes).toHaveLength(1);
    expect(clashes[0]?.speakers).toEqual(["嘉宾", "主持人"]);
    expect(clashes[0]?.quote.startsWith("我不同意")).toBe(true);
  });
});

describe("pushbackQuote", () => {
  it("keeps whole sentences up to about 300 characters", () => {
    const sentence = "The scaling laws still hold for pre-training, and the labs keep training bigger models. ";
    const quote = pushbackQuote(`I disagree. ${sentence.repeat(6)}`, 0);
    expect(quote.startsWith("I disagree.")).toBe(true);
    expect(quote.length).toBeLessThanOrEqual(300);
    expect(quote.endsWith(".")).toBe(true);
  });

  it("starts at the sentence that pushes back when it comes late in a long turn", () => {
    const intro = "We trained a lot of models this year and learned a great deal about data mixtures. ".repeat(3);
    const text = `${intro}But I still disagree with the premise that RL only formats answers.`;
    expect(pushbackQuote(text, text.indexOf("I still disagree"))).toBe(
      "But I still disagree with the premise that RL only formats answers.",
    );
  });
});
