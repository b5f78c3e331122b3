import { describe, expect, it } from "vitest";
import { errorOf } from "../../test/helpers/import-error.js";
import { looksLikePickpodJson, parsePickpodJson } from "./pickpod-json.js";

const ctx = { fileName: "ep.pickpod.json" };

/** Three sentences in pickpod's shape (seconds, numeric speaker ids), trimmed from the real file. */
const PICKPOD = `{
  "audio": { "uuid": "93aa", "title": "EP 35. ICML现场对话AI研究员", "duration": 4158.251, "language": "zh" },
  "sentence": [
    { "uuid": "1", "content": "欢迎来到onboard,真实的一线经验。我是Monica。", "start": 0, "end": 9, "speaker": 2, "status": 1 },
    { "uuid": "2", "content": "我是高宁。我们一起聊聊软件如何改变世界。", "start": 9, "end": 12, "speaker": 0, "status": 1 },
    { "uuid": "3", "content": "大家好,好久不见,我是Monica。", "start": 16, "end": 19, "speaker": 2, "status": 1 }
  ],
  "summary": [{ "content": "介绍节目和嘉宾", "start": 0 }]
}`;

describe("parsePickpodJson", () => {
  it("reads seconds, names numeric speakers by first appearance, and takes title and language", () => {
    const t = parsePickpodJson(PICKPOD, ctx);
    expect(t).toEqual({
      format: "pickpod-json",
      title: "EP 35. ICML现场对话AI研究员",
      language: "zh",
      segments: [
        {
          startMs: 0,
          endMs: 9000,
          speaker: "Speaker 1",
          text: "欢迎来到onboard,真实的一线经验。我是Monica。",
          sourceLine: 4,
        },
        {
          startMs: 9000,
          endMs: 12000,
          speaker: "Speaker 2",
          text: "我是高宁。我们一起聊聊软件如何改变世界。",
          sourceLine: 5,
        },
        { startMs: 16000, endMs: 19000, speaker: "Speaker 1", text: "大家好,好久不见,我是Monica。", sourceLine: 6 },
      ],
      chapters: [],
      speakersAnonymous: true,
    });
  });

  it("recognises millisecond times by the audio's duration, or by their size without one", () => {
    const withDuration = JSON.stringify({
      audio: { duration: 30 },
      sentence: [{ content: "第一句话。", start: 1500, end: 4000, speaker: 0 }],
    });
    expect(parsePickpodJson(withDuration, ctx).segments[0]).toMatchObject({ startMs: 1500, endMs: 4000 });
    const withoutDuration = JSON.stringify({
      sentence: [
        { content: "开头。", start: 0, end: 2000, speaker: 0 },
        { content: "三个小时以后。", start: 10_800_000, end: 10_803_000, speaker: 1 },
      ],
    });
    expect(parsePickpodJson(withoutDuration, ctx).segments.map((s) => s.startMs)).toEqual([0, 10_800_000]);
  });

  it("keeps speaker names and leaves the language to the text when audio says nothing", () => {
    const json = JSON.stringify({
      sentence: [
        { content: "今天我们来聊一聊大语言模型的对齐问题，以及强化学习。", start: 0, end: 5, speaker: "Monica" },
        { content: "好的，我先说说RLHF是怎么回事。", start: 5, end: 9, speaker: null },
      ],
    });
    const t = parsePickpodJson(json, ctx);
    expect(t.segments.map((s) => s.speaker)).toEqual(["Monica", null]);
    expect(t.speakersAnonymous).toBeUndefined();
    expect(t.language).toBe("zh");
    expect(t.title).toBeUndefined();
  });

  it("reports a missing field and times that run backwards at the sentence's line", () => {
    const missing = '{"sentence": [\n  {"start": 0, "end": 1, "speaker": 0}\n]}';
    expect(errorOf(() => parsePickpodJson(missing, ctx)).message).toBe(
      "ep.pickpod.json:2: sentence[0].content is missing; expected the sentence as text",
    );
    const backwards =
      '{"sentence": [\n  {"content": "a", "start": 60, "end": 62, "speaker": 0},\n  {"content": "b", "start": 30, "end": 31, "speaker": 0}\n]}';
    const e = errorOf(() => parsePickpodJson(backwards, ctx));
    expect(e.line).toBe(3);
    expect(e.reason).toBe(
      "timestamps run backwards at sentence[1]: it starts at 00:00:30, before sentence[0] (00:01:00); the file may join two recordings",
    );
    expect(errorOf(() => parsePickpodJson('{"audio": {}, "sentence": []}', ctx)).reason).toBe(
      'the "sentence" list is empty, so this transcript has no text to study',
    );
  });
});

describe("looksLikePickpodJson", () => {
  it("accepts pickpod output and rejects other transcript JSON", () => {
    expect(looksLikePickpodJson(JSON.parse(PICKPOD))).toBe(true);
    expect(looksLikePickpodJson({ segments: [{ start: 0, end: 1, text: "hi" }] })).toBe(false);
    expect(looksLikePickpodJson({ sentence: "not a list" })).toBe(false);
    expect(looksLikePickpodJson([])).toBe(false);
  });
});
