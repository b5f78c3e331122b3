import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ImportError } from "../core/index.js";
import type { AsrConfig } from "./config.js";
import { createRecogniser } from "./create-recogniser.js";
import { extractChunk } from "./ffmpeg.js";
import type { HttpRecogniserOptions } from "./openai-recogniser.js";
import { type AsrProblem, RecogniserError } from "./recogniser.js";

/** What a test of the recogniser found. */
export type AsrTestResult =
  | { ok: true; ms: number; sample: "speech" | "silence"; heard: string }
  | { ok: false; ms: number; problem: AsrProblem; message: string };

/** The sentence the sample says when espeak-ng is installed. */
export const TEST_SENTENCE = "Testing one two three.";

/**
 * Sends one short sample to the configured recogniser: a spoken sentence when espeak-ng is
 * installed, else a second of silence (which a recogniser answers with no text, and that is fine:
 * the point is whether it answers at all). Never retries, so a broken server is reported at once.
 */
export async function testRecogniser(config: AsrConfig, http: HttpRecogniserOptions = {}): Promise<AsrTestResult> {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  const dir = mkdtempSync(join(tmpdir(), "deeplisten-asr-test-"));
  try {
    const sample = writeSample(dir);
    const recogniser = await createRecogniser(config, { timeoutMs: 60_000, retryDelaysMs: [], ...http });
    try {
      let file = sample.file;
      if (recogniser.encoding !== "wav") {
        file = join(dir, `sample.${recogniser.encoding}`);
        await extractChunk(sample.file, "the test sample", 0, sample.durationMs, file, recogniser.encoding);
      }
      const segments = await recogniser.transcribe({ idx: 0, file, durationMs: sample.durationMs, language: "en" });
      const heard = segments
        .map((s) => s.text.trim())
        .filter(Boolean)
        .join(" ");
      return { ok: true, ms: ms(), sample: sample.kind, heard };
    } finally {
      recogniser.close?.();
    }
  } catch (error) {
    if (error instanceof RecogniserError)
      return { ok: false, ms: ms(), problem: error.problem, message: error.message };
    if (error instanceof ImportError) {
      const problem = config.provider.kind === "sherpa-onnx" ? "no-model-folder" : "other";
      return { ok: false, ms: ms(), problem, message: error.message };
    }
    return { ok: false, ms: ms(), problem: "other", message: (error as Error).message };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A spoken sentence from espeak-ng, or a second of 16 kHz silence written by hand (no tool needed). */
function writeSample(dir: string): { file: string; durationMs: number; kind: "speech" | "silence" } {
  const spoken = join(dir, "sample.wav");
  const espeak = spawnSync("espeak-ng", ["-v", "en-us", "-w", spoken, TEST_SENTENCE], { stdio: "ignore" });
  if (!espeak.error && espeak.status === 0) {
    const durationMs = wavDurationMs(spoken);
    if (durationMs > 0) return { file: spoken, durationMs, kind: "speech" };
  }
  writeFileSync(spoken, silentWav(16_000, 1));
  return { file: spoken, durationMs: 1000, kind: "silence" };
}

/** A 16-bit mono PCM WAV of silence. */
export function silentWav(sampleRate: number, seconds: number): Buffer {
  const dataBytes = Math.round(sampleRate * seconds) * 2;
  const out = Buffer.alloc(44 + dataBytes);
  out.write("RIFF", 0, "ascii");
  out.writeUInt32LE(36 + dataBytes, 4);
  out.write("WAVE", 8, "ascii");
  out.write("fmt ", 12, "ascii");
  out.writeUInt32LE(16, 16);
  out.writeUInt16LE(1, 20); // PCM
  out.writeUInt16LE(1, 22); // mono
  out.writeUInt32LE(sampleRate, 24);
  out.writeUInt32LE(sampleRate * 2, 28);
  out.writeUInt16LE(2, 32);
  out.writeUInt16LE(16, 34);
  out.write("data", 36, "ascii");
  out.writeUInt32LE(dataBytes, 40);
  return out;
}

function wavDurationMs(file: string): number {
  const bytes = readFileSync(file);
  if (bytes.length < 44 || bytes.toString("ascii", 0, 4) !== "RIFF") return 0;
  const rate = bytes.readUInt32LE(24);
  const blockAlign = bytes.readUInt16LE(32);
  if (!rate || !blockAlign) return 0;
  // espeak-ng writes the data chunk last: everything after the 44-byte header is samples.
  return Math.round(((bytes.length - 44) / blockAlign / rate) * 1000);
}
