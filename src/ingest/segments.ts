import type { TranscriptSegment } from "../core/index.js";
import { countWords, hasCjk } from "../core/index.js";

const SENTENCE_END = /[.!?。！？…]["'”’)]?$/u;

export interface MergeOptions {
  /** Start a new segment after a pause longer than this (ms). */
  maxGapMs?: number;
  /** Start a new segment once this many words are gathered, at the next sentence end. */
  targetWords?: number;
  /** Never let a segment grow past this many words, sentence end or not. */
  maxWords?: number;
}

/**
 * Joins word-level or phrase-level fragments (Podcasting 2.0 JSON with one word per segment,
 * Whisper word timestamps) into readable sentences: same speaker, no long pause, ends at
 * sentence punctuation once long enough.
 */
export function mergeFragments(fragments: TranscriptSegment[], options: MergeOptions = {}): TranscriptSegment[] {
  const maxGapMs = options.maxGapMs ?? 1500;
  const targetWords = options.targetWords ?? 12;
  const maxWords = options.maxWords ?? 60;
  const out: TranscriptSegment[] = [];
  let current: TranscriptSegment | null = null;
  let words = 0;
  for (const f of fragments) {
    const text = f.text.trim();
    if (!text) continue;
    const gap = current ? f.startMs - current.endMs : 0;
    const sameSpeaker = current !== null && current.speaker === f.speaker;
    const endsSentence = current !== null && SENTENCE_END.test(current.text);
    const startNew =
      current === null || !sameSpeaker || gap > maxGapMs || words >= maxWords || (endsSentence && words >= targetWords);
    if (startNew) {
      if (current) out.push(current);
      current = { ...f, text };
      words = countWords(text);
    } else if (current) {
      current.text = joinText(current.text, text);
      current.endMs = Math.max(current.endMs, f.endMs);
      words += countWords(text);
    }
  }
  if (current) out.push(current);
  return out;
}

/** Joins two pieces of text with a space, except between Chinese characters. */
export function joinText(a: string, b: string): string {
  if (!a) return b;
  if (!b) return a;
  const last = a[a.length - 1] ?? "";
  const first = b[0] ?? "";
  if (hasCjk(last) && hasCjk(first)) return a + b;
  if (/^[,.!?;:%)\]}，。！？；：、）]/u.test(b)) return a + b;
  return `${a} ${b}`;
}
