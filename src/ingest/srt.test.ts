import { describe, expect, it } from "vitest";
import { ImportError } from "../core/index.js";
import { looksLikeSrt, parseSrt, splitSpeakerPrefix } from "./srt.js";

const ctx = { fileName: "episode.srt" };

function thrown(run: () => unknown): ImportError {
  try {
    run();
  } catch (error) {
    if (error instanceof ImportError) return error;
    throw error;
  }
  throw new Error("expected an ImportError");
}

describe("parseSrt: ordinary subtitles", () => {
  it("reads numbered cues into sentence segments with times and source lines", () => {
    const text = [
      "1",
      "00:00:00,179 --> 00:00:02,399",
      "When you first get",
      "started in podcasting, it's",
      "",
      "2",
      "00:00:02,400 --> 00:00:04,799",
      "almost guaranteed that you'll make mistakes.",
      "",
      "3",
      "00:00:07,000 --> 00:00:09,000",
      "<i>So</i> in this <b>bonus</b> episode &amp; more,",
      "",
      "4",
      "00:00:09,000 --> 00:00:10,500",
      "we went back.",
      "",
    ].join("\n");
    const transcript = parseSrt(text, ctx);
    expect(transcript.format).toBe("srt");
    expect(transcript.language).toBe("en");
    expect(transcript.chapters).toEqual([]);
    expect(transcript.segments).toEqual([
      {
        startMs: 179,
        endMs: 4799,
        speaker: null,
        text: "When you first get started in podcasting, it's almost guaranteed that you'll make mistakes.",
        sourceLine: 2,
      },
      {
        startMs: 7000,
        endMs: 10_500,
        speaker: null,
        text: "So in this bonus episode & more, we went back.",
        sourceLine: 11,
      },
    ]);
  });

  it("tolerates CRLF, trailing spaces, '.' milliseconds, missing numbers and blank lines inside a cue", () => {
    const text = [
      "\uFEFF1  ",
      "00:00:01.000 --> 00:00:03.000   ",
      "",
      "The first line after a blank one.   ",
      "",
      "00:00:05,000 --> 00:00:07,000",
      "A cue without a number,",
      "",
      "and a blank line in its text.",
      "",
      "",
      "3",
      "00:00:10,000 --> 00:00:11,000",
      "The end.",
    ].join("\r\n");
    const transcript = parseSrt(text, ctx);
    expect(transcript.segments.map((s) => [s.startMs, s.endMs, s.text, s.sourceLine])).toEqual([
      [1000, 3000, "The first line after a blank one.", 2],
      [5000, 7000, "A cue without a number, and a blank line in its text.", 6],
      [10_000, 11_000, "The end.", 13],
    ]);
  });

  it("imports Chinese subtitles as zh", () => {
    const text =
      "1\n00:00:01,000 --> 00:00:03,000\n我们今天聊一聊混合专家模型。\n\n2\n00:00:03,000 --> 00:00:05,000\n它为什么这么便宜？\n";
    const transcript = parseSrt(text, ctx);
    expect(transcript.language).toBe("zh");
    // Thirteen characters make a full sentence: it is not merged with the next one.
    expect(transcript.segments.map((s) => s.text)).toEqual(["我们今天聊一聊混合专家模型。", "它为什么这么便宜？"]);
  });
});

describe("parseSrt: speakers", () => {
  it("takes `Name:` prefixes as speakers and carries them to the cues that follow", () => {
    const text = [
      "1",
      "00:00:00,179 --> 00:00:02,399",
      "Travis: When you first get",
      "started in podcasting, it's",
      "",
      "2",
      "00:00:02,400 --> 00:00:04,799",
      "almost guaranteed.",
      "",
      "3",
      "00:00:04,800 --> 00:00:06,000",
      "Sarah Lee: Creating good audio is key.",
      "",
      "4",
      "00:00:06,000 --> 00:00:08,000",
      "JOHN: hello there.",
      "",
      "5",
      "00:00:08,000 --> 00:00:10,000",
      "主持人：欢迎收听。",
    ].join("\n");
    const transcript = parseSrt(text, ctx);
    expect(transcript.segments.map((s) => [s.speaker, s.text])).toEqual([
      ["Travis", "When you first get started in podcasting, it's almost guaranteed."],
      ["Sarah Lee", "Creating good audio is key."],
      ["JOHN", "hello there."],
      ["主持人", "欢迎收听。"],
    ]);
    expect(transcript.people).toEqual([
      { name: "Travis", role: "speaker" },
      { name: "Sarah Lee", role: "speaker" },
      { name: "JOHN", role: "speaker" },
      { name: "主持人", role: "speaker" },
    ]);
  });

  it("does not take labels, times or mid-sentence colons for speakers", () => {
    const text = [
      "1",
      "00:00:00,000 --> 00:00:02,000",
      "Note: this part was recorded later.",
      "",
      "2",
      "00:00:04,000 --> 00:00:06,000",
      "we met at 10:30 and the plan was: ship it.",
      "",
      "3",
      "00:00:08,000 --> 00:00:10,000",
      "他说：这个模型很便宜。",
    ].join("\n");
    const transcript = parseSrt(text, ctx);
    expect(transcript.segments.map((s) => [s.speaker, s.text])).toEqual([
      [null, "Note: this part was recorded later."],
      [null, "we met at 10:30 and the plan was: ship it."],
      [null, "他说：这个模型很便宜。"],
    ]);
    expect(transcript.people).toBeUndefined();
  });

  it("treats a dialogue dash as another, unnamed speaker", () => {
    const text = [
      "1",
      "00:00:00,000 --> 00:00:02,000",
      "Travis: Are you ready?",
      "",
      "2",
      "00:00:04,000 --> 00:00:05,000",
      "- Yes.",
      "- Then let's go.",
    ].join("\n");
    expect(parseSrt(text, ctx).segments.map((s) => [s.speaker, s.text])).toEqual([
      ["Travis", "Are you ready?"],
      [null, "- Yes. - Then let's go."],
    ]);
  });
});

describe("parseSrt: two named speakers in one cue", () => {
  it("splits the cue at the second name", () => {
    const text = "1\n00:00:01,000 --> 00:00:03,000\nJOHN: Are you coming?\nMARY: In a minute.\n";
    expect(parseSrt(text, ctx).segments.map((s) => [s.speaker, s.text, s.startMs, s.endMs])).toEqual([
      // 15 and 12 characters share the two seconds.
      ["JOHN", "Are you coming?", 1000, 2111],
      ["MARY", "In a minute.", 2111, 3000],
    ]);
  });
});

describe("splitSpeakerPrefix", () => {
  it("accepts 1-4 capitalised words, numbered speakers and Chinese names", () => {
    expect(splitSpeakerPrefix("JOHN: hello")).toEqual({ speaker: "JOHN", text: "hello" });
    expect(splitSpeakerPrefix("Sarah Lee: hi")).toEqual({ speaker: "Sarah Lee", text: "hi" });
    expect(splitSpeakerPrefix("Speaker 2: okay")).toEqual({ speaker: "Speaker 2", text: "okay" });
    expect(splitSpeakerPrefix("Ludwig van Beethoven: da da da")).toEqual({
      speaker: "Ludwig van Beethoven",
      text: "da da da",
    });
    expect(splitSpeakerPrefix("迪伦·帕特尔：是的")).toEqual({ speaker: "迪伦·帕特尔", text: "是的" });
  });

  it("rejects prose", () => {
    for (const line of [
      "Note: this is important",
      "The answer: yes",
      "so I said: fine",
      "One Two Three Four Five: too long",
      "10:30 is the time",
      "Re:Invent was great",
      "he said: no",
      "他说：好的",
      "注意：这里",
      "https://example.com",
    ]) {
      expect(splitSpeakerPrefix(line), line).toBeNull();
    }
  });
});

describe("parseSrt: YouTube rolling auto-captions", () => {
  // The first cues of the #459 auto-caption file, as they are (CRLF and LF mixed, 10 ms cues).
  const ROLLING = [
    "1",
    "00:00:00,080 --> 00:00:01,870",
    "\r",
    "the following is a conversation with",
    "",
    "2",
    "00:00:01,870 --> 00:00:01,880",
    "the following is a conversation with\r",
    " ",
    "",
    "3",
    "00:00:01,880 --> 00:00:05,230",
    "the following is a conversation with\r",
    "Dylan Patel and Nathan Lambert Dylan",
    "",
    "4",
    "00:00:05,230 --> 00:00:05,240",
    "Dylan Patel and Nathan Lambert Dylan\r",
    " ",
    "",
    "5",
    "00:00:05,240 --> 00:00:08,669",
    "Dylan Patel and Nathan Lambert Dylan\r",
    "runs semi analysis A well respected",
    "",
    "6",
    "00:00:08,669 --> 00:00:08,679",
    "runs semi analysis A well respected\r",
    " ",
    "",
    "7",
    "00:00:08,679 --> 00:00:10,629",
    "runs semi analysis A well respected\r",
    "research and Analysis company that",
    "",
  ].join("\n");

  it("keeps every phrase once", () => {
    const transcript = parseSrt(ROLLING, ctx);
    expect(transcript.segments).toEqual([
      {
        startMs: 80,
        endMs: 10_629,
        speaker: null,
        text: "the following is a conversation with Dylan Patel and Nathan Lambert Dylan runs semi analysis A well respected research and Analysis company that",
        sourceLine: 2,
      },
    ]);
  });
});

describe("parseSrt: errors", () => {
  it("names the line of a timing line it cannot read", () => {
    const error = thrown(() =>
      parseSrt("1\n00:00:01,000 --> 00:00:02,000\nHi.\n\n2\n00:00:02,000 --> 00:0O:03,000\nThere.\n", ctx),
    );
    expect(error.line).toBe(6);
    expect(error.file).toBe("episode.srt");
    expect(error.message).toBe(
      'episode.srt:6: the timing line "00:00:02,000 --> 00:0O:03,000" has a time that cannot be read (00:0O:03,000); write times as 00:01:02,500 (hours:minutes:seconds,milliseconds).',
    );
  });

  it("reports a file cut off in the middle of a timing line as unreadable, not as a 0 s end", () => {
    const error = thrown(() => parseSrt("1\n00:00:01,000 --> 00:00:02,000\nhello\n\n2\n00:00:03,000 --> 00:0", ctx));
    expect(error.line).toBe(6);
    expect(error.reason).toContain("has a time that cannot be read (00:0)");
  });

  it("rejects a cue that ends before it starts", () => {
    const error = thrown(() => parseSrt("1\n00:00:05,000 --> 00:00:04,000\nHi.\n", ctx));
    expect(error.line).toBe(2);
    expect(error.reason).toContain("ends at 00:00:04.000, before it starts at 00:00:05.000");
  });

  it("rejects timestamps that run backwards by more than a second", () => {
    const text = "1\n00:12:00,000 --> 00:12:02,000\nLater.\n\n2\n00:10:00,000 --> 00:10:02,000\nEarlier.\n";
    const error = thrown(() => parseSrt(text, ctx));
    expect(error.line).toBe(6);
    expect(error.reason).toMatch(/^timestamps run backwards at line 6: 00:10:00\.000 comes after 00:12:00\.000\./);
  });

  it("rejects a file without cues", () => {
    const error = thrown(() => parseSrt("Just some notes\nabout the episode.\n", ctx));
    expect(error.line).toBeUndefined();
    expect(error.message).toBe(
      'episode.srt: no captions found: an SRT file needs cues made of a number, a timing line like "00:00:01,000 --> 00:00:04,000" and the text.',
    );
  });

  it("rejects cues that are all empty", () => {
    expect(() => parseSrt("1\n00:00:01,000 --> 00:00:02,000\n\n2\n00:00:02,000 --> 00:00:03,000\n \n", ctx)).toThrow(
      "episode.srt: the captions have timing lines but no text; there is nothing to study in this file.",
    );
  });
});

describe("looksLikeSrt", () => {
  it("recognises SRT by its content, with or without cue numbers", () => {
    expect(looksLikeSrt("1\n00:00:00,179 --> 00:00:02,399\nHello\n")).toBe(true);
    expect(looksLikeSrt("\uFEFF\r\n1\r\n00:00:00,179 --> 00:00:02,399\r\nHello\r\n")).toBe(true);
    expect(looksLikeSrt("00:00:00,179 --> 00:00:02,399\nHello\n")).toBe(true);
  });

  it("rejects WebVTT and other text", () => {
    expect(looksLikeSrt("WEBVTT\n\n1\n00:00:00.000 --> 00:00:02.000\nHi\n")).toBe(false);
    expect(looksLikeSrt("00:00.000 --> 00:02.560\n I remember\n")).toBe(false);
    expect(looksLikeSrt("Lex Fridman (00:00:00) Hello\n")).toBe(false);
    expect(looksLikeSrt("1\nHello\n")).toBe(false);
    expect(looksLikeSrt("")).toBe(false);
  });
});
