import { describe, expect, it } from "vitest";
import { errorOf } from "../../test/helpers/import-error.js";
import { looksLikeWhisperJson, parseWhisperJson } from "./whisper-json.js";

const ctx = { fileName: "whisper.json" };

const VERBOSE_JSON = {
  task: "transcribe",
  language: "english",
  duration: 9.5,
  text: " Mixture of experts routes each token to a few experts. That keeps inference cheap.",
  segments: [
    {
      id: 0,
      seek: 0,
      start: 0.0,
      end: 4.2,
      text: " Mixture of experts routes each token to a few experts.",
      tokens: [50364, 376],
      temperature: 0.0,
      avg_logprob: -0.2,
      compression_ratio: 1.2,
      no_speech_prob: 0.01,
    },
    { id: 1, seek: 0, start: 4.2, end: 9.5, text: " That keeps inference cheap and the model large." },
  ],
};

const WHISPER_CPP = `{
  "systeminfo": "AVX = 1",
  "model": { "type": "base" },
  "params": { "model": "models/ggml-base.bin", "language": "auto", "translate": false },
  "result": { "language": "zh" },
  "transcription": [
    {
      "timestamps": { "from": "00:00:00,000", "to": "00:00:03,200" },
      "offsets": { "from": 0, "to": 3200 },
      "text": " 欢迎收听本期节目，今天我们聊大模型。"
    },
    {
      "timestamps": { "from": "00:00:03,200", "to": "00:00:07,000" },
      "offsets": { "from": 3200, "to": 7000 },
      "text": " 首先说说混合专家模型的路由。"
    }
  ]
}`;

const WHISPERX = {
  language: "en",
  segments: [
    {
      start: 0.5,
      end: 3.1,
      text: " So what is reinforcement learning with verifiable rewards?",
      speaker: "SPEAKER_01",
      words: [{ word: "So", start: 0.5, end: 0.6, score: 0.9, speaker: "SPEAKER_01" }],
    },
    {
      start: 3.4,
      end: 8.0,
      text: " You check the answer with a program instead of a reward model.",
      speaker: "SPEAKER_00",
    },
    {
      start: 8.2,
      end: 10.0,
      text: " And that works for math and code, mostly.",
      words: [
        { word: "And", start: 8.2, end: 8.3, speaker: "SPEAKER_01" },
        { word: "that", start: 8.3, end: 8.5, speaker: "SPEAKER_01" },
        { word: "works", start: 8.5, end: 8.8, speaker: "SPEAKER_00" },
      ],
    },
  ],
};

describe("parseWhisperJson", () => {
  it("reads OpenAI verbose_json segments in milliseconds and its language name", () => {
    const t = parseWhisperJson(JSON.stringify(VERBOSE_JSON, null, 2), ctx);
    expect(t.format).toBe("whisper-json");
    expect(t.language).toBe("en");
    expect(t.speakersAnonymous).toBeUndefined();
    expect(t.segments).toEqual([
      {
        startMs: 0,
        endMs: 4200,
        speaker: null,
        text: "Mixture of experts routes each token to a few experts.",
        sourceLine: 7,
      },
      {
        startMs: 4200,
        endMs: 9500,
        speaker: null,
        text: "That keeps inference cheap and the model large.",
        sourceLine: 22,
      },
    ]);
  });

  it("reads whisper.cpp JSON by its millisecond offsets, with the detected language", () => {
    const t = parseWhisperJson(WHISPER_CPP, ctx);
    expect(t.language).toBe("zh");
    expect(t.segments).toEqual([
      { startMs: 0, endMs: 3200, speaker: null, text: "欢迎收听本期节目，今天我们聊大模型。", sourceLine: 7 },
      { startMs: 3200, endMs: 7000, speaker: null, text: "首先说说混合专家模型的路由。", sourceLine: 12 },
    ]);
  });

  it("reads whisper.cpp timestamps when there are no offsets", () => {
    const json = JSON.stringify({
      transcription: [{ timestamps: { from: "00:01:02,500", to: "00:01:05,000" }, text: " 你好，世界。" }],
    });
    expect(parseWhisperJson(json, ctx).segments.map((s) => [s.startMs, s.endMs, s.text])).toEqual([
      [62500, 65000, "你好，世界。"],
    ]);
  });

  it("names WhisperX speakers Speaker 1, Speaker 2 in order of appearance", () => {
    const t = parseWhisperJson(JSON.stringify(WHISPERX), ctx);
    expect(t.speakersAnonymous).toBe(true);
    // The third segment has no speaker of its own: most of its words are SPEAKER_01's.
    expect(t.segments.map((s) => [s.speaker, s.startMs])).toEqual([
      ["Speaker 1", 500],
      ["Speaker 2", 3400],
      ["Speaker 1", 8200],
    ]);
  });

  it("keeps speaker names a person gave", () => {
    const json = JSON.stringify({
      segments: [{ start: 0, end: 2, text: "Hello there, this is the whole introduction.", speaker: "Lex Fridman" }],
    });
    const t = parseWhisperJson(json, ctx);
    expect(t.segments[0]?.speaker).toBe("Lex Fridman");
    expect(t.speakersAnonymous).toBeUndefined();
  });

  it("merges word timestamps into sentences", () => {
    const words = "Scaling laws still hold. But data is the bottleneck now.".split(" ");
    const json = JSON.stringify({
      language: "en",
      text: words.join(" "),
      words: words.map((word, i) => ({ word, start: i * 0.4, end: i * 0.4 + 0.3 })),
    });
    expect(parseWhisperJson(json, ctx).segments.map((s) => [s.startMs, s.endMs, s.text])).toEqual([
      [0, 3900, "Scaling laws still hold. But data is the bottleneck now."],
    ]);
  });

  it("maps language names and leaves other languages undetermined", () => {
    const with_ = (language: string) => parseWhisperJson(JSON.stringify({ ...VERBOSE_JSON, language }), ctx).language;
    expect(with_("chinese")).toBe("zh");
    expect(with_("zh")).toBe("zh");
    expect(with_("en")).toBe("en");
    expect(with_("french")).toBe("und");
  });

  describe("errors", () => {
    it("explains a file with text but no timestamps", () => {
      expect(errorOf(() => parseWhisperJson('{"text": "hello"}', ctx)).reason).toBe(
        'this Whisper JSON has only "text" and no timestamps; export it again as verbose_json (with segments), or import the text as plain text',
      );
    });

    it("names a missing field at its segment's line", () => {
      const e = errorOf(() =>
        parseWhisperJson(
          '{"segments": [\n  {"start": 0, "end": 1, "text": "a"},\n  {"start": 1, "text": "b"}\n]}',
          ctx,
        ),
      );
      expect(e.message).toBe("whisper.json:3: segments[1].end is missing; expected a number of seconds");
    });

    it("rejects unreadable whisper.cpp timestamps and inverted times", () => {
      const cpp = '{"transcription": [{"timestamps": {"from": "soon", "to": "00:00:01,000"}, "text": "hi"}]}';
      expect(errorOf(() => parseWhisperJson(cpp, ctx)).reason).toBe(
        "transcription[0].timestamps.from is not a time; expected one such as 00:01:02,500",
      );
      const inverted = '{"segments": [{"start": 3, "end": 2, "text": "hi"}]}';
      expect(errorOf(() => parseWhisperJson(inverted, ctx)).reason).toBe(
        "segments[0] ends (00:00:02) before it starts (00:00:03); check its end time",
      );
    });

    it("reports invalid JSON with line and column", () => {
      const e = errorOf(() => parseWhisperJson('{"segments": [\n  {"start": 0 "end": 1}\n]}', ctx));
      expect(e.message).toBe(
        "whisper.json:2: not valid JSON at line 2, column 15: expected ',' or '}', found '\"'. Fix the file there, or export it again from the tool that made it",
      );
    });
  });
});

describe("looksLikeWhisperJson", () => {
  it("accepts OpenAI, WhisperX, whisper.cpp and word-only output", () => {
    expect(looksLikeWhisperJson(VERBOSE_JSON)).toBe(true);
    expect(looksLikeWhisperJson(WHISPERX)).toBe(true);
    expect(looksLikeWhisperJson(JSON.parse(WHISPER_CPP))).toBe(true);
    expect(looksLikeWhisperJson({ text: "a b", words: [{ word: "a", start: 0, end: 1 }] })).toBe(true);
  });

  it("rejects Podcasting 2.0, pickpod and chapters", () => {
    expect(looksLikeWhisperJson({ segments: [{ startTime: 0, body: "hi" }] })).toBe(false);
    expect(looksLikeWhisperJson({ segments: [{ start: 0, body: "hi", text: "hi" }] })).toBe(false);
    expect(looksLikeWhisperJson({ sentence: [{ content: "hi", start: 0, end: 1 }] })).toBe(false);
    expect(looksLikeWhisperJson({ chapters: [{ startTime: 0, title: "Intro" }] })).toBe(false);
    expect(looksLikeWhisperJson("text")).toBe(false);
  });
});
