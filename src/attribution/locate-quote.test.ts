import { describe, expect, it } from "vitest";
import { locateQuote } from "./locate-quote.js";
import { buildQuoteIndex } from "./quote-index.js";

const segments = [
  {
    id: 11,
    startMs: 0,
    speaker: "Lex Fridman",
    text: "Can you describe RLVR, popularized by DeepSeek R1? Can you describe how it works?",
  },
  {
    id: 12,
    startMs: 5_000,
    speaker: "Sebastian Raschka",
    text: "RL, you don’t really teach it knowledge; it’s more like unlocking the knowledge. It’s more like skill learning, like how to solve problems with the knowledge that it has from pre-training.",
  },
  {
    id: 13,
    startMs: 20_000,
    speaker: "Sebastian Raschka",
    text: "Toy examples, right. But to generalize, RL post-training is more like the skill unlock, where pre-training is like soaking up the knowledge essentially.",
  },
  {
    id: 14,
    startMs: 30_000,
    speaker: "Nathan Lambert",
    text: "I still disagree with the premise because there’s a lot of weird complexities that you can’t prove.",
  },
];

describe("locateQuote", () => {
  it("finds a quote word for word, with its speaker, moment and the transcript's own words", () => {
    const m = locateQuote(segments, "I still disagree with the premise");
    expect(m).toMatchObject({ found: true, segmentId: 14, startMs: 30_000, speaker: "Nathan Lambert", similarity: 1 });
    expect(m.matchedText).toBe("I still disagree with the premise");
  });

  it("ignores punctuation, case and curly quotes", () => {
    const m = locateQuote(
      segments,
      "“rl post training is MORE like the skill-unlock — where pre-training is like soaking up the knowledge”",
    );
    expect(m).toMatchObject({ found: true, segmentId: 13, similarity: 1 });
    expect(m.matchedText).toBe(
      "RL post-training is more like the skill unlock, where pre-training is like soaking up the knowledge",
    );
  });

  it("survives a few words added, dropped or changed", () => {
    const changed = locateQuote(
      segments,
      "RL post-training is basically the skill unlock, where pre-training is soaking up knowledge",
    );
    expect(changed).toMatchObject({ found: true, segmentId: 13, speaker: "Sebastian Raschka" });
    expect(changed.similarity).toBeGreaterThan(0.7);
    expect(changed.similarity).toBeLessThan(1);
    const added = locateQuote(segments, "As he said, I still strongly disagree with the premise");
    expect(added).toMatchObject({ found: true, segmentId: 14 });
    expect(added.matchedText).toBe("I still disagree with the premise");
  });

  it("matches a quote that runs across two adjacent paragraphs", () => {
    const m = locateQuote(
      segments,
      "with the knowledge that it has from pre-training. Toy examples, right. But to generalize",
    );
    expect(m).toMatchObject({ found: true, segmentId: 12, speaker: "Sebastian Raschka" });
    expect(m.segmentIds).toEqual([12, 13]);
  });

  it("says not found for a sentence nobody said, with the closest similarity", () => {
    const m = locateQuote(segments, "Knowledge comes from pre-training, reasoning comes from post-training");
    expect(m).toMatchObject({ found: false, segmentId: null, speaker: null, matchedText: null });
    expect(m.similarity).toBeLessThan(0.6);
    expect(locateQuote(segments, "The weather in Vienna was lovely this spring").found).toBe(false);
    expect(locateQuote(segments, "").found).toBe(false);
  });

  it("needs a very short quote word for word", () => {
    expect(locateQuote(segments, "toy examples").found).toBe(true);
    expect(locateQuote(segments, "toy samples").found).toBe(false);
  });

  it("accepts a prebuilt index for many quotes against one episode", () => {
    const index = buildQuoteIndex(segments);
    expect(locateQuote(index, "skill unlock").segmentId).toBe(13);
    expect(locateQuote(index, "describe how it works").segmentId).toBe(11);
  });

  it("finds Chinese quotes character by character", () => {
    const zh = [
      { id: 1, startMs: 0, speaker: "主持人", text: "我们今天聊聊强化学习。" },
      { id: 2, startMs: 9_000, speaker: "嘉宾", text: "强化学习更像是解锁技能，而预训练是吸收知识。" },
    ];
    expect(locateQuote(zh, "“强化学习更像解锁技能”")).toMatchObject({ found: true, segmentId: 2, speaker: "嘉宾" });
  });
});
