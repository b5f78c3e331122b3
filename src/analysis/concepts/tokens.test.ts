import { describe, expect, it } from "vitest";
import { splitSentences, tokeniseSegment } from "./tokens.js";

const seg = (text: string) => ({ id: 7, startMs: 0, endMs: 1000, speaker: null, text });

describe("splitSentences", () => {
  it("cuts at sentence ends, keeping decimals and model names whole", () => {
    const text = "GPT-5.1 is out. Is it better? Yes… mostly!";
    const spans = splitSentences(text).map((s) => text.slice(s.start, s.end));
    expect(spans).toEqual(["GPT-5.1 is out.", "Is it better?", "Yes…", "mostly!"]);
  });

  it("cuts Chinese sentences without spaces", () => {
    const text = "混合专家是一种架构。路由器选择专家！";
    expect(splitSentences(text).map((s) => text.slice(s.start, s.end))).toEqual([
      "混合专家是一种架构。",
      "路由器选择专家！",
    ]);
  });
});

describe("tokeniseSegment", () => {
  it("gives Latin words with spans into the segment text", () => {
    const t = tokeniseSegment(seg("So DeepSeek-V3 uses a router."));
    expect(t.tokens.map((x) => x.text)).toEqual(["So", "DeepSeek-V3", "uses", "a", "router"]);
    const ds = t.tokens[1];
    expect(ds && t.segment.text.slice(ds.start, ds.end)).toBe("DeepSeek-V3");
  });

  it("marks punctuation and sentence starts as phrase breaks", () => {
    const t = tokeniseSegment(seg("We use experts, routers. Experts win"));
    const flags = t.tokens.map((x) => [x.text, x.breakBefore, x.sentenceStart]);
    expect(flags).toEqual([
      ["We", true, true],
      ["use", false, false],
      ["experts", false, false],
      ["routers", true, false],
      ["Experts", true, true],
      ["win", false, false],
    ]);
  });

  it("drops a possessive 's and breaks the phrase after it", () => {
    const t = tokeniseSegment(seg("Google’s models"));
    expect(t.tokens.map((x) => [x.text, x.breakBefore])).toEqual([
      ["Google", true],
      ["models", true],
    ]);
  });

  it("reads only the Latin words of Chinese text", () => {
    const t = tokeniseSegment(seg("我们用 DeepSeek R1 和 GPU 训练"));
    expect(t.tokens.map((x) => x.text)).toEqual(["DeepSeek", "R1", "GPU"]);
    // The Chinese between R1 and GPU separates them.
    expect(t.tokens[2]?.breakBefore).toBe(true);
    expect(t.tokens[1]?.breakBefore).toBe(false);
  });
});
