import { describe, expect, it } from "vitest";
import { SPEECH_RATE_PER_MINUTE, type Transcript } from "../core/index.js";
import { finalizeTranscript } from "./normalize.js";

const base = (segments: Transcript["segments"], chapters: Transcript["chapters"] = []): Transcript => ({
  format: "srt",
  segments,
  chapters,
});

describe("finalizeTranscript", () => {
  it("drops empty segments, tidies whitespace and lists speakers in order of appearance", () => {
    const t = finalizeTranscript(
      base([
        { startMs: 0, endMs: 1000, speaker: "Ana ", text: "  Hello   there. " },
        { startMs: 1000, endMs: 1500, speaker: null, text: "   " },
        { startMs: 2000, endMs: 3000, speaker: "Ben", text: "Hi." },
        { startMs: 3000, endMs: 4000, speaker: "Ana", text: "So." },
      ]),
      "t.srt",
    );
    expect(t.segments.map((s) => [s.speaker, s.text])).toEqual([
      ["Ana", "Hello there."],
      ["Ben", "Hi."],
      ["Ana", "So."],
    ]);
    expect(t.speakers).toEqual(["Ana", "Ben"]);
    expect(t.wordCount).toBe(4);
    expect(t.durationMs).toBe(4000);
  });

  it("fills the ends of segments that only have starts, never past the next start", () => {
    const t = finalizeTranscript(
      base([
        { startMs: 0, endMs: 0, speaker: null, text: "one two three four five six seven eight nine ten" },
        { startMs: 2000, endMs: 2000, speaker: null, text: "eleven twelve" },
      ]),
      "t.txt",
    );
    expect(t.segments[0]?.endMs).toBe(2000);
    // Two words at the English speaking rate.
    expect(t.segments[1]?.endMs).toBe(2000 + Math.round((2 * 60_000) / SPEECH_RATE_PER_MINUTE.en));
  });

  it("names the line where timestamps run backwards", () => {
    expect(() =>
      finalizeTranscript(
        base([
          { startMs: 600_000, endMs: 601_000, speaker: null, text: "later", sourceLine: 5 },
          { startMs: 10_000, endMs: 11_000, speaker: null, text: "earlier", sourceLine: 9 },
        ]),
        "b.srt",
      ),
    ).toThrow("b.srt:9: timestamps run backwards: 00:00:10 comes after 00:10:00 (line 5)");
  });

  it("names the line of a cue that lies inside the one before it", () => {
    expect(() =>
      finalizeTranscript(
        base([
          { startMs: 0, endMs: 60_000, speaker: null, text: "a long cue", sourceLine: 2 },
          { startMs: 20_000, endMs: 30_000, speaker: null, text: "inside it", sourceLine: 6 },
        ]),
        "o.srt",
      ),
    ).toThrow(/^o\.srt:6: this cue \(00:00:20–00:00:30\) overlaps the one before it/);
  });

  it("closes chapters at the next chapter or the end, sorted by time", () => {
    const t = finalizeTranscript(
      base(
        [
          { startMs: 0, endMs: 5000, speaker: null, text: "a" },
          { startMs: 5000, endMs: 9000, speaker: null, text: "b" },
        ],
        [
          { title: "Second", startMs: 4000, source: "published" },
          { title: " First ", startMs: 0, source: "published" },
        ],
      ),
      "c.srt",
    );
    expect(t.chapters).toEqual([
      { title: "First", startMs: 0, endMs: 4000, source: "published" },
      { title: "Second", startMs: 4000, endMs: 9000, source: "published" },
    ]);
  });

  it("detects English and Chinese, and lets the user override", () => {
    const en = base([
      { startMs: 0, endMs: 1, speaker: null, text: "The router picks two experts for every token here." },
    ]);
    const zh = base([
      { startMs: 0, endMs: 1, speaker: null, text: "路由器为每个词元挑选两个专家，其余专家不参与计算。" },
    ]);
    expect(finalizeTranscript(en, "a").language).toBe("en");
    expect(finalizeTranscript(zh, "a").language).toBe("zh");
    expect(finalizeTranscript(zh, "a", "en").language).toBe("en");
  });

  it("refuses a transcript with no words", () => {
    expect(() => finalizeTranscript(base([{ startMs: 0, endMs: 1, speaker: null, text: " " }]), "x.vtt")).toThrow(
      "x.vtt: no spoken text was found in the file",
    );
  });
});
