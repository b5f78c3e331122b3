import { isNegated, NEGATION_REACH } from "./negation.js";
import { type AnalysedSentence, analysePhrase, NEGATION, type Unit } from "./units.js";

/**
 * Matching one rubric phrasing against one sentence, the contract of PACK_FORMAT.md ("how phrasings
 * are matched"): English phrasings match when their content words (stemmed) all appear close together
 * in one sentence, in any order; Chinese phrasings match as text with spaces and filler characters
 * removed, or, for paraphrases, when most of their character pairs appear in a short stretch of one
 * clause. A match that a negator denies does not count.
 */

/** How strict a match must be. Misconceptions use tighter settings than key points. */
export interface MatchTuning {
  /** An English window may span `spanPerWord` units per content word of the phrasing, plus `wordSlack`. */
  spanPerWord: number;
  wordSlack: number;
  /** Share of a Chinese phrasing's character pairs that must appear for a paraphrase match. */
  bigramShare: number;
  /** Extra characters a Chinese paraphrase window may hold beyond the phrasing's length. */
  hanSlack: number;
  /** Whether hedges (almost, 接近) deny a match as negators do. */
  hedgesDeny: boolean;
}

/** A phrasing prepared once per rubric. */
export interface CompiledPhrase {
  source: string;
  language: "en" | "zh";
  /** Distinct content keys an English phrasing needs. */
  wordKeys: string[];
  /** A Chinese phrasing's keys with fillers removed, in order. */
  hanKeys: string[];
  /** Distinct adjacent pairs of `hanKeys`. */
  bigrams: string[];
  /** English terms inside a Chinese phrasing ("后训练就是RLHF"): a paraphrase must keep them. */
  anchors: string[];
  /** The phrasing states a negation itself ("no critic needed"): a negator is then part of the match. */
  negated: boolean;
}

/** Where a phrasing matched. */
export interface PhraseHit {
  sentence: AnalysedSentence;
  first: number;
  last: number;
}

/** Prepare a phrasing of the given language for matching. */
export function compilePhrase(source: string, language: "en" | "zh"): CompiledPhrase {
  const units = analysePhrase(source);
  const negated = units.some((u) => u.key === NEGATION);
  // Distinct keys: after the thesaurus "human raters" is one idea, not two humans.
  const wordKeys = [...new Set(units.filter((u) => u.content && u.kind !== "boundary").map((u) => u.key))];
  const hanKeys = units.filter((u) => u.content).map((u) => u.key);
  const bigrams = [...new Set(hanKeys.slice(1).map((key, i) => `${hanKeys[i]}|${key}`))];
  const anchors = language === "zh" ? units.filter((u) => u.content && u.kind === "word").map((u) => u.key) : [];
  return { source, language, wordKeys, hanKeys, bigrams, negated, anchors };
}

/** The first place in the sentences where the phrasing matches and is not denied, or null. */
export function findPhrase(
  phrase: CompiledPhrase,
  sentences: readonly AnalysedSentence[],
  tuning: MatchTuning,
): PhraseHit | null {
  for (const sentence of sentences) {
    const hit = phrase.language === "en" ? matchWords(phrase, sentence, tuning) : matchHan(phrase, sentence, tuning);
    if (hit) return hit;
  }
  return null;
}

function accept(
  phrase: CompiledPhrase,
  sentence: AnalysedSentence,
  first: number,
  last: number,
  reach: number,
  tuning: MatchTuning,
) {
  return phrase.negated || !isNegated(sentence, first, last, reach, tuning.hedgesDeny);
}

/**
 * The smallest windows holding every content word of the phrasing, in any order; the first one that
 * is short enough and not denied wins.
 */
function matchWords(phrase: CompiledPhrase, sentence: AnalysedSentence, tuning: MatchTuning): PhraseHit | null {
  const needed = new Map<string, number>();
  for (const key of phrase.wordKeys) needed.set(key, 1);
  if (needed.size === 0) return null;
  const units = sentence.units;
  const positions: number[] = [];
  for (let i = 0; i < units.length; i++) {
    const unit = units[i] as Unit;
    if (unit.content && needed.has(unit.key)) positions.push(i);
  }
  if (positions.length < phrase.wordKeys.length) return null;
  const maxSpan = phrase.wordKeys.length * tuning.spanPerWord + tuning.wordSlack;
  const have = new Map<string, number>();
  let satisfied = 0;
  let left = 0;
  for (let right = 0; right < positions.length; right++) {
    const key = (units[positions[right] as number] as Unit).key;
    const count = (have.get(key) ?? 0) + 1;
    have.set(key, count);
    if (count === needed.get(key)) satisfied++;
    while (satisfied === needed.size) {
      const leftKey = (units[positions[left] as number] as Unit).key;
      const leftCount = have.get(leftKey) ?? 0;
      if (leftCount > (needed.get(leftKey) ?? 0)) {
        have.set(leftKey, leftCount - 1);
        left++;
        continue;
      }
      const first = positions[left] as number;
      const last = positions[right] as number;
      if (last - first + 1 <= maxSpan && accept(phrase, sentence, first, last, NEGATION_REACH.word, tuning)) {
        return { sentence, first, last };
      }
      have.set(leftKey, leftCount - 1);
      satisfied--;
      left++;
    }
  }
  return null;
}

/** Exact match of the filler-free phrasing, else a paraphrase match by character pairs. */
function matchHan(phrase: CompiledPhrase, sentence: AnalysedSentence, tuning: MatchTuning): PhraseHit | null {
  if (!sentence.hasHan || phrase.hanKeys.length === 0) return null;
  const keys = phrase.hanKeys;
  const units = sentence.units;
  for (const { indices: clause } of sentence.hanClauses) {
    for (let s = 0; s + keys.length <= clause.length; s++) {
      let equal = true;
      for (let k = 0; k < keys.length && equal; k++) equal = units[clause[s + k] as number]?.key === keys[k];
      if (!equal) continue;
      const first = clause[s] as number;
      const last = clause[s + keys.length - 1] as number;
      if (accept(phrase, sentence, first, last, NEGATION_REACH.han, tuning)) return { sentence, first, last };
    }
  }
  // Two pairs or fewer cannot be paraphrased reliably: 折中 either appears or it does not.
  if (phrase.bigrams.length < 2) return null;
  const wanted = new Set(phrase.bigrams);
  const needed = Math.max(2, Math.ceil(wanted.size * tuning.bigramShare - 1e-9));
  const width = keys.length + tuning.hanSlack;
  for (const { indices: clause, pairs } of sentence.hanClauses) {
    // Positions in the clause where a wanted pair starts; most clauses have none, and are skipped.
    const hits: number[] = [];
    for (let i = 0; i < pairs.length; i++) if (wanted.has(pairs[i] as string)) hits.push(i);
    if (hits.length < needed) continue;
    for (let h = 0; h < hits.length; h++) {
      const s = hits[h] as number;
      const found = new Set<string>();
      let lastPair = s;
      for (let g = h; g < hits.length && (hits[g] as number) + 1 < s + width; g++) {
        found.add(pairs[hits[g] as number] as string);
        lastPair = hits[g] as number;
      }
      if (found.size < needed) continue;
      const firstHit = clause[s] as number;
      const lastHit = clause[lastPair + 1] as number;
      if (!hasAnchors(phrase, sentence, clause.slice(s, s + width))) continue;
      // A paraphrase of "no critic needed" must still say no.
      if (phrase.negated && !hasNegationNear(sentence, firstHit, lastHit)) continue;
      if (accept(phrase, sentence, firstHit, lastHit, NEGATION_REACH.han, tuning)) {
        return { sentence, first: firstHit, last: lastHit };
      }
    }
  }
  return null;
}

/** The English terms of a mixed phrasing carry its meaning: "后训练是" is not "后训练就是RLHF". */
function hasAnchors(phrase: CompiledPhrase, sentence: AnalysedSentence, window: number[]): boolean {
  return phrase.anchors.every((anchor) => window.some((i) => sentence.units[i]?.key === anchor));
}

function hasNegationNear(sentence: AnalysedSentence, first: number, last: number): boolean {
  return isNegated(sentence, first, last, NEGATION_REACH.han);
}
