import { estimateTokens } from "../../llm/tokens.js";
import type { EnrichChapter, EnrichSegment } from "./types.js";

/** One part of the transcript for the map step, cut where a chapter starts when that is close. */
export interface TranscriptChunk {
  index: number;
  segments: EnrichSegment[];
  /** Chapters that start in this part, or the one it continues (continued: true). */
  chapters: { title: string; startMs: number; continued: boolean }[];
  /** Estimated tokens of the segments' text. */
  tokens: number;
}

/**
 * Transcript tokens per part: with the instructions, the numbering and the model's notes a call
 * stays under 7k tokens, so an 8k-context local model reads a 4.5-hour episode part by part, while
 * a long-context cloud model gets few enough calls that the repeated instructions cost little.
 */
export const DEFAULT_CHUNK_TOKENS = 4000;

/**
 * Cuts the transcript into consecutive parts of at most `maxTokens` (a single longer segment is
 * shortened to fit). A part ends early at a chapter start once it is 60% full, so that chapters are
 * summarised whole where possible. Every segment is in exactly one part, in order. Pure.
 */
export function chunkTranscript(
  segments: EnrichSegment[],
  chapters: EnrichChapter[],
  maxTokens = DEFAULT_CHUNK_TOKENS,
): TranscriptChunk[] {
  const starts = new Set(chapters.map((c) => c.startMs));
  const parts: { segments: EnrichSegment[]; tokens: number }[] = [];
  let current: { segments: EnrichSegment[]; tokens: number } = { segments: [], tokens: 0 };
  const maxChars = Math.floor(maxTokens * 3.6);
  for (const raw of segments) {
    const segment = raw.text.length > maxChars ? { ...raw, text: `${raw.text.slice(0, maxChars)}…` } : raw;
    const cost = estimateTokens(segment.text) + 4;
    const chapterStartsHere = [...starts].some(
      (s) => s <= segment.startMs && s > (current.segments.at(-1)?.startMs ?? -1),
    );
    const full = current.tokens + cost > maxTokens;
    const goodCut = chapterStartsHere && current.tokens >= maxTokens * 0.6;
    if (current.segments.length > 0 && (full || goodCut)) {
      parts.push(current);
      current = { segments: [], tokens: 0 };
    }
    current.segments.push(segment);
    current.tokens += cost;
  }
  if (current.segments.length > 0) parts.push(current);

  const sorted = [...chapters].sort((a, b) => a.startMs - b.startMs);
  return parts.map((part, index) => {
    const first = part.segments[0]?.startMs ?? 0;
    const next = parts[index + 1]?.segments[0]?.startMs ?? Number.POSITIVE_INFINITY;
    const inside = sorted.filter((c) => c.startMs > first && c.startMs < next);
    const previousLast = parts[index - 1]?.segments.at(-1)?.startMs ?? Number.NEGATIVE_INFINITY;
    const running = [...sorted].reverse().find((c) => c.startMs <= first);
    const listed = [
      ...(running
        ? [{ title: running.title, startMs: running.startMs, continued: running.startMs <= previousLast }]
        : []),
      ...inside.map((c) => ({ title: c.title, startMs: c.startMs, continued: false })),
    ];
    return { index, segments: part.segments, chapters: listed, tokens: part.tokens };
  });
}
