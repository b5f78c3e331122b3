import type { AudioChunk } from "./chunk-plan.js";
import type { RecognisedSegment } from "./recogniser.js";

/** A recognised segment placed on the whole file's timeline: what asr_chunk stores, and what becomes the transcript. */
export interface TimedSegment {
  startMs: number;
  endMs: number;
  text: string;
  speaker?: string;
}

/**
 * Moves a chunk's segments onto the whole file's timeline. Recognisers sometimes give times past
 * the chunk's end (Whisper rounds up to its 30-second window) or out of order: times are clamped
 * into the chunk and made non-decreasing, so chunks never overlap one another once stitched.
 */
export function placeChunkSegments(chunk: AudioChunk, segments: RecognisedSegment[]): TimedSegment[] {
  const placed: TimedSegment[] = [];
  let floor = chunk.startMs;
  for (const s of segments) {
    const text = s.text.replace(/\s+/g, " ").trim();
    if (!text) continue;
    const rawStart = Number.isFinite(s.startMs) ? s.startMs : 0;
    const rawEnd = Number.isFinite(s.endMs) ? s.endMs : rawStart;
    const startMs = clamp(Math.round(chunk.startMs + rawStart), floor, chunk.endMs);
    const endMs = clamp(Math.round(chunk.startMs + rawEnd), startMs, chunk.endMs);
    placed.push({ startMs, endMs, text, ...(s.speaker ? { speaker: s.speaker } : {}) });
    floor = startMs;
  }
  return placed;
}

/** Joins the chunks' placed segments, in chunk order, into one timeline: starts never go back, lines never overlap. */
export function stitchChunks(results: { chunk: AudioChunk; segments: TimedSegment[] }[]): TimedSegment[] {
  const ordered = [...results].sort((a, b) => a.chunk.idx - b.chunk.idx);
  const out: TimedSegment[] = [];
  for (const r of ordered) {
    for (const s of r.segments) {
      const prev = out.at(-1);
      // Stored results come back from JSON: keep the order guarantee even for a hand-edited row.
      const startMs = prev ? Math.max(s.startMs, prev.startMs) : s.startMs;
      // Two lines never claim the same moment: a line that runs into the next ends where it starts.
      if (prev && prev.endMs > startMs) prev.endMs = startMs;
      out.push({ ...s, startMs, endMs: Math.max(startMs, s.endMs) });
    }
  }
  return out;
}

function clamp(value: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, value));
}
