import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { noRecogniserMessage, readAsrConfig, recogniserId, saveAsrSettings } from "./config.js";
import { parseVerboseJson } from "./openai-recogniser.js";
import { findSherpaModel, sentencesOf } from "./sherpa-recogniser.js";

const dir = mkdtempSync(join(tmpdir(), "deeplisten-asr-config-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("speech recogniser configuration", () => {
  it("is absent until something names a recogniser; a model folder alone means sherpa-onnx", () => {
    expect(readAsrConfig({})).toBeNull();
    const config = readAsrConfig({ DEEPLISTEN_ASR_MODEL_DIR: "/models/sense-voice" });
    expect(config).toMatchObject({ provider: { id: "sherpa-onnx" }, modelDir: "/models/sense-voice", parallel: 1 });
  });

  it("fills a provider's defaults and lets each variable override the settings file", () => {
    const file = join(dir, "asr.json");
    saveAsrSettings(file, { provider: "groq", apiKey: "gsk-secret-key-123456", parallel: 4 });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, "utf8")).provider).toBe("groq");
    const config = readAsrConfig({ DEEPLISTEN_ASR_MODEL: "whisper-large-v3" }, file);
    expect(config).toMatchObject({
      provider: { id: "groq" },
      baseUrl: "https://api.groq.com/openai/v1",
      model: "whisper-large-v3",
      apiKey: "gsk-secret-key-123456",
      parallel: 4,
      chunkSeconds: 120,
    });
    expect(recogniserId(config as NonNullable<typeof config>)).toBe(
      "groq:whisper-large-v3@https://api.groq.com/openai/v1",
    );
  });

  it("names the variable to fix", () => {
    expect(() => readAsrConfig({ DEEPLISTEN_ASR_PROVIDER: "siri" })).toThrow(
      'DEEPLISTEN_ASR_PROVIDER: unknown speech recogniser "siri"; choose one of whisper-cpp, faster-whisper, openai, groq, openai-compatible, sherpa-onnx',
    );
    expect(() => readAsrConfig({ DEEPLISTEN_ASR_PROVIDER: "openai" })).toThrow(
      "OpenAI needs an API key: set DEEPLISTEN_ASR_API_KEY",
    );
    expect(() => readAsrConfig({ DEEPLISTEN_ASR_PROVIDER: "openai-compatible" })).toThrow(
      /needs its address: set DEEPLISTEN_ASR_BASE_URL/,
    );
    expect(() => readAsrConfig({ DEEPLISTEN_ASR_PROVIDER: "whisper-cpp", DEEPLISTEN_ASR_PARALLEL: "0" })).toThrow(
      "environment variable DEEPLISTEN_ASR_PARALLEL must be at least 1",
    );
  });

  it("says where models come from when nothing is configured", () => {
    const message = noRecogniserMessage("/home/me/deeplisten/asr.json");
    expect(message).toContain("/home/me/deeplisten/asr.json");
    expect(message).toContain("https://github.com/k2-fsa/sherpa-onnx/releases/tag/asr-models");
    expect(message).toContain("huggingface.co/ggerganov/whisper.cpp");
  });
});

describe("recogniser answers", () => {
  it("reads verbose_json segments, speaker labels, and a text-only answer", () => {
    const chunk = { idx: 0, file: "x.wav", durationMs: 30_000 };
    expect(
      parseVerboseJson(
        {
          segments: [
            { start: 0.5, end: 2.25, text: " Hello.", speaker: "A" },
            { start: 2.25, end: 4, text: "Hi." },
          ],
        },
        chunk,
        "u",
      ),
    ).toEqual([
      { startMs: 500, endMs: 2250, text: " Hello.", speaker: "A" },
      { startMs: 2250, endMs: 4000, text: "Hi." },
    ]);
    expect(parseVerboseJson({ text: "just text" }, chunk, "u")).toEqual([
      { startMs: 0, endMs: 30_000, text: "just text" },
    ]);
    expect(() => parseVerboseJson({ nothing: 1 }, chunk, "http://s/v1/audio/transcriptions")).toThrow(
      "the transcription server at http://s/v1/audio/transcriptions answered without text or segments",
    );
  });

  it("splits a sherpa-onnx result into sentences timed by its tokens", () => {
    expect(
      sentencesOf(
        {
          text: "你好。我们开始吧。",
          tokens: ["你", "好", "。", "我", "们", "开", "始", "吧", "。"],
          timestamps: [0.1, 0.3, 0.5, 1.2, 1.4, 1.6, 1.8, 2, 2.2],
        },
        3000,
      ),
    ).toEqual([
      { startMs: 100, endMs: 1200, text: "你好。" },
      { startMs: 1200, endMs: 3000, text: "我们开始吧。" },
    ]);
  });

  it("recognises the model folders of sherpa-onnx's releases", () => {
    const whisper = join(dir, "sherpa-onnx-whisper-tiny.en");
    mkdirSync(whisper);
    for (const f of [
      "tiny.en-encoder.onnx",
      "tiny.en-encoder.int8.onnx",
      "tiny.en-decoder.int8.onnx",
      "tiny.en-tokens.txt",
    ]) {
      writeFileSync(join(whisper, f), "");
    }
    expect(findSherpaModel(whisper, "")).toEqual({
      family: "whisper",
      tokens: join(whisper, "tiny.en-tokens.txt"),
      encoder: join(whisper, "tiny.en-encoder.int8.onnx"),
      decoder: join(whisper, "tiny.en-decoder.int8.onnx"),
    });
    const paraformer = join(dir, "sherpa-onnx-paraformer-zh-2023-09-14");
    mkdirSync(paraformer);
    for (const f of ["model.onnx", "tokens.txt"]) writeFileSync(join(paraformer, f), "");
    expect(findSherpaModel(paraformer, "")).toMatchObject({
      family: "paraformer",
      model: join(paraformer, "model.onnx"),
    });
    const unnamed = join(dir, "my-model");
    mkdirSync(unnamed);
    for (const f of ["model.onnx", "tokens.txt"]) writeFileSync(join(unnamed, f), "");
    expect(() => findSherpaModel(unnamed, "")).toThrow(
      "set DEEPLISTEN_ASR_MODEL to whisper, sense-voice or paraformer",
    );
    expect(findSherpaModel(unnamed, "sense-voice").family).toBe("sense-voice");
  });
});
