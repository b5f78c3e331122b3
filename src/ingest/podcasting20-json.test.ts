import { describe, expect, it } from "vitest";
import { errorOf } from "../../test/helpers/import-error.js";
import { looksLikePodcasting20Json, parsePodcasting20Json } from "./podcasting20-json.js";

const ctx = { fileName: "episode.json" };

/** The spec's example: one word per segment, a body ending in a newline. */
const WORD_LEVEL = `{
  "version": "1.0.0",
  "segments": [
    { "speaker": "Darth Vader", "startTime": 0.5, "endTime": 0.75, "body": "I" },
    { "speaker": "Darth Vader", "startTime": 1, "endTime": 1.25, "body": "am" },
    { "speaker": "Darth Vader", "startTime": 1.5, "endTime": 2.0, "body": "your" },
    { "speaker": "Darth Vader", "startTime": 2.25, "endTime": 2.5, "body": "father.\\n" },
    { "speaker": "Luke", "startTime": 2.75, "endTime": 3.0, "body": "Nooooo" }
  ]
}`;

describe("parsePodcasting20Json", () => {
  it("merges one word per segment into sentences, per speaker, in milliseconds", () => {
    const t = parsePodcasting20Json(WORD_LEVEL, ctx);
    expect(t.format).toBe("podcasting20-json");
    expect(t.segments).toEqual([
      { startMs: 500, endMs: 2500, speaker: "Darth Vader", text: "I am your father.", sourceLine: 4 },
      { startMs: 2750, endMs: 3000, speaker: "Luke", text: "Nooooo", sourceLine: 8 },
    ]);
    expect(t.chapters).toEqual([]);
    expect(t.speakersAnonymous).toBeUndefined();
  });

  it("keeps sentence-level segments as written and fills a missing endTime from the next start", () => {
    const json = JSON.stringify({
      version: "1.0.0",
      segments: [
        { speaker: "Kevin", startTime: 0, body: "We have an update planned where we would like to upload artwork." },
        { speaker: "Alban", startTime: 9.5, endTime: 14, body: "You're triggering Tom right now with a cool feature." },
        { startTime: 15, endTime: 20, body: "Nobody is named on this one, but it is still a full sentence." },
      ],
    });
    const t = parsePodcasting20Json(json, ctx);
    expect(t.segments).toEqual([
      {
        startMs: 0,
        endMs: 9500,
        speaker: "Kevin",
        text: "We have an update planned where we would like to upload artwork.",
        sourceLine: 1,
      },
      {
        startMs: 9500,
        endMs: 14000,
        speaker: "Alban",
        text: "You're triggering Tom right now with a cool feature.",
        sourceLine: 1,
      },
      {
        startMs: 15000,
        endMs: 20000,
        speaker: null,
        text: "Nobody is named on this one, but it is still a full sentence.",
        sourceLine: 1,
      },
    ]);
    expect(t.language).toBe("en");
  });

  it("marks diarization placeholders as anonymous speakers", () => {
    const json = JSON.stringify({
      segments: [
        {
          speaker: "SPEAKER_00",
          startTime: 0,
          endTime: 3,
          body: "Welcome back to the show, everyone listening today.",
        },
        {
          speaker: "SPEAKER_01",
          startTime: 3,
          endTime: 6,
          body: "Thanks for having me on again, it is good to be here.",
        },
      ],
    });
    expect(parsePodcasting20Json(json, ctx).speakersAnonymous).toBe(true);
  });

  it("reads a file with a byte-order mark", () => {
    expect(parsePodcasting20Json(`\ufeff${WORD_LEVEL}`, ctx).segments).toHaveLength(2);
  });

  it("allows a small overlap between segments (under a second)", () => {
    const json = JSON.stringify({
      segments: [
        {
          speaker: "A",
          startTime: 10,
          endTime: 12,
          body: "One full sentence that runs long enough to stand alone here.",
        },
        {
          speaker: "B",
          startTime: 9.2,
          endTime: 13,
          body: "Another full sentence that overlaps the first a little bit.",
        },
      ],
    });
    expect(parsePodcasting20Json(json, ctx).segments.map((s) => s.startMs)).toEqual([10000, 9200]);
  });

  describe("errors name the file, the line and what to fix", () => {
    it("reports invalid JSON with its line and column", () => {
      const e = errorOf(() =>
        parsePodcasting20Json('{\n  "segments": [\n    {"startTime": 1, "body": "a"},\n  ]\n}', ctx),
      );
      expect(e.line).toBe(4);
      expect(e.message).toBe(
        "episode.json:4: not valid JSON at line 4, column 3: a comma before ']' (JSON allows no trailing comma). Fix the file there, or export it again from the tool that made it",
      );
    });

    it("says a truncated file looks cut off", () => {
      const e = errorOf(() => parsePodcasting20Json('{\n  "segments": [\n    {"startTime": 1, "body": "a"}', ctx));
      expect(e.line).toBe(3);
      expect(e.reason).toContain("column 34: the file ends before the JSON is complete (it looks cut off)");
    });

    it("reports a missing startTime at the line of its segment", () => {
      const json = '{\n  "segments": [\n    {"startTime": 1, "body": "a"},\n    {"body": "b"}\n  ]\n}';
      const e = errorOf(() => parsePodcasting20Json(json, ctx));
      expect(e.message).toBe("episode.json:4: segments[1].startTime is missing; expected a number of seconds");
    });

    it("reports a value of the wrong type", () => {
      const e = errorOf(() => parsePodcasting20Json('{"segments": [{"startTime": "0:02", "body": "b"}]}', ctx));
      expect(e.reason).toBe('segments[0].startTime is the text "0:02"; expected a number of seconds');
      const e2 = errorOf(() => parsePodcasting20Json('{"segments": [{"startTime": 2, "body": 5}]}', ctx));
      expect(e2.reason).toBe("segments[0].body is the number 5; expected the spoken text as a string");
    });

    it("reports JSON that is not a transcript object", () => {
      expect(errorOf(() => parsePodcasting20Json("[1, 2]", ctx)).reason).toBe(
        'the file is a list; expected a JSON object with a "segments" list (a Podcasting 2.0 JSON transcript)',
      );
      expect(errorOf(() => parsePodcasting20Json('{"segments": {}}', ctx)).reason).toBe(
        "segments is an object; expected a list of segments",
      );
      expect(errorOf(() => parsePodcasting20Json('{"version": "1.0.0", "segments": []}', ctx)).reason).toBe(
        'the "segments" list is empty, so this transcript has no text to study',
      );
    });

    it("rejects negative times and an end before the start", () => {
      const negative = errorOf(() => parsePodcasting20Json('{"segments": [{"startTime": -1.5, "body": "a"}]}', ctx));
      expect(negative.reason).toBe(
        "segments[0] has a negative time (-1.5 s); times count from the start of the episode",
      );
      const inverted = errorOf(() =>
        parsePodcasting20Json('{"segments": [\n{"startTime": 5, "endTime": 4.5, "body": "a"}]}', ctx),
      );
      expect(inverted.line).toBe(2);
      expect(inverted.reason).toBe("segments[0] ends (00:00:04.500) before it starts (00:00:05); check its end time");
    });

    it("rejects timestamps that run backwards by more than a second", () => {
      const segments = Array.from({ length: 13 }, (_, i) => ({ startTime: i * 10, endTime: i * 10 + 5, body: "w" }));
      segments[12] = { startTime: 100, endTime: 101, body: "w" };
      const e = errorOf(() => parsePodcasting20Json(JSON.stringify({ segments }, null, 1), ctx));
      expect(e.reason).toBe(
        "timestamps run backwards at segments[12]: it starts at 00:01:40, before segments[11] (00:01:50); the file may join two recordings",
      );
      expect(e.line).toBeGreaterThan(12);
    });
  });
});

describe("looksLikePodcasting20Json", () => {
  it("accepts the Podcasting 2.0 shape", () => {
    expect(looksLikePodcasting20Json(JSON.parse(WORD_LEVEL))).toBe(true);
    expect(looksLikePodcasting20Json({ version: "1.0.0", segments: [] })).toBe(true);
  });

  it("rejects Whisper, pickpod, chapters and non-objects", () => {
    expect(looksLikePodcasting20Json({ segments: [{ start: 0, end: 1, text: "hi" }] })).toBe(false);
    expect(looksLikePodcasting20Json({ sentence: [{ content: "hi", start: 0, end: 1 }] })).toBe(false);
    expect(looksLikePodcasting20Json({ version: "1.2.0", chapters: [{ startTime: 0, title: "Intro" }] })).toBe(false);
    expect(looksLikePodcasting20Json([{ startTime: 0, body: "hi" }])).toBe(false);
    expect(looksLikePodcasting20Json(null)).toBe(false);
  });
});
