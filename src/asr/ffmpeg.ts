import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { ImportError } from "../core/index.js";

/** The sample rate every recogniser gets: what Whisper, SenseVoice and Paraformer were trained on. */
export const ASR_SAMPLE_RATE = 16_000;

/** What `apt install ffmpeg` would fix, said once for every place that runs ffmpeg or ffprobe. */
export function ffmpegMissingMessage(tool: "ffmpeg" | "ffprobe"): string {
  return `${tool} is not installed or not on PATH, and audio is decoded with it: install ffmpeg (Debian/Ubuntu: sudo apt install ffmpeg; macOS: brew install ffmpeg; others: ffmpeg.org) and import again`;
}

interface RunResult {
  code: number;
  stdout: string;
  stderrTail: string;
}

/**
 * Runs ffmpeg or ffprobe. stderr is handed line by line to `onStderrLine` and only its last lines are
 * kept, so a 4-hour decode that logs a line per silence never piles up in memory.
 */
export function runTool(
  tool: "ffmpeg" | "ffprobe",
  args: string[],
  file: string,
  onStderrLine: (line: string) => void = () => {},
  signal?: AbortSignal,
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { stdio: ["ignore", "pipe", "pipe"], signal });
    let stdout = "";
    const tail: string[] = [];
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (d: string) => {
      // Only ffprobe's small JSON goes to stdout; ffmpeg writes files.
      if (stdout.length < 1_000_000) stdout += d;
    });
    const lines = createInterface({ input: child.stderr });
    lines.on("line", (line) => {
      onStderrLine(line);
      tail.push(line);
      if (tail.length > 8) tail.shift();
    });
    child.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") reject(new ImportError(ffmpegMissingMessage(tool), { file }));
      else reject(error);
    });
    child.on("close", (code) => {
      lines.close();
      resolve({ code: code ?? 1, stdout, stderrTail: tail.join("\n") });
    });
  });
}

/** What ffprobe says about an audio file. */
export interface AudioInfo {
  durationMs: number;
  codec: string | null;
}

/** Reads the duration of a file or URL; a clear error when it is not audio ffmpeg can read. */
export async function probeAudio(input: string, label = input): Promise<AudioInfo> {
  const result = await runTool(
    "ffprobe",
    ["-v", "error", "-print_format", "json", "-show_format", "-show_streams", "-select_streams", "a", input],
    label,
  );
  const info = result.code === 0 ? safeJson(result.stdout) : null;
  const stream = info?.streams?.[0];
  if (!info || !stream) {
    throw new ImportError(`this is not audio ffmpeg can read (${lastLine(result.stderrTail) || "no audio stream"})`, {
      file: label,
    });
  }
  const seconds = Number(info.format?.duration ?? stream.duration);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new ImportError("the audio has no length ffmpeg can tell (is the file complete?)", { file: label });
  }
  return { durationMs: Math.round(seconds * 1000), codec: stream.codec_name ?? null };
}

/** A stretch of silence on the file's timeline. */
export interface Silence {
  startMs: number;
  endMs: number;
}

/** Options of `detectSilences`; the defaults suit speech recorded for a podcast. */
export interface SilenceOptions {
  /** Below this level counts as silence. */
  noiseDb?: number;
  /** Shorter pauses are breaths inside a sentence, not places to cut. */
  minSilenceMs?: number;
  /** Stop reading after this position (alignment transcribes only the first minutes). */
  limitMs?: number;
  /** Called with the position reached, for a progress bar. */
  onProgress?: (positionMs: number) => void;
  signal?: AbortSignal;
}

/**
 * Finds the silences of a file in one streaming decode (ffmpeg's silencedetect filter): memory
 * stays flat whatever the length, because only the silence lines are kept.
 */
export async function detectSilences(input: string, label: string, options: SilenceOptions = {}): Promise<Silence[]> {
  const noise = options.noiseDb ?? -35;
  const minSeconds = (options.minSilenceMs ?? 300) / 1000;
  const silences: Silence[] = [];
  let openStart: number | null = null;
  const args = ["-hide_banner", "-nostdin", "-vn", "-sn", "-dn", "-i", input];
  if (options.limitMs !== undefined) args.push("-t", (options.limitMs / 1000).toFixed(3));
  args.push(
    "-af",
    // Mono at 16 kHz first: the filter then looks at a sixth of the samples of a 48 kHz stereo file.
    `aformat=channel_layouts=mono,aresample=${ASR_SAMPLE_RATE},silencedetect=noise=${noise}dB:d=${minSeconds}`,
    "-f",
    "null",
    "-",
  );
  const result = await runTool(
    "ffmpeg",
    args,
    label,
    (line) => {
      const start = /silence_start: (-?[\d.]+)/.exec(line);
      if (start) {
        openStart = Math.max(0, Number(start[1]) * 1000);
        return;
      }
      const end = /silence_end: ([\d.]+)/.exec(line);
      if (end && openStart !== null) {
        silences.push({ startMs: Math.round(openStart), endMs: Math.round(Number(end[1]) * 1000) });
        openStart = null;
        return;
      }
      const time = options.onProgress && /time=(\d+):(\d+):([\d.]+)/.exec(line);
      if (time) options.onProgress?.((Number(time[1]) * 3600 + Number(time[2]) * 60 + Number(time[3])) * 1000);
    },
    options.signal,
  );
  if (result.code !== 0) {
    throw new ImportError(`ffmpeg could not decode the audio (${lastLine(result.stderrTail)})`, { file: label });
  }
  // A silence still open at the end runs to the end of the file: the caller closes it with the duration.
  if (openStart !== null) silences.push({ startMs: Math.round(openStart), endMs: Number.POSITIVE_INFINITY });
  return silences;
}

/** The two forms a chunk is written in: WAV for HTTP servers, raw 32-bit floats for sherpa-onnx. */
export type ChunkEncoding = "wav" | "f32le";

/**
 * Decodes one stretch of the input to a 16 kHz mono file. `-ss` before `-i` seeks in the input, so
 * each chunk decodes only its own minutes, and ffmpeg's accurate seek keeps the cut sample-exact.
 */
export async function extractChunk(
  input: string,
  label: string,
  startMs: number,
  endMs: number,
  output: string,
  encoding: ChunkEncoding,
  signal?: AbortSignal,
): Promise<void> {
  const format = encoding === "wav" ? ["-c:a", "pcm_s16le", "-f", "wav"] : ["-c:a", "pcm_f32le", "-f", "f32le"];
  const result = await runTool(
    "ffmpeg",
    [
      "-hide_banner",
      "-nostdin",
      "-loglevel",
      "error",
      "-y",
      "-ss",
      (startMs / 1000).toFixed(3),
      "-t",
      ((endMs - startMs) / 1000).toFixed(3),
      "-i",
      input,
      "-vn",
      "-ac",
      "1",
      "-ar",
      String(ASR_SAMPLE_RATE),
      ...format,
      output,
    ],
    label,
    () => {},
    signal,
  );
  if (result.code !== 0) {
    throw new ImportError(
      `ffmpeg could not decode the audio from ${Math.round(startMs / 1000)} s (${lastLine(result.stderrTail)})`,
      { file: label },
    );
  }
}

interface ProbeJson {
  streams?: { codec_name?: string; duration?: string }[];
  format?: { duration?: string };
}

function safeJson(text: string): ProbeJson | null {
  try {
    return JSON.parse(text) as ProbeJson;
  } catch {
    return null;
  }
}

function lastLine(text: string): string {
  return (
    text
      .trim()
      .split("\n")
      .filter((l) => l.trim())
      .at(-1)
      ?.trim() ?? ""
  );
}
