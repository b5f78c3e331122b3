import type { AnalysisSegment, Glossary } from "../types.js";
import type { TermCandidate } from "./candidate.js";
import { chunksOf, hasChineseChar, joinedKey, sentenceTokens, type ZhAtom } from "./zh-atoms.js";
import { applyGlossarySpans, glossaryMatcher } from "./zh-glossary-match.js";
import { learnTermLexicon } from "./zh-ngrams.js";
import { splitChineseSentences } from "./zh-sentences.js";
import { isChineseFunctionWord, isChineseGenericWord } from "./zh-stopwords.js";

export { splitChineseSentences } from "./zh-sentences.js";

/** Options of the Chinese candidate finder. */
export interface ChineseCandidateOptions {
  /**
   * Also return runs of Latin words alone ("DeepSeek R1", "GPU"). Off by default: the English
   * extractor reads the Latin words of every transcript; mixed terms ("KV 缓存") always come here.
   */
  includeLatin?: boolean;
  /** Fewest occurrences of a candidate the glossary does not know (default 2). */
  minOccurrences?: number;
}

interface Tally {
  forms: Map<string, number>;
  occurrences: { segmentId: number; start: number; end: number }[];
  packEntryId?: string;
  atoms: number;
  cohesion: number | null;
  latinOnly: boolean;
  dotted: boolean;
  /** Occurrences not inside a longer candidate. */
  alone: number;
  /** Occurrences per part of the episode (see `termhood`). */
  parts: number[];
}

/** Parts the episode is cut into to measure how unevenly a word is spread (see `termhood`). */
const DISPERSION_PARTS = 20;

/**
 * Chinese term candidates of an episode: the words of each sentence (Intl.Segmenter, run on
 * short runs of Chinese characters because it is slow on long strings), rebuilt into whole terms
 * (混合专家, 多头潜在注意力, 路由器) by n-gram statistics over the whole episode, with the glossary's
 * names matched first, longest first, when a glossary is given. Function words and everyday words
 * are never candidates; mixed terms (KV 缓存, FP8 训练) are. Occurrence spans index the segment text.
 */
export function chineseTermCandidates(
  segments: AnalysisSegment[],
  glossary?: Glossary,
  options: ChineseCandidateOptions = {},
): TermCandidate[] {
  const segmenter = new Intl.Segmenter("zh", { granularity: "word" });
  const matcher = glossary ? glossaryMatcher(glossary) : null;
  const runs: { segmentId: number; part: number; chunk: ZhAtom[] }[] = [];
  const totalChars = segments.reduce((n, s) => n + s.text.length, 0) || 1;
  let charsSoFar = 0;
  for (const segment of segments) {
    const part = Math.min(DISPERSION_PARTS - 1, Math.floor((charsSoFar / totalChars) * DISPERSION_PARTS));
    charsSoFar += segment.text.length;
    for (const sentence of splitChineseSentences(segment.text)) {
      let tokens = sentenceTokens(sentence.text, sentence.start, segmenter);
      if (matcher) tokens = applyGlossarySpans(tokens, matcher.find(sentence.text, sentence.start), segment.text);
      for (const chunk of chunksOf(tokens)) runs.push({ segmentId: segment.id, part, chunk });
    }
  }
  const lexicon = learnTermLexicon(runs.map((r) => r.chunk));

  const tallies = new Map<string, Tally>();
  const textOf = new Map(segments.map((s) => [s.id, s.text]));
  const count = (unit: ZhAtom[], segmentId: number, part: number, alone: boolean): void => {
    const first = unit[0] as ZhAtom;
    const last = unit[unit.length - 1] as ZhAtom;
    const key = unit.length === 1 ? first.key : joinedKey(unit);
    let t = tallies.get(key);
    if (!t) {
      t = {
        forms: new Map(),
        occurrences: [],
        atoms: unit.length,
        cohesion: unit.length > 1 ? lexicon.cohesion(unit) : null,
        latinOnly: !unit.some((a) => hasChineseChar(a.text)),
        dotted: unit.some((a) => a.joiner),
        alone: 0,
        parts: new Array<number>(DISPERSION_PARTS).fill(0),
      };
      if (first.packEntryId) t.packEntryId = first.packEntryId;
      tallies.set(key, t);
    }
    const form =
      unit.length === 1 ? first.text : (textOf.get(segmentId) ?? "").slice(first.start, last.end).replace(/\s+/g, " ");
    t.forms.set(form, (t.forms.get(form) ?? 0) + 1);
    t.occurrences.push({ segmentId, start: first.start, end: last.end });
    if (alone) t.alone++;
    t.parts[part] = (t.parts[part] ?? 0) + 1;
  };
  for (const run of runs) {
    for (const unit of lexicon.split(run.chunk)) {
      if (!isCandidateUnit(unit, options)) continue;
      count(unit, run.segmentId, run.part, true);
      if (unit.length === 1) continue;
      // A rebuilt term also mentions the terms and words inside it (混合专家 in 混合专家模型, 半导体 in
      // 半导体行业), as the English side counts "experts" inside "mixture of experts".
      for (let i = 0; i < unit.length; i++) {
        for (let n = i === 0 ? unit.length - 1 : unit.length - i; n >= 1; n--) {
          const inner = unit.slice(i, i + n);
          if ((n > 1 && lexicon.cohesion(inner) === null) || !isCandidateUnit(inner, options)) continue;
          count(inner, run.segmentId, run.part, false);
        }
      }
    }
  }

  const minOccurrences = options.minOccurrences ?? 2;
  const out: TermCandidate[] = [];
  for (const [key, t] of tallies) {
    if (!t.packEntryId && t.occurrences.length < minOccurrences) continue;
    // Said only inside longer terms: part of their names, not a term of its own (积电 in 台积电).
    // A single word must stand alone often (智能 in 人工智能 is no mention of 智能); a rebuilt term
    // said alone twice stays (带宽 in 内存带宽), as in English.
    const n = t.occurrences.length;
    const minAlone = t.atoms > 1 ? Math.min(2, 0.3 * n) : 0.3 * n;
    if (!t.packEntryId && (t.alone === 0 || t.alone < minAlone)) continue;
    const forms = [...t.forms.entries()].sort((a, b) => b[1] - a[1]).map(([f]) => f);
    const surface = forms[0] ?? key;
    const candidate: TermCandidate = {
      surface,
      occurrences: t.occurrences,
      forms,
      termhood: termhood(t),
    };
    if (t.packEntryId) candidate.packEntryId = t.packEntryId;
    // A transliterated name (内森·兰伯特); Latin-only runs carry the English side's hints.
    if (t.dotted || (t.latinOnly && /\p{Lu}/u.test(surface))) candidate.isName = true;
    if (t.latinOnly && /\p{L}/u.test(surface) && /\d/.test(surface)) candidate.isModelLike = true;
    out.push(candidate);
  }
  return out.sort((a, b) => b.occurrences.length - a.occurrences.length || a.surface.localeCompare(b.surface));
}

/** A unit worth counting: a glossary name, a rebuilt term, or a content word of two or more characters. */
function isCandidateUnit(unit: ZhAtom[], options: ChineseCandidateOptions): boolean {
  const first = unit[0] as ZhAtom;
  if (unit.length === 1 && !first.latin && !first.packEntryId) {
    // The common case, a segmenter word: Chinese, and a concept only with two characters or more.
    if (first.text.length < 2 || first.joiner) return false;
    return !isChineseFunctionWord(first.key) && !isChineseGenericWord(first.key);
  }
  // A glossary atom may hold both scripts ("KV 缓存"): look at the characters, not the flag.
  const chinese = unit.some((a) => hasChineseChar(a.text));
  if (!chinese) return options.includeLatin === true && unit.some((a) => /\p{L}/u.test(a.text));
  if (first.packEntryId) return true;
  // Also for rebuilt words: 这样子 cut as 这|样|子 rebuilds 样子, an everyday word all the same.
  const key = joinedKey(unit);
  return !isChineseFunctionWord(key) && !isChineseGenericWord(key);
}

/**
 * 0..1, how term-like a candidate is. The glossary knows it: high. A term rebuilt from words the
 * segmenter cut apart is a word its dictionary lacks, the mark of a technical term, all the more
 * when its words stick tightly. A dictionary word scores by how unevenly the episode uses it
 * (Gries' DP over equal parts of the text): terms come in bursts where their topic is discussed,
 * everyday words are spread evenly.
 */
function termhood(t: Tally): number {
  if (t.packEntryId) return 0.9;
  const count = t.occurrences.length;
  // Two or three occurrences are bunched by chance: unevenness counts fully from about ten.
  const dp = dispersion(t.parts, count) * Math.min(1, (count - 1) / 8);
  const frequent = Math.min(1, Math.log2(1 + count) / 5);
  if (t.atoms > 1) {
    const tight = Math.min(1, Math.max(0, ((t.cohesion ?? 4) - 4) / 8));
    return round2(0.45 + 0.25 * tight + 0.15 * dp + 0.15 * frequent);
  }
  return round2(0.15 + 0.45 * dp + 0.15 * frequent);
}

/** Gries' deviation of proportions: 0 for a word spread evenly over the parts, near 1 for one part. */
function dispersion(parts: number[], count: number): number {
  if (count === 0 || parts.length === 0) return 0;
  let sum = 0;
  for (const n of parts) sum += Math.abs(n / count - 1 / parts.length);
  return Math.min(1, sum / 2 / (1 - 1 / parts.length));
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
