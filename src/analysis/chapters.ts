import {
  type BoundaryOptions,
  type CohesionUnit,
  cohesionCurve,
  depthScores,
  pickBoundaries,
  smoothCurve,
} from "./chapter-boundaries.js";
import { snapToOpenings, topicOpeningStrength } from "./chapter-cues.js";
import { type SpokenTerm, termRarity, tokenize } from "./chapter-terms.js";
import { titleChapters } from "./chapter-titles.js";
import type { AnalysisChapter, AnalysisInput, AnalysisSegment } from "./types.js";

/**
 * How chapters are sized, relative to the episode: a long conversation gets about one chapter per
 * `minutesPerChapter`, none shorter than `minChapterMinutes` (the first may be a short introduction).
 */
export interface ChapterTuning {
  minutesPerChapter: number;
  minChapterMinutes: number;
  minFirstChapterMinutes: number;
  maxChapterMinutes: number;
  /** Minutes of speech compared on each side of a candidate boundary. */
  windowMinutes: number;
  smoothSeconds: number;
  minDepthZ: number;
  /** How far a boundary may move to the nearest segment that opens a topic (a new question). */
  snapSeconds: number;
  /** How much a segment that opens a topic adds to the depth of the valley it sits in. */
  openingWeight: number;
}

/**
 * Tuned on Lexicap #309 and on four lexfridman.com episodes with their chapters hidden (see
 * quality/chapters.ts); the F1 is flat within a few points around these values.
 */
export const DEFAULT_CHAPTER_TUNING: ChapterTuning = {
  minutesPerChapter: 8,
  minChapterMinutes: 4,
  minFirstChapterMinutes: 1,
  maxChapterMinutes: 30,
  windowMinutes: 4,
  smoothSeconds: 60,
  minDepthZ: 2,
  snapSeconds: 90,
  openingWeight: 2,
};

/** Concept names said in a segment (from the concept extractor), to title chapters by. */
export type KeyTermsAt = (segmentId: number) => string[];

/**
 * The chapters of an episode. Published chapters are returned as they are; otherwise chapters are
 * detected where the vocabulary shifts (lexical cohesion between the minutes before and after each
 * segment start) and titled by the terms most distinctive of each chapter against the rest of the
 * episode ("Scaling laws, compute and GPUs"). Works on English and Chinese. Pure.
 */
export function detectChapters(
  input: AnalysisInput,
  keyTerms?: KeyTermsAt,
  tuning: ChapterTuning = DEFAULT_CHAPTER_TUNING,
): AnalysisChapter[] {
  if (input.chapters.length > 0) return input.chapters.map((c) => ({ ...c }));
  const segments = input.segments;
  const first = segments[0];
  const last = segments.at(-1);
  if (!first || !last) return [];
  // Tokenised once: boundaries and titles read the same terms.
  const spoken = segments.map((s) => tokenize(s.text, input.language));
  const starts = chapterStarts(input, spoken, tuning);
  const spans = starts.map((s, k) => ({
    from: s,
    to: k + 1 < starts.length ? (starts[k + 1] as number) : segments.length,
  }));
  const titles = titleChapters(
    input,
    spans,
    keyTerms,
    input.language === "zh" ? undefined : spoken.map((t) => t.terms),
  );
  return spans.map((span, k) => ({
    title: titles[k] ?? "",
    startMs: (segments[span.from] as AnalysisSegment).startMs,
    endMs: span.to < segments.length ? (segments[span.to] as AnalysisSegment).startMs : last.endMs,
    source: "detected" as const,
  }));
}

/** Indexes (into `input.segments`) of the segments that start a chapter; the first is always 0. */
export function detectChapterStarts(input: AnalysisInput, tuning: ChapterTuning = DEFAULT_CHAPTER_TUNING): number[] {
  return chapterStarts(
    input,
    input.segments.map((s) => tokenize(s.text, input.language)),
    tuning,
  );
}

function chapterStarts(
  input: AnalysisInput,
  spoken: { terms: SpokenTerm[]; words: number }[],
  tuning: ChapterTuning,
): number[] {
  const segments = input.segments;
  const first = segments[0];
  const last = segments.at(-1);
  if (!first || !last) return [];
  const durationMs = Math.max(1, last.endMs - first.startMs);
  const minute = 60_000;
  const minChapterMs = Math.min(tuning.minChapterMinutes * minute, durationMs / 3);
  if (durationMs < 2 * minChapterMs || segments.length < 4) return [0];
  const units = cohesionUnits(input, spoken);
  const totalWords = units.reduce((sum, u) => sum + u.words, 0);
  const wordsPerMinute = totalWords / (durationMs / minute);
  const options: BoundaryOptions = {
    windowWords: Math.max(30, wordsPerMinute * Math.min(tuning.windowMinutes, durationMs / minute / 6)),
    minChapterMs,
    minFirstChapterMs: Math.min(tuning.minFirstChapterMinutes * minute, minChapterMs),
    maxBoundaries: Math.floor(durationMs / minChapterMs) - 1,
    minDepthZ: tuning.minDepthZ,
    smoothMs: tuning.smoothSeconds * 1000,
  };
  const curve = smoothCurve(units, cohesionCurve(units, options.windowWords), options.smoothMs);
  const depth = depthScores(curve);
  const target = Math.max(
    Math.round(durationMs / (tuning.minutesPerChapter * minute)) - 1,
    Math.ceil(durationMs / (tuning.maxChapterMinutes * minute)) - 1,
  );
  // A valley where someone opens a new topic ("let me ask you about...") is likelier a chapter mark.
  if (tuning.openingWeight > 0) {
    let mean = 0;
    for (const d of depth) mean += d;
    mean /= depth.length || 1;
    for (let i = 1; i < depth.length; i++) {
      const cue = topicOpeningStrength(segments[i] as AnalysisSegment, segments[i - 1]);
      depth[i] = (depth[i] ?? 0) + tuning.openingWeight * mean * cue;
    }
  }
  const picked = pickBoundaries(units, depth, options, target);
  if (tuning.snapSeconds <= 0) return [0, ...picked];
  return [0, ...snapToOpenings(segments, picked, tuning.snapSeconds * 1000, options.minFirstChapterMs)];
}

/**
 * Segments as weighted bags of terms (the words said, not the extractor's concepts: adding those
 * measured no better on the corpus, and boundaries then stay independent of the concept ranking). A term weighs by its rarity in everyday speech times its
 * rarity across the episode (a word said in every part of it, "game" in a talk about games, tells
 * no part from another); terms said once carry no cohesion and are dropped.
 */
function cohesionUnits(input: AnalysisInput, spoken: { terms: SpokenTerm[]; words: number }[]): CohesionUnit[] {
  const bags = input.segments.map((_, i) => {
    const counts = new Map<string, number>();
    for (const t of spoken[i]?.terms ?? []) counts.set(t.key, (counts.get(t.key) ?? 0) + 1);
    return counts;
  });
  const { df, blocks } = blockFrequencies(input.segments, bags);
  const weight = new Map<string, number>();
  for (const [term, f] of df) {
    if (f < 2) continue;
    const idf = Math.log((blocks + 1) / f);
    const w = termRarity(term) * idf;
    if (w > 0) weight.set(term, w);
  }
  return input.segments.map((s, i) => {
    const terms = new Map<string, number>();
    for (const [t, c] of bags[i] as Map<string, number>) {
      const w = weight.get(t);
      // Square root of the count: a word repeated in one breath should not outweigh the others.
      if (w) terms.set(t, Math.sqrt(c) * w);
    }
    return { startMs: s.startMs, endMs: s.endMs, words: Math.max(1, spoken[i]?.words ?? 0), terms };
  });
}

/** In how many blocks of about two minutes each term is said (segments differ too much in length). */
function blockFrequencies(segments: AnalysisSegment[], bags: Map<string, number>[]) {
  const df = new Map<string, number>();
  let blocks = 0;
  let seen = new Set<string>();
  let blockStart = segments[0]?.startMs ?? 0;
  const flush = () => {
    for (const t of seen) df.set(t, (df.get(t) ?? 0) + 1);
    if (seen.size > 0) blocks++;
    seen = new Set();
  };
  segments.forEach((s, i) => {
    if (s.startMs - blockStart >= 120_000) {
      flush();
      blockStart = s.startMs;
    }
    for (const t of (bags[i] as Map<string, number>).keys()) seen.add(t);
  });
  flush();
  return { df, blocks };
}
