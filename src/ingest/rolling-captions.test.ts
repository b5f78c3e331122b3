import { describe, expect, it } from "vitest";
import { ImportError } from "../core/index.js";
import {
  type CaptionCue,
  captionsToSegments,
  checkCueOrder,
  collapseRollingCaptions,
  isCueTimingLine,
  isRollingCaptions,
  parseCueTiming,
  shareCueTime,
} from "./rolling-captions.js";

function cue(startMs: number, endMs: number, lines: string[], sourceLine = 1): CaptionCue {
  return { startMs, endMs, lines, sourceLine };
}

// The first cues of the #459 auto-caption SRT: each phrase shown in its cue, again in a 10 ms cue,
// and again as the first line of the next cue.
const ROLLING: CaptionCue[] = [
  cue(80, 1870, ["", "the following is a conversation with"], 2),
  cue(1870, 1880, ["the following is a conversation with", " "], 7),
  cue(1880, 5230, ["the following is a conversation with", "Dylan Patel and Nathan Lambert Dylan"], 12),
  cue(5230, 5240, ["Dylan Patel and Nathan Lambert Dylan", " "], 17),
  cue(5240, 8669, ["Dylan Patel and Nathan Lambert Dylan", "runs semi analysis A well respected"], 22),
];

describe("isCueTimingLine", () => {
  it("recognises timing lines with settings and Whisper's short times", () => {
    expect(isCueTimingLine("00:00:01,880 --> 00:00:05,230")).toBe(true);
    expect(isCueTimingLine("00:00:00.080 --> 00:00:01.870 align:start position:0%")).toBe(true);
    expect(isCueTimingLine("59:57.020 --> 1:00:01.000")).toBe(true);
  });

  it("leaves cue text with an arrow alone", () => {
    expect(isCueTimingLine("input --> output is the idea")).toBe(false);
    expect(isCueTimingLine("the following is a conversation")).toBe(false);
    expect(isCueTimingLine("1999 --> 2000 was a big year")).toBe(false);
  });
});

describe("parseCueTiming", () => {
  const ctx = { fileName: "talk.srt", lineNumber: 7, decimalMark: "," as const };

  it("reads SRT, WebVTT, Whisper and long-episode times and ignores cue settings", () => {
    expect(parseCueTiming("00:00:01,880 --> 00:00:05,230", ctx)).toEqual({ startMs: 1880, endMs: 5230 });
    expect(parseCueTiming("01:02:03.004 --> 01:02:04.500 align:start position:0%", ctx)).toEqual({
      startMs: 3_723_004,
      endMs: 3_724_500,
    });
    expect(parseCueTiming("59:57.020 --> 59:57.860", ctx)).toEqual({ startMs: 3_597_020, endMs: 3_597_860 });
    expect(parseCueTiming("5:14:37.160 --> 5:14:56.160", ctx)).toEqual({ startMs: 18_877_160, endMs: 18_896_160 });
  });

  it("names the line and shows how times are written when a time cannot be read", () => {
    let error: unknown;
    try {
      parseCueTiming("00:00:6x,000 --> 00:00:08,000", ctx);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).line).toBe(7);
    expect((error as ImportError).message).toBe(
      'talk.srt:7: the timing line "00:00:6x,000 --> 00:00:08,000" has a time that cannot be read (00:00:6x,000); write times as 00:01:02,500 (hours:minutes:seconds,milliseconds).',
    );
  });

  it("rejects a missing end time", () => {
    expect(() => parseCueTiming("00:00:01,000 -->", ctx)).toThrow(/cannot be read \(\(nothing\)\)/);
  });

  it("rejects an end before the start", () => {
    expect(() => parseCueTiming("00:00:08,000 --> 00:00:05,000", ctx)).toThrow(
      "talk.srt:7: this cue ends at 00:00:05.000, before it starts at 00:00:08.000; correct the end time so it comes after the start.",
    );
  });
});

describe("checkCueOrder", () => {
  it("tolerates overlaps of up to a second", () => {
    expect(() => checkCueOrder([cue(5000, 6000, ["a"], 1), cue(4100, 7000, ["b"], 5)], "x.vtt")).not.toThrow();
  });

  it("reports cues that jump back in time with both times and the line", () => {
    const cues = [cue(720_000, 721_000, ["a"], 3), cue(600_000, 601_000, ["b"], 9)];
    expect(() => checkCueOrder(cues, "x.vtt")).toThrow(
      "x.vtt:9: timestamps run backwards at line 9: 00:10:00.000 comes after 00:12:00.000.",
    );
  });
});

describe("isRollingCaptions", () => {
  it("spots YouTube's roll-up captions", () => {
    expect(isRollingCaptions(ROLLING)).toBe(true);
  });

  it("does not mistake ordinary subtitles for rolling ones", () => {
    const ordinary = [
      cue(0, 2000, ["When you first get", "started in podcasting,"]),
      cue(2000, 4000, ["almost guaranteed that you're", "going to make rookie mistakes."]),
      cue(4000, 6000, ["No."]),
      cue(6000, 8000, ["No."]),
    ];
    expect(isRollingCaptions(ordinary)).toBe(false);
    expect(collapseRollingCaptions(ordinary)).toEqual({ cues: ordinary, rolling: false });
  });
});

describe("collapseRollingCaptions", () => {
  it("keeps each phrase once, timed by the cue that introduced it", () => {
    const { cues, rolling } = collapseRollingCaptions(ROLLING);
    expect(rolling).toBe(true);
    expect(cues.map((c) => [c.startMs, c.endMs, c.lines, c.sourceLine])).toEqual([
      [80, 1870, ["the following is a conversation with"], 2],
      [1880, 5230, ["Dylan Patel and Nathan Lambert Dylan"], 12],
      [5240, 8669, ["runs semi analysis A well respected"], 22],
    ]);
  });

  it("keeps a line the speaker really says twice", () => {
    const { cues } = collapseRollingCaptions([
      cue(0, 1000, ["so what do you think"]),
      cue(1000, 1010, ["so what do you think"]),
      cue(1010, 2000, ["so what do you think", "yeah"]),
      cue(2000, 2010, ["yeah"]),
      cue(2010, 3000, ["yeah", "yeah"]),
      cue(3000, 3010, ["yeah"]),
      cue(3010, 4000, ["yeah", "exactly right"]),
    ]);
    expect(cues.map((c) => c.lines.join(" "))).toEqual(["so what do you think", "yeah", "yeah", "exactly right"]);
  });

  it("keeps only the added words of captions that grow word by word", () => {
    const { cues } = collapseRollingCaptions([
      cue(0, 500, ["the"]),
      cue(500, 1000, ["the following"]),
      cue(1000, 1500, ["the following is"]),
      cue(1500, 2000, ["the following is a conversation"]),
    ]);
    expect(cues.map((c) => [c.startMs, c.lines.join(" ")])).toEqual([
      [0, "the"],
      [500, "following"],
      [1000, "is"],
      [1500, "a conversation"],
    ]);
  });

  it("ignores case and spacing differences when a line rolls up", () => {
    const { cues } = collapseRollingCaptions([
      cue(0, 1000, ["Dylan  runs semi analysis"]),
      cue(1000, 2000, ["dylan runs semi analysis", "a well respected company"]),
      cue(2000, 3000, ["A well respected company", "that specializes in chips"]),
      cue(3000, 4000, ["that specializes  in chips", "and AI hardware"]),
    ]);
    expect(cues.map((c) => c.lines.join(" "))).toEqual([
      "Dylan runs semi analysis",
      "a well respected company",
      "that specializes in chips",
      "and AI hardware",
    ]);
  });
});

describe("captionsToSegments", () => {
  it("merges punctuated fragments into sentences with the first cue's start and line", () => {
    const segments = captionsToSegments([
      cue(0, 2000, ["When you first get", "started in podcasting,"], 3),
      cue(2000, 4000, ["you make a handful of mistakes."], 7),
      cue(6000, 8000, ["So in this episode, we went"], 11),
      cue(8000, 9500, ["back through the archives."], 15),
    ]);
    expect(segments).toEqual([
      {
        startMs: 0,
        endMs: 4000,
        speaker: null,
        text: "When you first get started in podcasting, you make a handful of mistakes.",
        sourceLine: 3,
      },
      {
        startMs: 6000,
        endMs: 9500,
        speaker: null,
        text: "So in this episode, we went back through the archives.",
        sourceLine: 11,
      },
    ]);
  });

  it("carries a named speaker forward until the next name or a dialogue dash", () => {
    const segments = captionsToSegments([
      { ...cue(0, 1000, ["Hello there."]), speaker: "Travis" },
      cue(1000, 2000, ["How are you?"]),
      { ...cue(5000, 6000, ["Fine, thanks."]), speaker: "Sarah" },
      { ...cue(9000, 10000, ["- Who said that?"]), speaker: null },
    ]);
    expect(segments.map((s) => [s.speaker, s.text])).toEqual([
      ["Travis", "Hello there. How are you?"],
      ["Sarah", "Fine, thanks."],
      [null, "- Who said that?"],
    ]);
  });

  it("cuts unpunctuated auto-captions at about 30 words and at pauses over a second", () => {
    const phrase = (n: number) => `word${n}a word${n}b word${n}c word${n}d word${n}e word${n}f`;
    const cues = [0, 1, 2, 3, 4, 5, 6].map((n) => cue(n * 2000, n * 2000 + 2000, [phrase(n)], n + 1));
    // A 3-second pause before the last phrase.
    cues.push(cue(17_000, 18_000, ["after the pause"], 8));
    const segments = captionsToSegments(cues);
    expect(segments.map((s) => [s.startMs, s.endMs, s.text.split(" ").length, s.sourceLine])).toEqual([
      [0, 10_000, 30, 1],
      [10_000, 14_000, 12, 6],
      [17_000, 18_000, 3, 8],
    ]);
  });

  it("never lets a segment start before the previous one, even when cues overlap", () => {
    const segments = captionsToSegments([
      cue(5000, 6000, ["First sentence here."], 1),
      cue(4500, 4800, ["Second sentence, slightly early."], 5),
    ]);
    for (const [i, s] of segments.entries()) {
      expect(s.endMs).toBeGreaterThanOrEqual(s.startMs);
      if (i > 0) expect(s.startMs).toBeGreaterThanOrEqual((segments[i - 1] as { startMs: number }).startMs);
    }
    expect(segments.map((s) => [s.startMs, s.endMs])).toEqual([[5000, 6000]]);
  });
});

describe("shareCueTime", () => {
  it("splits a cue's time by the length of each speaker's text, ending exactly at the cue's end", () => {
    expect(shareCueTime(1000, 4000, [10, 20])).toEqual([
      [1000, 2000],
      [2000, 4000],
    ]);
    expect(shareCueTime(0, 1000, [0, 3])).toEqual([
      [0, 250],
      [250, 1000],
    ]);
    expect(shareCueTime(500, 900, [7])).toEqual([[500, 900]]);
  });
});
