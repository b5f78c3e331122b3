import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { detectChapters } from "../src/analysis/chapters.js";
import type { AnalysisChapter } from "../src/analysis/types.js";
import { corpusFile } from "../test/corpus.js";
import { corpusAnalysisInput } from "../test/helpers/corpus-analysis.js";

/**
 * Detected chapters against published ones: boundary precision, recall and F1, a boundary counting
 * as found when a published one lies within ±2 minutes (matched one to one; the start at 0 is not a
 * boundary). Episodes with published chapters have them hidden from the detector first.
 */

const TOLERANCE_MS = 120_000;

/** The episodes measured: a transcript with no chapters, and four whose published ones are hidden. */
export const CHAPTER_EPISODES = [
  { name: "lexicap-309", file: "en/lexicap-episode-309.whisper.vtt", gold: "gold/lexicap309_chapters_youtube.json" },
  { name: "lex490", file: "en/lex490-state-of-ai-2026.timestamped.txt", gold: "gold/lex490_chapters.json" },
  { name: "lex459", file: "en/lex459-deepseek.lexfridman-site.md", gold: "gold/lex459_chapters.json" },
  { name: "lex416", file: "en/lex416-yann-lecun.lexfridman-site.md", gold: "gold/lex416_chapters.json" },
  { name: "lex447", file: "en/lex447-cursor-team.lexfridman-site.md", gold: "gold/lex447_chapters.json" },
] as const;

export interface BoundaryScore {
  precision: number;
  recall: number;
  f1: number;
  matched: number;
  detected: number;
  gold: number;
}

/** Precision, recall and F1 of detected boundary times against gold ones (ms), matched one to one. */
export function boundaryScore(detectedMs: number[], goldMs: number[], toleranceMs = TOLERANCE_MS): BoundaryScore {
  const pairs: [number, number, number][] = [];
  detectedMs.forEach((d, i) => {
    goldMs.forEach((g, j) => {
      const dist = Math.abs(d - g);
      if (dist <= toleranceMs) pairs.push([dist, i, j]);
    });
  });
  pairs.sort((a, b) => a[0] - b[0]);
  const usedD = new Set<number>();
  const usedG = new Set<number>();
  for (const [, i, j] of pairs) {
    if (usedD.has(i) || usedG.has(j)) continue;
    usedD.add(i);
    usedG.add(j);
  }
  const matched = usedD.size;
  const precision = detectedMs.length ? matched / detectedMs.length : 0;
  const recall = goldMs.length ? matched / goldMs.length : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, matched, detected: detectedMs.length, gold: goldMs.length };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Boundaries of a chapter list: every chapter start but the first. */
function boundariesOf(chapters: { startMs: number }[]): number[] {
  return chapters.map((c) => c.startMs).filter((t, i) => i > 0 && t > 0);
}

/** Detection on one corpus episode, its published chapters hidden, against its gold list. */
export function measureEpisode(
  file: string,
  gold: string,
): BoundaryScore & { ms: number; chapters: AnalysisChapter[] } {
  const input = { ...corpusAnalysisInput(file), chapters: [] };
  const goldChapters = (JSON.parse(readFileSync(corpusFile(gold), "utf8")) as { chapters: { start_s: number }[] })
    .chapters;
  const end = input.segments.at(-1)?.endMs ?? 0;
  const goldMs = goldChapters.map((c) => c.start_s * 1000).filter((t) => t > 0 && t < end);
  const t0 = performance.now();
  const chapters = detectChapters(input);
  const ms = performance.now() - t0;
  return { ...boundaryScore(boundariesOf(chapters), goldMs), ms, chapters };
}

/** Boundary F1, precision, recall and counts per episode, printed and returned. */
export function chapterQuality(): object {
  const episodes = CHAPTER_EPISODES.map(({ name, file, gold }) => {
    const r = measureEpisode(file, gold);
    return {
      episode: name,
      f1: round(r.f1),
      precision: round(r.precision),
      recall: round(r.recall),
      detected: r.detected + 1,
      gold: r.gold + 1,
      matchedBoundaries: r.matched,
      ms: Math.round(r.ms),
    };
  });
  const meanF1 = round(episodes.reduce((s, e) => s + e.f1, 0) / episodes.length);
  const result = { chapters: { toleranceSeconds: TOLERANCE_MS / 1000, meanF1, episodes } };
  return result;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(JSON.stringify(chapterQuality(), null, 2));
}
