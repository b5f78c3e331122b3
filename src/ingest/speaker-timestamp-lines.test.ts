import { describe, expect, it } from "vitest";
import { ImportError } from "../core/index.js";
import { looksLikeSpeakerTimestampLines, parseSpeakerTimestampLines } from "./speaker-timestamp-lines.js";

const ctx = { fileName: "lex490.txt" };

// Lines 1-14 as in the corpus file (texts shortened), plus the footer the scrape glued onto the last paragraph.
const FIXTURE = `# Transcript for State of AI in 2026: LLMs, Coding, Scaling Laws | Lex Fridman Podcast #490
# Source: https://lexfridman.com/ai-sota-2026-transcript
# Format: one paragraph per line: 'Speaker (hh:mm:ss) text'; '## Title' lines mark the official chapters.


## Introduction

Lex Fridman (00:00:00) The following is a conversation all about the state of the art in artificial intelligence.

(00:00:51) Sebastian is the author of two books I highly recommend.


## China vs US: Who wins the AI race?

Lex Fridman (00:01:57) So I think one useful lens to look at all this through is the so-called DeepSeek moment.

Sebastian Raschka (00:03:37) Но I do think the differentiating factor will be budget &amp; hardware. This entry was posted in transcripts on January 31, 2026 by
`;

describe("parseSpeakerTimestampLines", () => {
  const t = parseSpeakerTimestampLines(FIXTURE, ctx);

  it("reads the show, host and guests from `# Show:`, `# Host:` and `# Guests:` lines", () => {
    const t = parseSpeakerTimestampLines(
      "# Transcript for Where Does Reasoning Come From?\n# Show: Deep Listening Sample\n# Host: Maya Chen\n# Guests: Dr. Arjun Patel, Dr. Lena Vogel\n\nMaya Chen (00:00:00) Welcome.\n",
      { fileName: "sample.txt" },
    );
    expect([t.title, t.show]).toEqual(["Where Does Reasoning Come From?", "Deep Listening Sample"]);
    expect(t.people).toEqual([
      { name: "Maya Chen", role: "host" },
      { name: "Dr. Arjun Patel", role: "guest" },
      { name: "Dr. Lena Vogel", role: "guest" },
    ]);
  });

  it("reads title and show from the `# Transcript for` line and ignores the other `#` comments", () => {
    expect(t.format).toBe("speaker-timestamp-lines");
    expect(t.title).toBe("State of AI in 2026: LLMs, Coding, Scaling Laws");
    expect(t.show).toBe("Lex Fridman Podcast");
    expect(t.people).toEqual([
      { name: "Lex Fridman", role: "host" },
      { name: "Sebastian Raschka", role: "guest" },
    ]);
  });

  it("gives one segment per paragraph with speaker, time and source line; `(hh:mm:ss)` continues the speaker", () => {
    expect(t.segments.map((s) => [s.speaker, s.startMs, s.sourceLine])).toEqual([
      ["Lex Fridman", 0, 8],
      ["Lex Fridman", 51_000, 10],
      ["Lex Fridman", 117_000, 15],
      ["Sebastian Raschka", 217_000, 17],
    ]);
    expect(t.segments[1]?.text).toBe("Sebastian is the author of two books I highly recommend.");
    // Each paragraph runs until the next one starts.
    expect(t.segments[0]?.endMs).toBe(51_000);
  });

  it("turns `## ` lines into published chapters starting at the next paragraph", () => {
    expect(t.chapters).toEqual([
      { title: "Introduction", startMs: 0, source: "published" },
      { title: "China vs US: Who wins the AI race?", startMs: 117_000, source: "published" },
    ]);
  });

  it("drops the site footer, decodes entities and keeps the source's words (the stray Cyrillic too)", () => {
    expect(t.segments[3]?.text).toBe("Но I do think the differentiating factor will be budget & hardware.");
  });

  it("clamps a timestamp a second or two early, and names the line of one that runs backwards further", () => {
    const wobble = parseSpeakerTimestampLines("A (00:01:00) one\nB (00:00:58) two\n", ctx);
    expect(wobble.segments.map((s) => s.startMs)).toEqual([60_000, 60_000]);

    const backwards = () => parseSpeakerTimestampLines("A (00:10:00) one\n\nB (00:02:00) two\n", ctx);
    expect(backwards).toThrow(ImportError);
    expect(backwards).toThrow("timestamps run backwards at line 3: 00:02:00 comes after 00:10:00 (line 1)");
  });

  it("names the line of a time code that is not one", () => {
    expect(() => parseSpeakerTimestampLines("A (00:00:01) fine\nB (01:75:00) not a time\n", ctx)).toThrow(
      'lex490.txt:2: "(01:75:00)" at line 2 is not a time code',
    );
  });

  it("says what it expected when there is no paragraph at all", () => {
    let error: unknown;
    try {
      parseSpeakerTimestampLines("\n# A title\n\njust some prose\n", ctx);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).line).toBe(2);
    expect((error as ImportError).message).toBe(
      "lex490.txt:2: no transcript paragraphs found: expected lines like `Name (hh:mm:ss) text`",
    );
  });
});

describe("looksLikeSpeakerTimestampLines", () => {
  it("recognises the format and not its neighbours", () => {
    expect(looksLikeSpeakerTimestampLines(FIXTURE)).toBe(true);
    expect(looksLikeSpeakerTimestampLines("Lex Fridman [(00:00:00)](https://youtube.com/watch?v=x&t=0) Hi.\n")).toBe(
      false,
    );
    expect(looksLikeSpeakerTimestampLines("Alessio [00:00:00]: Hey everyone.\n")).toBe(false);
    expect(looksLikeSpeakerTimestampLines("We met at noon (12:30) and talked.\nThen we left.\nIt rained.\n")).toBe(
      false,
    );
  });

  it("looks only at the head of a 1 MB file", () => {
    const big = `${FIXTURE}${"Lex Fridman (01:00:00) words words words\n".repeat(30_000)}`;
    expect(looksLikeSpeakerTimestampLines(big)).toBe(true);
  });
});
