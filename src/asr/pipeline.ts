import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ImportError } from "../core/index.js";
import { type AudioChunk, planChunks } from "./chunk-plan.js";
import { detectSilences, extractChunk, probeAudio } from "./ffmpeg.js";
import { type Recogniser, RecogniserError } from "./recogniser.js";
import { placeChunkSegments, stitchChunks, type TimedSegment } from "./stitch.js";

/**
 * Where finished chunks are kept between runs (the library's asr_chunk table), so an interrupted
 * transcription resumes with the chunks it has. A chunk is reused only with the same bounds and recogniser.
 */
export interface ChunkCache {
  get(chunk: AudioChunk, recogniserId: string): TimedSegment[] | null;
  put(chunk: AudioChunk, recogniserId: string, segments: TimedSegment[]): void;
}

/** Where a transcription is, for a progress bar. */
export interface TranscribeProgress {
  phase: "listening for pauses" | "transcribing";
  /** 0..1 of the whole job. */
  fraction: number;
  chunksDone: number;
  chunksTotal: number;
  /** Chunks taken from an earlier, interrupted run. */
  chunksResumed: number;
  /** Estimated wall time left, once a chunk has been transcribed in this run. */
  timeLeftMs: number | null;
}

export interface TranscribeOptions {
  recogniser: Recogniser;
  cache: ChunkCache;
  /** The length a chunk aims for; capped by what the recogniser accepts. */
  chunkMs: number;
  /** Chunks transcribed at once. */
  parallel: number;
  /** Passed to the recogniser ("en", "zh"). */
  language?: string;
  /** Transcribe only the first minutes (alignment). */
  limitMs?: number;
  onProgress?: (progress: TranscribeProgress) => void;
  /** Where chunk files go (default: a new folder under the system's temp folder, removed at the end). */
  workDir?: string;
}

export interface TranscribeResult {
  durationMs: number;
  chunks: AudioChunk[];
  segments: TimedSegment[];
  chunksResumed: number;
  chunksTranscribed: number;
}

/** The share of the bar the pause search gets: it is one fast decode, transcription is the long part. */
const SILENCE_SHARE = 0.05;

/**
 * Transcribes a long audio file with bounded memory: ffmpeg finds the pauses in one streaming
 * decode, the file is cut into chunks at pauses, and each chunk is decoded on its own into a temp
 * file, transcribed, stored in the cache and deleted, `parallel` at a time. Only the chunks in
 * flight exist at any moment, so a 4.5-hour file costs what a few minutes cost.
 */
export async function transcribeAudio(input: string, label: string, o: TranscribeOptions): Promise<TranscribeResult> {
  const report = o.onProgress ?? (() => {});
  const info = await probeAudio(input, label);
  const durationMs = o.limitMs !== undefined ? Math.min(info.durationMs, o.limitMs) : info.durationMs;
  report({
    phase: "listening for pauses",
    fraction: 0,
    chunksDone: 0,
    chunksTotal: 0,
    chunksResumed: 0,
    timeLeftMs: null,
  });
  const silences = await detectSilences(input, label, {
    limitMs: o.limitMs,
    onProgress: (ms) =>
      report({
        phase: "listening for pauses",
        fraction: SILENCE_SHARE * Math.min(1, ms / durationMs),
        chunksDone: 0,
        chunksTotal: 0,
        chunksResumed: 0,
        timeLeftMs: null,
      }),
  });
  const maxMs = Math.min(o.recogniser.maxChunkMs, Math.round(o.chunkMs * 1.5));
  const chunks = planChunks(durationMs, silences, { targetMs: Math.min(o.chunkMs, maxMs), maxMs });

  const done = new Map<number, TimedSegment[]>();
  for (const chunk of chunks) {
    const cached = o.cache.get(chunk, o.recogniser.id);
    if (cached) done.set(chunk.idx, cached);
  }
  const resumed = done.size;
  const todo = chunks.filter((c) => !done.has(c.idx));
  const todoMs = todo.reduce((n, c) => n + c.endMs - c.startMs, 0);
  let doneMs = 0;
  const started = performance.now();
  const progress = () => {
    const share = todoMs > 0 ? doneMs / todoMs : 1;
    const elapsed = performance.now() - started;
    report({
      phase: "transcribing",
      fraction: SILENCE_SHARE + (1 - SILENCE_SHARE) * share,
      chunksDone: done.size,
      chunksTotal: chunks.length,
      chunksResumed: resumed,
      timeLeftMs: doneMs > 0 ? Math.round((elapsed / doneMs) * (todoMs - doneMs)) : null,
    });
  };
  progress();

  const workDir = o.workDir ?? mkdtempSync(join(tmpdir(), "deeplisten-asr-"));
  let failure: { error: unknown; chunk: AudioChunk } | null = null;
  let next = 0;
  const worker = async () => {
    while (failure === null && next < todo.length) {
      const chunk = todo[next++] as AudioChunk;
      const file = join(workDir, `chunk-${chunk.idx}.${o.recogniser.encoding}`);
      try {
        await extractChunk(input, label, chunk.startMs, chunk.endMs, file, o.recogniser.encoding);
        const recognised = await o.recogniser.transcribe({
          idx: chunk.idx,
          file,
          durationMs: chunk.endMs - chunk.startMs,
          language: o.language,
        });
        const placed = placeChunkSegments(chunk, recognised);
        // Stored at once: a kill after this line loses nothing of this chunk.
        o.cache.put(chunk, o.recogniser.id, placed);
        done.set(chunk.idx, placed);
        doneMs += chunk.endMs - chunk.startMs;
        progress();
      } catch (error) {
        // The chunks already in flight finish and are stored; no new one starts.
        failure ??= { error, chunk };
      } finally {
        rmSync(file, { force: true });
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(o.parallel, todo.length)) }, worker));
  } finally {
    if (!o.workDir) rmSync(workDir, { recursive: true, force: true });
  }
  // Workers set it from their closures, which TypeScript's narrowing does not see.
  const failed = failure as { error: unknown; chunk: AudioChunk } | null;
  if (failed) throw resumable(failed.error, failed.chunk, chunks.length, done.size, label);
  const segments = stitchChunks(chunks.map((chunk) => ({ chunk, segments: done.get(chunk.idx) ?? [] })));
  return { durationMs, chunks, segments, chunksResumed: resumed, chunksTranscribed: todo.length };
}

/** The failure as the learner should read it: where in the audio, and that nothing done is lost. */
function resumable(error: unknown, chunk: AudioChunk, total: number, kept: number, label: string): unknown {
  if (!(error instanceof ImportError)) return error;
  const at = new Date(chunk.startMs).toISOString().slice(11, 19);
  const reason = `${error.reason} (chunk ${chunk.idx + 1} of ${total}, at ${at}); the ${kept} chunks done are kept: import again to resume`;
  // The kind of recogniser failure survives, so the page can tell a bad key from a bad file.
  if (error instanceof RecogniserError)
    return new RecogniserError(error.problem, reason, { file: error.file ?? label });
  return new ImportError(reason, { file: error.file ?? label });
}
