import { ImportError } from "../core/index.js";
import type { ChunkEncoding } from "./ffmpeg.js";

/** One recognised stretch of speech. Times are relative to the chunk the recogniser was given. */
export interface RecognisedSegment {
  startMs: number;
  endMs: number;
  text: string;
  /** A speaker label, when the recogniser tells voices apart (diarizing servers). */
  speaker?: string;
}

/** One chunk handed to a recogniser: a decoded file and where it sits on the whole file's timeline. */
export interface ChunkInput {
  idx: number;
  file: string;
  durationMs: number;
  /** "en" or "zh" when the learner said so; recognisers detect the language otherwise. */
  language?: string;
  signal?: AbortSignal;
}

/**
 * Turns one chunk of audio into timed text. Implementations: an OpenAI-compatible HTTP endpoint,
 * and sherpa-onnx in this process. Errors are ImportErrors naming the recogniser and what to fix.
 */
export interface Recogniser {
  /** Stored with every chunk, so chunks from another recogniser or model are never reused. */
  id: string;
  /** Human name for messages. */
  label: string;
  /** The form the chunk files must have. */
  encoding: ChunkEncoding;
  /** The longest chunk this recogniser accepts. */
  maxChunkMs: number;
  transcribe(chunk: ChunkInput): Promise<RecognisedSegment[]>;
  /** Frees native memory (sherpa-onnx); a no-op for HTTP. */
  close?(): void;
}

/** What went wrong talking to a recogniser, for `deeplisten asr test` and the settings page. */
export type AsrProblem =
  | "unreachable"
  | "timeout"
  | "bad-key"
  | "unknown-model"
  | "no-endpoint"
  | "bad-answer"
  | "no-model-folder"
  | "other";

/** A recogniser failure the learner fixes in the configuration; `problem` says which kind. */
export class RecogniserError extends ImportError {
  readonly problem: AsrProblem;
  constructor(problem: AsrProblem, reason: string, where: { file?: string } = {}) {
    super(reason, where);
    this.name = "RecogniserError";
    this.problem = problem;
  }
}
