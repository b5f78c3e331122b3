import type { MisconceptionPattern, PackEntry, RubricPoint } from "../../knowledge/index.js";
import { type CompiledPhrase, compilePhrase, findPhrase, type MatchTuning, type PhraseHit } from "./phrase-match.js";
import type { AnalysedSentence } from "./units.js";

/**
 * Key points are matched generously (a few words may sit between a phrasing's words) because a
 * learner paraphrases; misconceptions are matched tightly, because a false alarm fails a correct
 * explanation and a loose window joins words from two different statements.
 */
export const KEY_POINT_TUNING: MatchTuning = {
  spanPerWord: 2,
  wordSlack: 2,
  bigramShare: 0.6,
  hanSlack: 3,
  hedgesDeny: false,
};
export const MISCONCEPTION_TUNING: MatchTuning = {
  spanPerWord: 1,
  wordSlack: 2,
  bigramShare: 0.75,
  hanSlack: 2,
  hedgesDeny: true,
};

interface CompiledRubric {
  points: { point: RubricPoint; phrases: CompiledPhrase[] }[];
  patterns: { pattern: MisconceptionPattern; phrases: CompiledPhrase[] }[];
}

/** What an explanation says, measured against one entry's rubric. */
export interface RubricMatch {
  covered: { point: RubricPoint; hit: PhraseHit }[];
  missing: RubricPoint[];
  misconceptions: { pattern: MisconceptionPattern; hit: PhraseHit }[];
}

// Entries are immutable once loaded; compiling their phrasings once keeps grading well under 20 ms.
const compiled = new WeakMap<PackEntry, CompiledRubric>();

function compileAll(phrasings: { en: string[]; zh: string[] }): CompiledPhrase[] {
  return [...phrasings.en.map((p) => compilePhrase(p, "en")), ...phrasings.zh.map((p) => compilePhrase(p, "zh"))];
}

function compileRubric(entry: PackEntry): CompiledRubric {
  const hit = compiled.get(entry);
  if (hit) return hit;
  const rubric: CompiledRubric = {
    points: entry.rubric.keyPoints.map((point) => ({ point, phrases: compileAll(point.phrasings) })),
    patterns: entry.rubric.misconceptionPatterns.map((pattern) => ({
      pattern,
      phrases: compileAll(pattern.phrasings),
    })),
  };
  compiled.set(entry, rubric);
  return rubric;
}

function firstHit(phrases: CompiledPhrase[], sentences: AnalysedSentence[], tuning: MatchTuning): PhraseHit | null {
  // Both languages' phrasings are tried: Chinese explanations carry English terms (router, top-k, critic).
  for (const phrase of phrases) {
    const hit = findPhrase(phrase, sentences, tuning);
    if (hit) return hit;
  }
  return null;
}

/** Which key points the sentences cover, which they miss, and which misconceptions they state. */
export function matchRubric(entry: PackEntry, sentences: AnalysedSentence[]): RubricMatch {
  const rubric = compileRubric(entry);
  const result: RubricMatch = { covered: [], missing: [], misconceptions: [] };
  for (const { point, phrases } of rubric.points) {
    const hit = firstHit(phrases, sentences, KEY_POINT_TUNING);
    if (hit) result.covered.push({ point, hit });
    else result.missing.push(point);
  }
  for (const { pattern, phrases } of rubric.patterns) {
    const hit = firstHit(phrases, sentences, MISCONCEPTION_TUNING);
    if (hit) result.misconceptions.push({ pattern, hit });
  }
  return result;
}
