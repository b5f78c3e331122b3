import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { countWords, hasCjk, type Transcript } from "../src/core/index.js";
import { parseSrt } from "../src/ingest/srt.js";
import { parseWebVtt } from "../src/ingest/webvtt.js";
import { corpusFile, HAS_CORPUS } from "./corpus.js";

function read(relative: string): string {
  return readFileSync(corpusFile(relative), "utf8");
}

function totalWords(transcript: Transcript): number {
  return transcript.segments.reduce((sum, s) => sum + countWords(s.text), 0);
}

function expectWellFormed(transcript: Transcript): void {
  let previousStart = -1;
  for (const s of transcript.segments) {
    expect(s.endMs).toBeGreaterThanOrEqual(s.startMs);
    expect(s.startMs).toBeGreaterThanOrEqual(previousStart);
    expect(s.sourceLine).toBeGreaterThan(0);
    expect(s.text.trim()).not.toBe("");
    previousStart = s.startMs;
  }
}

/**
 * Runs of `minLength` or more tokens that are immediately said again ("a b c d e f a b c d e f").
 * Real speech repeats a few words ("it's getting better it's getting better"); caption duplicates
 * repeat whole caption lines.
 */
function backToBackRepeats(tokens: string[], minLength: number, maxLength: number): string[] {
  const found: string[] = [];
  for (let length = minLength; length <= maxLength; length++) {
    for (let i = 0; i + 2 * length <= tokens.length; i++) {
      let same = true;
      for (let k = 0; k < length && same; k++) same = tokens[i + k] === tokens[i + length + k];
      if (same) found.push(tokens.slice(i, i + length).join(" "));
    }
  }
  return found;
}

function englishTokens(text: string): string[] {
  return text.toLowerCase().split(/\s+/).filter(Boolean);
}

function hanTokens(text: string): string[] {
  return Array.from(text).filter((ch) => hasCjk(ch));
}

/** The caption text of a file with every cue's lines as they stand, duplicates and all. */
function rawCaptionText(file: string): string {
  return file
    .split(/\r\n|\n|\r/)
    .filter((line) => !line.includes("-->") && !/^\d+$/.test(line.trim()) && !/^(WEBVTT|Kind:|Language:)/.test(line))
    .map((line) => line.replace(/<[^>]*>/g, ""))
    .join("\n");
}

describe.skipIf(!HAS_CORPUS)("caption importers on the real corpus", () => {
  describe("Lexicap Whisper VTT", () => {
    const episodes = [
      { file: "en/lexicap-episode-094.whisper.vtt", endMs: (1 * 3600 + 37 * 60 + 19.3) * 1000 },
      { file: "en/lexicap-episode-215.whisper.vtt", endMs: (2 * 3600 + 51 * 60 + 34.16) * 1000 },
      { file: "en/lexicap-episode-299.whisper.vtt", endMs: (2 * 3600 + 10 * 60 + 30.26) * 1000 },
      { file: "en/lexicap-episode-309.whisper.vtt", endMs: (5 * 3600 + 14 * 60 + 56.16) * 1000 },
    ];

    for (const { file, endMs } of episodes) {
      it(`${file} lasts until its last cue and reads as English sentences`, () => {
        const transcript = parseWebVtt(read(file), { fileName: file });
        expect(transcript.format).toBe("webvtt");
        expect(transcript.language).toBe("en");
        expect(transcript.segments[0]?.startMs).toBe(0);
        expect(transcript.segments.at(-1)?.endMs).toBe(Math.round(endMs));
        expect(transcript.segments.at(-1)?.text).toMatch(
          /Thank you for listening,? and (I )?hope to see you next time\.$/,
        );
        expectWellFormed(transcript);
        // Whisper text is punctuated: segments are sentences, not one-line fragments.
        const sentenceEnds = transcript.segments.filter((s) => /[.!?]$/.test(s.text)).length;
        expect(sentenceEnds / transcript.segments.length).toBeGreaterThan(0.6);
      });
    }

    it("places times past one hour where they belong (episode 309 runs 5h14m)", () => {
      const transcript = parseWebVtt(read("en/lexicap-episode-309.whisper.vtt"), { fileName: "309.vtt" });
      const at = (ms: number) => transcript.segments.find((s) => s.startMs <= ms && ms <= s.endMs);
      // `1:00:03.060 --> 1:00:05.260  primarily for C++.`
      expect(at(3_603_500)?.text).toContain("primarily for C++.");
      // `4:30:02.160 --> 4:30:06.160  So I think most of the arguments about consciousness`
      expect(at(16_203_000)?.text).toContain("So I think most of the arguments about consciousness");
    });
  });

  describe("#459 YouTube auto-caption SRT", () => {
    const file = "en/lex459-deepseek.youtube-autocaption.srt";

    it("keeps the spoken words once: the word count is within 15% of the diarized transcript", () => {
      const transcript = parseSrt(read(file), { fileName: file });
      const reference = read("en/lex459-deepseek.diarized-no-timestamps.md")
        .split("\n")
        .filter((line) => !line.startsWith("#") && !line.startsWith(">"))
        .map((line) => line.replace(/^\*\*[^*]+:\*\*/, ""))
        .join("\n");
      const ratio = totalWords(transcript) / countWords(reference);
      console.info(`[corpus] #459 auto-caption words / diarized words = ${ratio.toFixed(3)}`);
      expect(ratio).toBeGreaterThan(0.85);
      expect(ratio).toBeLessThan(1.15);
    });

    it("repeats no caption line back to back, and reads as ~30-word passages over 5 hours", () => {
      const raw = read(file);
      const transcript = parseSrt(raw, { fileName: file });
      expect(transcript.language).toBe("en");
      expect(transcript.segments[0]?.text).toMatch(
        /^the following is a conversation with Dylan Patel and Nathan Lambert/,
      );
      expect(transcript.segments.at(-1)?.endMs).toBe(18_372_558);
      expectWellFormed(transcript);
      const tokens = englishTokens(transcript.segments.map((s) => s.text).join(" "));
      expect(backToBackRepeats(tokens, 6, 12)).toEqual([]);
      // The check itself works: the file as it stands repeats thousands of lines.
      expect(backToBackRepeats(englishTokens(rawCaptionText(raw)), 6, 12).length).toBeGreaterThan(1000);
      const words = transcript.segments.map((s) => countWords(s.text));
      expect(Math.max(...words)).toBeLessThanOrEqual(45);
      expect(words.reduce((a, b) => a + b, 0) / words.length).toBeGreaterThan(25);
      expect(transcript.segments.every((s) => s.speaker === null)).toBe(true);
    });
  });

  describe("#459 Chinese auto-translated captions", () => {
    const vttFile = "zh/lex459-deepseek.youtube-autotranslate.zh-Hans.vtt";
    const srtFile = "zh/lex459-deepseek.youtube-autotranslate.zh-Hans.srt";

    for (const file of [vttFile, srtFile]) {
      it(`${file} imports as Chinese with each phrase once`, () => {
        const raw = read(file);
        const transcript = (file.endsWith(".vtt") ? parseWebVtt : parseSrt)(raw, { fileName: file });
        expect(transcript.language).toBe("zh");
        expect(transcript.segments[0]?.text).toMatch(/^以下是与迪伦·帕特尔 \(Dylan Patel\) 和内森·兰伯特/);
        expectWellFormed(transcript);
        const text = transcript.segments.map((s) => s.text).join("");
        expect(hanTokens(text).length / Array.from(text).length).toBeGreaterThan(0.7);
        expect(backToBackRepeats(hanTokens(text), 8, 16)).toEqual([]);
        // Every phrase stands in three cues of the file (its own, a 10 ms one, the next one's first line).
        const ratio = totalWords(transcript) / (countWords(rawCaptionText(raw)) / 3);
        expect(ratio).toBeGreaterThan(0.97);
        expect(ratio).toBeLessThan(1.03);
        // Machine-translated captions name no speakers, whatever colons they contain ("右图：...").
        expect(transcript.people).toBeUndefined();
      });
    }

    it("the VTT and the SRT of the same captions give the same text", () => {
      const vtt = parseWebVtt(read(vttFile), { fileName: vttFile });
      const srt = parseSrt(read(srtFile), { fileName: srtFile });
      expect(srt.segments.length).toBe(vtt.segments.length);
      expect(Math.abs(totalWords(srt) - totalWords(vtt))).toBeLessThan(20);
      expect(srt.segments.map((s) => s.startMs)).toEqual(vtt.segments.map((s) => s.startMs));
    });
  });

  describe("Podcasting 2.0 examples", () => {
    it("example.vtt imports with its voices as speakers", () => {
      const file = "podcasting20/examples__transcripts__example.vtt";
      const transcript = parseWebVtt(read(file), { fileName: file });
      expect(transcript.people?.map((p) => p.name)).toEqual(["Sarah", "Gillian"]);
      expect(transcript.segments.map((s) => [s.speaker, s.startMs, s.endMs])).toEqual([
        ["Sarah", 0, 18_630],
        ["Gillian", 19_080, 25_350],
      ]);
      expect(transcript.segments[0]?.text).toContain("Welcome to Podcasting Q&A, where you learn");
      expect(transcript.segments[1]?.text).toBe(
        "Hi Buzzsprout, Gillian here from breaking through careers podcast. My question is, do we need a podcast trailer?",
      );
    });

    it("example.srt imports with its `Name:` prefixes as speakers over 12.5 minutes", () => {
      const file = "podcasting20/examples__transcripts__example.srt";
      const transcript = parseSrt(read(file), { fileName: file });
      expect(transcript.people?.map((p) => p.name)).toEqual(["Travis", "Sarah", "Gilon"]);
      expect(transcript.segments[0]).toMatchObject({ speaker: "Travis", startMs: 179, sourceLine: 2 });
      expect(transcript.segments[0]?.text).toMatch(/^When you first get started in podcasting, it's almost guaranteed/);
      const sarah = transcript.segments.find((s) => s.speaker === "Sarah");
      expect(sarah?.startMs).toBe(53_030);
      expect(sarah?.text).toMatch(/^Creating good audio is/);
      expect(transcript.segments.some((s) => /^(Travis|Sarah|Gilon):/.test(s.text))).toBe(false);
      expect(transcript.segments.at(-1)?.endMs).toBe(754_769);
      expectWellFormed(transcript);
    });
  });
});
