import type { Silence } from "./ffmpeg.js";

/** One stretch of the file transcribed on its own, on the whole file's timeline. */
export interface AudioChunk {
  idx: number;
  startMs: number;
  endMs: number;
}

/** How long chunks should be. */
export interface ChunkPlanOptions {
  /** The length a chunk aims for. */
  targetMs: number;
  /** No chunk is longer (Whisper in sherpa-onnx reads at most 30 s; servers limit upload sizes). */
  maxMs?: number;
}

/**
 * Cuts a file into chunks at silences, so no word is cut in half: each cut goes in the middle of
 * the longest silence between half the target and the maximum length (longer pauses are sentence
 * and turn ends). Where there is no silence at all (music, crosstalk) the cut falls at the maximum.
 * Pure, so the same file always gets the same chunks, which is what lets a transcription resume.
 */
export function planChunks(durationMs: number, silences: Silence[], options: ChunkPlanOptions): AudioChunk[] {
  const target = options.targetMs;
  const max = Math.max(target, options.maxMs ?? Math.round(target * 1.5));
  const sorted = silences
    .map((s) => ({ startMs: Math.max(0, s.startMs), endMs: Math.min(durationMs, s.endMs) }))
    .filter((s) => s.endMs > s.startMs)
    .sort((a, b) => a.startMs - b.startMs);
  const chunks: AudioChunk[] = [];
  let start = 0;
  let from = 0; // silences before this index lie wholly behind `start`
  while (durationMs - start > max) {
    const lo = start + target / 2;
    const hi = start + max;
    let best: { cut: number; length: number } | null = null;
    for (let i = from; i < sorted.length; i++) {
      const s = sorted[i] as Silence;
      if (s.startMs >= hi) break;
      // Only the part of the silence inside the window counts: a cut must land within it.
      const a = Math.max(s.startMs, lo);
      const b = Math.min(s.endMs, hi);
      if (b <= a) continue;
      const length = b - a;
      // Ties go to the cut nearer the target, so chunks stay even.
      const cut = Math.round((a + b) / 2);
      if (
        !best ||
        length > best.length + 50 ||
        (Math.abs(length - best.length) <= 50 && Math.abs(cut - start - target) < Math.abs(best.cut - start - target))
      ) {
        best = { cut, length };
      }
    }
    const cut = best ? best.cut : hi;
    chunks.push({ idx: chunks.length, startMs: start, endMs: cut });
    start = cut;
    while (from < sorted.length && (sorted[from] as Silence).endMs <= start) from++;
  }
  if (durationMs > start || chunks.length === 0) chunks.push({ idx: chunks.length, startMs: start, endMs: durationMs });
  return chunks;
}
