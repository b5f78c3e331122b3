import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { basename, join } from "node:path";
import { ImportError } from "../core/index.js";
import { ASR_ENV, type AsrConfig, recogniserId } from "./config.js";
import { ASR_SAMPLE_RATE } from "./ffmpeg.js";
import { SHERPA_MODELS } from "./providers.js";
import type { RecognisedSegment, Recogniser } from "./recogniser.js";

/** The model families deeplisten can run through sherpa-onnx. */
export type SherpaFamily = "whisper" | "sense-voice" | "paraformer";

/** The files of a model folder sherpa-onnx needs, by family. */
export interface SherpaModelFiles {
  family: SherpaFamily;
  tokens: string;
  /** Whisper: encoder and decoder; the others: one model file. */
  encoder?: string;
  decoder?: string;
  model?: string;
}

/**
 * Finds the model files in a folder as sherpa-onnx's releases lay them out, preferring int8
 * (4x smaller, about as accurate). The family comes from DEEPLISTEN_ASR_MODEL, else the files
 * (Whisper has an encoder and a decoder), else the folder's name.
 */
export function findSherpaModel(dir: string, familyHint: string): SherpaModelFiles {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new ImportError(
      `the model folder does not exist: set ${ASR_ENV.modelDir} to a folder unpacked from ${SHERPA_MODELS}`,
      { file: dir },
    );
  }
  const files = readdirSync(dir);
  const pick = (test: (f: string) => boolean): string | undefined => {
    const found = files.filter(test).sort((a, b) => Number(b.includes("int8")) - Number(a.includes("int8")));
    return found[0] ? join(dir, found[0]) : undefined;
  };
  const tokens = pick((f) => f.endsWith("tokens.txt"));
  const encoder = pick((f) => /encoder.*\.onnx$/.test(f));
  const decoder = pick((f) => /decoder.*\.onnx$/.test(f));
  const model = pick((f) => /^model.*\.onnx$/.test(f));
  const name = basename(dir).toLowerCase();
  const hint = familyHint.toLowerCase();
  const family: SherpaFamily | null =
    hint === "whisper" || hint === "sense-voice" || hint === "paraformer"
      ? hint
      : encoder && decoder
        ? "whisper"
        : /sense.?voice/.test(name)
          ? "sense-voice"
          : /paraformer/.test(name)
            ? "paraformer"
            : null;
  if (!tokens || (!model && !(encoder && decoder))) {
    throw new ImportError(
      `no sherpa-onnx model in this folder (expected tokens.txt with model.onnx, or a Whisper encoder and decoder): download one from ${SHERPA_MODELS}`,
      { file: dir },
    );
  }
  if (!family) {
    throw new ImportError(
      `cannot tell which model this folder holds: set ${ASR_ENV.model} to whisper, sense-voice or paraformer`,
      { file: dir },
    );
  }
  if (family === "whisper") {
    if (!encoder || !decoder) {
      throw new ImportError("a Whisper model folder needs an encoder and a decoder .onnx file", { file: dir });
    }
    return { family, tokens, encoder, decoder };
  }
  return { family, tokens, model: model ?? (encoder as string) };
}

interface SherpaResult {
  text?: string;
  tokens?: string[];
  timestamps?: number[];
}
interface SherpaStream {
  acceptWaveform(wave: { sampleRate: number; samples: Float32Array }): void;
}
interface SherpaRecognizer {
  createStream(): SherpaStream;
  decode(stream: SherpaStream): void;
  getResult(stream: SherpaStream): SherpaResult;
}
interface SherpaModule {
  OfflineRecognizer: new (config: unknown) => SherpaRecognizer;
}

/**
 * Loads sherpa-onnx-node, which is optional: most learners use a transcription server, and the
 * package brings native binaries. Imported by a computed name so nothing breaks when it is absent.
 */
async function loadSherpa(): Promise<SherpaModule> {
  const name = "sherpa-onnx-node";
  try {
    const loaded = (await import(name)) as SherpaModule & { default?: SherpaModule };
    return loaded.OfflineRecognizer ? loaded : (loaded.default as SherpaModule);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ImportError(
      code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND"
        ? "sherpa-onnx-node is not installed: run npm install sherpa-onnx-node in deeplisten's folder, or use a transcription server (DEEPLISTEN_ASR_PROVIDER=whisper-cpp)"
        : `sherpa-onnx-node could not be loaded (${(error as Error).message})`,
    );
  }
}

/**
 * A fully offline recogniser: sherpa-onnx in this process with the learner's model folder. Chunks
 * are at most 28 s because Whisper reads 30-second windows; SenseVoice and Paraformer are happy with that too.
 */
export async function sherpaRecogniser(config: AsrConfig): Promise<Recogniser> {
  const files = findSherpaModel(config.modelDir as string, config.model);
  const sherpa = await loadSherpa();
  const modelConfig: Record<string, unknown> = {
    tokens: files.tokens,
    numThreads: Math.max(1, availableParallelism()),
    provider: "cpu",
    debug: 0,
  };
  if (files.family === "whisper") {
    modelConfig.whisper = { encoder: files.encoder, decoder: files.decoder, language: "", task: "transcribe" };
  } else if (files.family === "sense-voice") {
    modelConfig.senseVoice = { model: files.model, language: "", useInverseTextNormalization: 1 };
  } else {
    modelConfig.paraformer = { model: files.model };
  }
  let recognizer: SherpaRecognizer;
  try {
    recognizer = new sherpa.OfflineRecognizer({
      featConfig: { sampleRate: ASR_SAMPLE_RATE, featureDim: 80 },
      modelConfig,
    });
  } catch (error) {
    throw new ImportError(`sherpa-onnx could not load the model (${(error as Error).message})`, {
      file: config.modelDir,
    });
  }
  return {
    id: recogniserId(config),
    label: `sherpa-onnx ${files.family} (${basename(config.modelDir as string)})`,
    encoding: "f32le",
    maxChunkMs: 28_000,
    async transcribe(chunk) {
      const raw = readFileSync(chunk.file);
      const samples = new Float32Array(raw.buffer, raw.byteOffset, Math.floor(raw.byteLength / 4));
      const stream = recognizer.createStream();
      stream.acceptWaveform({ sampleRate: ASR_SAMPLE_RATE, samples });
      recognizer.decode(stream);
      return sentencesOf(recognizer.getResult(stream), chunk.durationMs);
    },
  };
}

/**
 * Splits sherpa-onnx's one result per chunk into sentences, timed by the token timestamps when the
 * model gives them (SenseVoice and Paraformer do), so a click on a sentence plays that sentence.
 */
export function sentencesOf(result: SherpaResult, durationMs: number): RecognisedSegment[] {
  const text = (result.text ?? "").trim();
  if (!text) return [];
  const tokens = result.tokens ?? [];
  const times = result.timestamps ?? [];
  if (tokens.length === 0 || tokens.length !== times.length) return [{ startMs: 0, endMs: durationMs, text }];
  const out: RecognisedSegment[] = [];
  let current = "";
  let start = (times[0] as number) * 1000;
  tokens.forEach((token, i) => {
    if (!current) start = (times[i] as number) * 1000;
    current += token;
    if (/[.?!。？！]$/.test(token.trim()) || i === tokens.length - 1) {
      const next = times[i + 1];
      out.push({
        startMs: Math.round(start),
        endMs: Math.round(next !== undefined ? next * 1000 : durationMs),
        text: current.replace(/▁/g, " ").trim(),
      });
      current = "";
    }
  });
  return out.filter((s) => s.text);
}
