import { describe, expect, it } from "vitest";
import { ImportError } from "../core/index.js";
import { looksLikeWebVtt, parseWebVtt } from "./webvtt.js";

const ctx = { fileName: "episode.vtt" };

function thrown(run: () => unknown): ImportError {
  try {
    run();
  } catch (error) {
    if (error instanceof ImportError) return error;
    throw error;
  }
  throw new Error("expected an ImportError");
}

// The first cues of the #459 YouTube auto-translated captions: word timings in `<c>` tags, each
// phrase repeated in a 10 ms cue and again as the first line of the next cue.
const YOUTUBE_ZH = [
  "WEBVTT",
  "Kind: captions",
  "Language: zh-Hans",
  "",
  "00:00:00.080 --> 00:00:01.870 align:start position:0%",
  " ",
  "以下<00:00:00.899><c>是</c><00:00:01.718><c>与</c>",
  "",
  "00:00:01.870 --> 00:00:01.880 align:start position:0%",
  "以下是与",
  " ",
  "",
  "00:00:01.880 --> 00:00:05.230 align:start position:0%",
  "以下是与",
  "迪伦<00:00:02.160><c>·</c><00:00:02.440><c>帕特尔 </c><00:00:02.720><c>(Dylan </c><00:00:03.000><c>Patel) </c><00:00:03.280><c>和</c><00:00:03.560><c>内森</c><00:00:03.840><c>·</c><00:00:04.120><c>兰伯特</c><00:00:04.400><c>·</c><00:00:04.680><c>迪伦</c>",
  "",
  "00:00:05.230 --> 00:00:05.240 align:start position:0%",
  "迪伦·帕特尔 (Dylan Patel) 和内森·兰伯特·迪伦",
  " ",
  "",
  "00:00:05.240 --> 00:00:08.669 align:start position:0%",
  "迪伦·帕特尔 (Dylan Patel) 和内森·兰伯特·迪伦",
  "运行<00:00:05.645><c>半</c><00:00:06.050><c>分析</c><00:00:06.455><c>一</c><00:00:06.860><c>个</c><00:00:07.265><c>受人</c><00:00:07.670><c>尊敬</c><00:00:08.075><c>的</c>",
  "",
  "00:00:08.669 --> 00:00:08.679 align:start position:0%",
  "运行半分析一个受人尊敬的",
  " ",
  "",
  "00:00:08.679 --> 00:00:10.629 align:start position:0%",
  "运行半分析一个受人尊敬的",
  "研究<00:00:09.266><c>和</c><00:00:09.853><c>分析</c><00:00:10.440><c>公司</c>",
].join("\n");

describe("parseWebVtt: spec WebVTT", () => {
  const SPEC = [
    "WEBVTT - a hand-made file",
    "Kind: captions",
    "Language: en-US",
    "",
    "NOTE This file was written by hand;",
    "it has two lines of notes.",
    "",
    "STYLE",
    "::cue { color: yellow }",
    "",
    "REGION",
    "id:fred width:40%",
    "",
    "intro",
    "00:00:01.000 --> 00:00:03.500 align:start position:0%",
    "<v Sarah>Welcome to <i>Podcasting</i> Q&amp;A.",
    "",
    "2",
    "00:00:04.000 --> 00:00:06.000 line:90% region:fred",
    "<v.loud Gillian Lee>Hi, <c.yellow>Buzzsprout</c> &lt;3 <b>my</b> <lang fr>question</lang>:</v>",
    "",
    "NOTE a note between cues",
    "",
    "00:00:06.000 --> 00:00:08.000",
    "<v Gillian Lee>do we need a <u>trailer</u>?",
    "",
    "00:00:11.000 --> 00:00:12.000",
    "<ruby>漢<rt>kan</rt></ruby>&nbsp;and more.",
    "",
  ].join("\n");

  it("reads voices as speakers, strips markup, decodes entities and skips NOTE/STYLE/REGION blocks", () => {
    const transcript = parseWebVtt(SPEC, ctx);
    expect(transcript.format).toBe("webvtt");
    expect(transcript.language).toBe("en");
    expect(transcript.segments).toEqual([
      { startMs: 1000, endMs: 3500, speaker: "Sarah", text: "Welcome to Podcasting Q&A.", sourceLine: 15 },
      {
        startMs: 4000,
        endMs: 8000,
        speaker: "Gillian Lee",
        text: "Hi, Buzzsprout <3 my question: do we need a trailer?",
        sourceLine: 19,
      },
      // A cue without a voice goes on with the last speaker named.
      { startMs: 11_000, endMs: 12_000, speaker: "Gillian Lee", text: "漢 and more.", sourceLine: 27 },
    ]);
    expect(transcript.people).toEqual([
      { name: "Sarah", role: "speaker" },
      { name: "Gillian Lee", role: "speaker" },
    ]);
  });

  it("splits a cue with two voices into two speakers", () => {
    const text = "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Roger>Are you ready?</v>\n<v Anna>Yes, let's go.</v>\n";
    expect(parseWebVtt(text, ctx).segments.map((s) => [s.speaker, s.text, s.startMs, s.endMs])).toEqual([
      // The cue's two seconds are shared by the length of what each says.
      ["Roger", "Are you ready?", 1000, 2000],
      ["Anna", "Yes, let's go.", 2000, 3000],
    ]);
  });

  it("keeps a cue that lies inside the one before as its own segment, for the overlap check to see", () => {
    const text = "WEBVTT\n\n00:00:00.000 --> 00:01:00.000\na long cue\n\n00:00:20.000 --> 00:00:30.000\ninside it\n";
    expect(parseWebVtt(text, ctx).segments).toEqual([
      { startMs: 0, endMs: 60_000, speaker: null, text: "a long cue", sourceLine: 3 },
      { startMs: 20_000, endMs: 30_000, speaker: null, text: "inside it", sourceLine: 6 },
    ]);
  });

  it("takes a `Name:` prefix as the speaker where there is no voice tag", () => {
    const text = "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nLex Fridman: Hello, everyone.\n";
    expect(parseWebVtt(text, ctx).segments.map((s) => [s.speaker, s.text])).toEqual([
      ["Lex Fridman", "Hello, everyone."],
    ]);
  });

  it("imports a cue file that lacks the WEBVTT line", () => {
    const text = "00:00:01.000 --> 00:00:03.000\nHello.\n";
    expect(parseWebVtt(text, ctx).segments.map((s) => s.text)).toEqual(["Hello."]);
  });
});

describe("parseWebVtt: Whisper times", () => {
  it("reads MM:SS.mmm under an hour and one-digit H:MM:SS.mmm after it", () => {
    const text = [
      "WEBVTT",
      "",
      "00:00.000 --> 00:02.560",
      " I remember the reaction where he had drawn these characters.",
      "",
      "59:57.020 --> 59:59.800",
      " If you aren't sure which way to do something,",
      "",
      "1:00:01.000 --> 1:00:03.500",
      " do it both ways.",
      "",
      "5:14:37.160 --> 5:14:56.160",
      " Thank you for listening and hope to see you next time.",
    ].join("\n");
    const transcript = parseWebVtt(text, ctx);
    expect(transcript.segments.map((s) => [s.startMs, s.endMs, s.text, s.sourceLine])).toEqual([
      [0, 2560, "I remember the reaction where he had drawn these characters.", 3],
      [3_597_020, 3_603_500, "If you aren't sure which way to do something, do it both ways.", 6],
      [18_877_160, 18_896_160, "Thank you for listening and hope to see you next time.", 12],
    ]);
  });
});

describe("parseWebVtt: YouTube auto-captions", () => {
  it("drops word timings and keeps each rolling phrase once, in Chinese", () => {
    const transcript = parseWebVtt(YOUTUBE_ZH, ctx);
    expect(transcript.language).toBe("zh");
    expect(transcript.segments).toEqual([
      {
        startMs: 80,
        endMs: 8669,
        speaker: null,
        text: "以下是与迪伦·帕特尔 (Dylan Patel) 和内森·兰伯特·迪伦运行半分析一个受人尊敬的",
        sourceLine: 5,
      },
      { startMs: 8679, endMs: 10_629, speaker: null, text: "研究和分析公司", sourceLine: 29 },
    ]);
  });

  it("takes the language from the header", () => {
    const text = "WEBVTT\nKind: captions\nLanguage: zh-Hans\n\n00:00:01.000 --> 00:00:02.000\nOK, GPU.\n";
    expect(parseWebVtt(text, ctx).language).toBe("zh");
  });
});

describe("parseWebVtt: errors", () => {
  it("names the line of a timing line it cannot read", () => {
    const error = thrown(() =>
      parseWebVtt("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHi.\n\n00:00:02.000 --> later\nThere.\n", ctx),
    );
    expect(error.line).toBe(6);
    expect(error.message).toBe(
      'episode.vtt:6: the timing line "00:00:02.000 --> later" has a time that cannot be read (later); write times as 00:01:02.500 (hours:minutes:seconds.milliseconds).',
    );
  });

  it("rejects a cue that ends before it starts", () => {
    const error = thrown(() => parseWebVtt("WEBVTT\n\nid\n00:00:05.000 --> 00:00:04.000\nHi.\n", ctx));
    expect(error.line).toBe(4);
    expect(error.reason).toBe(
      "this cue ends at 00:00:04.000, before it starts at 00:00:05.000; correct the end time so it comes after the start.",
    );
  });

  it("rejects timestamps that run backwards by more than a second, but not an overlap", () => {
    const backwards = "WEBVTT\n\n00:12:00.000 --> 00:12:02.000\nLater.\n\n00:10:00.000 --> 00:10:02.000\nEarlier.\n";
    const error = thrown(() => parseWebVtt(backwards, ctx));
    expect(error.line).toBe(6);
    expect(error.message).toContain(
      "episode.vtt:6: timestamps run backwards at line 6: 00:10:00.000 comes after 00:12:00.000.",
    );
    const overlap =
      "WEBVTT\n\n00:00:05.000 --> 00:00:06.000\nFirst one.\n\n00:00:04.500 --> 00:00:07.000\nSecond one.\n";
    const segments = parseWebVtt(overlap, ctx).segments;
    expect(segments.map((s) => [s.startMs, s.endMs, s.text])).toEqual([[5000, 7000, "First one. Second one."]]);
  });

  it("rejects a file without cues", () => {
    const error = thrown(() => parseWebVtt("WEBVTT\n\nNOTE nothing here yet\n", ctx));
    expect(error.message).toBe(
      'episode.vtt: no captions found: a WebVTT file needs cues made of a timing line like "00:00:01.000 --> 00:00:04.000" followed by the text.',
    );
  });
});

describe("looksLikeWebVtt", () => {
  it("recognises the WEBVTT signature, with a BOM or a title after it", () => {
    expect(looksLikeWebVtt("WEBVTT\n\n00:00.000 --> 00:02.560\n I remember\n")).toBe(true);
    expect(looksLikeWebVtt("\uFEFFWEBVTT - Podcasting Q&A\r\n")).toBe(true);
    expect(looksLikeWebVtt("WEBVTT")).toBe(true);
  });

  it("rejects SRT and look-alikes", () => {
    expect(looksLikeWebVtt("1\n00:00:00,179 --> 00:00:02,399\nHello\n")).toBe(false);
    expect(looksLikeWebVtt("WEBVTTX\n")).toBe(false);
    expect(looksLikeWebVtt("This is about WEBVTT files.")).toBe(false);
  });
});
