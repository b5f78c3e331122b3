import { formatTimecode } from "../../core/index.js";

/** A moment the answer relied on: a real segment of the episode, and where it starts. */
export interface Citation {
  segmentId: number;
  startMs: number;
}

/**
 * `[01:08:18]`, `[1:08:18]`, `[08:18]`, also in full-width brackets `【01:08:18】` (Chinese answers),
 * and the first time of a range `[01:08:18-01:09:02]`.
 */
const CITATION = /[[【]\s*((?:\d{1,2}:)?\d{1,2}:\d{2})(?:\s*[-–—~]\s*(?:\d{1,2}:)?\d{1,2}:\d{2})?\s*[\]】]/gu;

/** The times cited in an answer, in order, as milliseconds. */
export function citedTimes(answer: string): number[] {
  const times: number[] = [];
  for (const match of answer.matchAll(CITATION)) {
    const parts = (match[1] as string).split(":").map(Number);
    const [h, m, s] = parts.length === 3 ? parts : [0, ...parts];
    if ((m as number) >= 60 || (s as number) >= 60) continue;
    times.push((((h as number) * 60 + (m as number)) * 60 + (s as number)) * 1000);
  }
  return times;
}

/** How far a cited time may be from a moment's start and still mean it (the prompt gives whole seconds). */
const TOLERANCE_MS = 2000;

/**
 * The citations of an answer resolved to the moments the tutor was given: a time that matches no
 * retrieved moment (a model inventing one) is dropped, never turned into a link to nowhere.
 * Each moment is cited once, in the order the answer first cites it.
 */
export function resolveCitations(answer: string, moments: { segmentId: number; startMs: number }[]): Citation[] {
  const out: Citation[] = [];
  const seen = new Set<number>();
  for (const ms of citedTimes(answer)) {
    let best: { segmentId: number; startMs: number } | undefined;
    for (const m of moments) {
      const distance = Math.abs(Math.floor(m.startMs / 1000) * 1000 - ms);
      if (distance > TOLERANCE_MS) continue;
      if (!best || distance < Math.abs(Math.floor(best.startMs / 1000) * 1000 - ms)) best = m;
    }
    if (best && !seen.has(best.segmentId)) {
      seen.add(best.segmentId);
      out.push({ segmentId: best.segmentId, startMs: best.startMs });
    }
  }
  return out;
}

/** How a moment is cited in text: `[01:08:18]`. */
export function citationLabel(startMs: number): string {
  return `[${formatTimecode(startMs)}]`;
}
