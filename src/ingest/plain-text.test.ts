import { describe, expect, it } from "vitest";
import { countWords, ImportError, SPEECH_RATE_PER_MINUTE } from "../core/index.js";
import { parsePlainText } from "./plain-text.js";

const ctx = { fileName: "talk.txt" };
/** When the n-th word of an estimated timeline is spoken, in ms. */
const at = (n: number, language: "en" | "zh") => Math.round((n * 60_000) / SPEECH_RATE_PER_MINUTE[language]);
const filler = (n: number) => Array.from({ length: n }, (_, i) => `w${i}`).join(" ");

describe("parsePlainText", () => {
  it("keeps paragraphs as segments, timed at the English speaking rate, without speakers", () => {
    const text = `${Array(15).fill("one").join(" ")}\nstill the first paragraph.\n\n${Array(30).fill("two").join(" ")}\n`;
    const t = parsePlainText(text, ctx);
    expect(t.format).toBe("plain-text");
    expect(t.timingEstimated).toBe(true);
    expect(t.chapters).toEqual([]);
    expect(t.segments.map((s) => [s.speaker, s.startMs, s.endMs, s.sourceLine])).toEqual([
      [null, 0, at(19, "en"), 1],
      [null, at(19, "en"), at(49, "en"), 4],
    ]);
    expect(t.segments[0]?.text).toBe(`${Array(15).fill("one").join(" ")} still the first paragraph.`);
  });

  it("treats each line as a paragraph when the file has no blank lines", () => {
    const t = parsePlainText("First line here.\nSecond line here.\nThird.", ctx);
    expect(t.segments.map((s) => [s.text, s.sourceLine])).toEqual([
      ["First line here.", 1],
      ["Second line here.", 2],
      ["Third.", 3],
    ]);
  });

  it("cuts an unpunctuated ASR run into 30-60 word pieces before discourse words, never inside a word", () => {
    const run = `${filler(35)} so ${filler(40)} and then ${filler(32)} right now ${filler(15)} okay ${filler(50)}`;
    const t = parsePlainText(run, ctx);
    expect(t.segments.map((s) => s.text.split(" ").slice(0, 2).join(" "))).toEqual([
      "w0 w1",
      "so w0",
      "and then",
      "okay w0",
    ]);
    // "right now" stays inside its piece: "now" after "right" opens no new thought.
    expect(t.segments[2]?.text).toContain("w31 right now w0");
    expect(t.segments.map((s) => s.text).join(" ")).toBe(run);
    expect(t.segments.every((s) => s.sourceLine === 1)).toBe(true);
  });

  it("cuts a run without any discourse word at 60 words", () => {
    const t = parsePlainText(filler(130), ctx);
    expect(t.segments.map((s) => countWords(s.text))).toEqual([60, 60, 10]);
    expect(t.segments[1]?.text.startsWith("w60 ")).toBe(true);
  });

  it("splits a long punctuated paragraph at sentence ends", () => {
    const sentence = `${Array(19).fill("word").join(" ")} end.`;
    const t = parsePlainText(Array(6).fill(sentence).join(" "), ctx);
    expect(t.segments).toHaveLength(3);
    for (const s of t.segments) {
      expect(s.text.endsWith("end.")).toBe(true);
      expect(countWords(s.text)).toBe(40);
    }
  });

  it("splits Chinese at 。！？ and then by length, timed at the Chinese speaking rate", () => {
    const sentence = `${"字".repeat(49)}。`;
    const long = `${"长".repeat(100)}，${"长".repeat(99)}！`;
    const t = parsePlainText(`${sentence}${sentence}${sentence}${long}`, ctx);
    expect(t.language).toBe("zh");
    expect(t.segments.map((s) => s.text.length)).toEqual([100, 50, 101, 100]);
    expect(t.segments[0]?.text.endsWith("。")).toBe(true);
    expect(t.segments[2]?.text.endsWith("，")).toBe(true);
    // 98 characters before it (punctuation is not spoken).
    expect(t.segments[1]?.startMs).toBe(at(98, "zh"));
  });

  it("fails clearly on an empty file", () => {
    expect(() => parsePlainText(" \n\n\t\n", ctx)).toThrow(ImportError);
    expect(() => parsePlainText("", ctx)).toThrow("talk.txt: no text found: the file is empty");
  });
});
