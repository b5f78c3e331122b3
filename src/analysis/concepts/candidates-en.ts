import type { TermCandidate } from "./candidate.js";
import { FUNCTION_WORDS, NAME_CONNECTORS, isStopword, specificity, zipf } from "./common-words.js";
import type { Token, TokenisedSegment } from "./tokens.js";
import { variantKey } from "./variants.js";

/**
 * English candidate terms: noun-phrase-like n-grams bounded by stopwords and punctuation
 * ("mixture of experts", "inference-time scaling"), capitalised sequences ("Hugging Face"),
 * acronyms ("RLHF", "MoEs") and model names with digits ("GPT-5", "o1", "Qwen 3", "DeepSeek-V3").
 * Runs on the Latin words of any transcript, so a Chinese one yields its "DeepSeek R1" and "GPU".
 */

/** Longest name considered, in words ("reinforcement learning from human feedback" has 5). */
const MAX_WORDS = 6;

interface Tally {
  forms: Map<string, number>;
  occurrences: { segmentId: number; start: number; end: number }[];
  words: string[];
  nameVotes: number;
  acronym: boolean;
  modelLike: boolean;
}

/** True for a number or version without letters: "3", "4.5", "2025", "120". */
function isNumber(t: Token): boolean {
  return /^[\d.,]+$/.test(t.text);
}

/** RLHF, MoE, GPUs, KV, LLMs: two or more capitals, short, few lowercase letters. */
export function isAcronymToken(text: string): boolean {
  if (text.length < 2 || text.length > 8 || /[-.]/.test(text)) return false;
  const upper = text.match(/[A-Z]/g)?.length ?? 0;
  const lower = text.match(/[a-z]/g)?.length ?? 0;
  return upper >= 2 && lower <= 1 && !/^\d/.test(text);
}

/** Letters and digits in one word, or a version after a dash: "GPT-5", "o1", "Qwen3", "V3", "120b". */
export function isModelLikeToken(text: string): boolean {
  return /\p{L}/u.test(text) && /\d/.test(text) && !/^\d+(s|th|st|nd|rd|k|m|x|%)?$/i.test(text);
}

/** Capitalised: "Claude", "DeepSeek", "OpenAI", "o1" is not but is model-like. */
function isCapitalised(t: Token): boolean {
  return /^\p{Lu}/u.test(t.text);
}

function canEdge(t: Token): boolean {
  if (isNumber(t)) return false;
  if (t.text.length < 2 && !/\d/.test(t.text)) return false;
  // Contractions ("it'll", "could've") are function words however rare SUBTLEX finds their spelling.
  if (t.lower.includes("'")) return false;
  // "US", "IT": an all-caps spelling of a function word is still that word here.
  if (isStopword(t.lower)) return false;
  return !isAdverb(t.lower);
}

/** "fundamentally", "explicitly": an -ly word whose stem is a word; names of things are not adverbs. */
function isAdverb(lower: string): boolean {
  if (!lower.endsWith("ly") || lower.length < 6) return false;
  const stem = lower.slice(0, -2);
  return zipf(stem) > 1.5 || zipf(`${stem}le`) > 1.5 || (stem.endsWith("i") && zipf(`${stem.slice(0, -1)}y`) > 1.5);
}

function canBeInside(t: Token): boolean {
  return !FUNCTION_WORDS.has(t.lower) || NAME_CONNECTORS.has(t.lower);
}

/**
 * Every candidate term of the episode with all its occurrences, each with a termhood (0..1) from
 * rarity against SUBTLEX, keyness in the episode and, for phrases, how tightly the words stick
 * together. Terms nested in a longer term and never said alone are left out ("latent attention"
 * when it only occurs in "multi-head latent attention").
 */
export function englishTermCandidates(segments: TokenisedSegment[]): TermCandidate[] {
  const tallies = new Map<string, Tally>();
  const wordCounts = new Map<string, number>();
  // variantKey runs a few regexes: once per distinct surface, not once per window.
  const keyOf = new Map<string, string>();
  let totalWords = 0;
  for (const seg of segments) {
    const { tokens } = seg;
    const text = seg.segment.text;
    for (let i = 0; i < tokens.length; i++) {
      const first = tokens[i] as Token;
      totalWords++;
      wordCounts.set(first.lower, (wordCounts.get(first.lower) ?? 0) + 1);
      if (!canEdge(first)) continue;
      for (let n = 1; n <= MAX_WORDS && i + n <= tokens.length; n++) {
        const last = tokens[i + n - 1] as Token;
        if (n > 1 && last.breakBefore) break;
        if (n > 1 && !canBeInside(last)) break;
        const version = n > 1 && isNumber(last) && isCapitalised(tokens[i + n - 2] as Token);
        if (!version && !canEdge(last)) continue;
        const window = tokens.slice(i, i + n);
        if (window.filter((t) => NAME_CONNECTORS.has(t.lower)).length > 1) break;
        const surface = text.slice(first.start, last.end).replace(/\s+/g, " ");
        let key = keyOf.get(surface);
        if (key === undefined) {
          key = variantKey(surface);
          keyOf.set(surface, key);
        }
        let tally = tallies.get(key);
        if (!tally) {
          tally = {
            forms: new Map(),
            occurrences: [],
            words: window.map((t) => t.lower),
            nameVotes: 0,
            acronym: n === 1 && isAcronymToken(first.text),
            modelLike: version || window.some((t) => isModelLikeToken(t.text)),
          };
          tallies.set(key, tally);
        }
        tally.forms.set(surface, (tally.forms.get(surface) ?? 0) + 1);
        tally.occurrences.push({ segmentId: seg.segment.id, start: first.start, end: last.end });
        if (nameLike(window)) tally.nameVotes++;
      }
    }
  }
  const kept = [...tallies.values()].filter((t) => worthKeeping(t));
  const independent = independentCounts(kept);
  const out: TermCandidate[] = [];
  for (const [i, t] of kept.entries()) {
    const alone = independent[i] ?? 0;
    // Said only inside a longer term: it is part of that term's name, not a term of its own.
    if (t.words.length > 1 || !t.acronym) {
      if (alone === 0 || (alone < 2 && alone < 0.3 * t.occurrences.length)) continue;
    }
    const forms = [...t.forms.entries()].sort((a, b) => b[1] - a[1]).map(([f]) => f);
    const isName = t.nameVotes >= Math.max(1, t.occurrences.length / 2);
    out.push({
      surface: displayForm(forms),
      occurrences: t.occurrences,
      forms,
      isName: isName || t.acronym,
      isAcronym: t.acronym,
      isModelLike: t.modelLike,
      termhood: termhood(t, wordCounts, totalWords),
    });
  }
  return out;
}

/** The most frequent form, but a capitalised name beats its sentence-initial lowercase twin. */
function displayForm(forms: string[]): string {
  return forms[0] ?? "";
}

/** Capitalised mid-sentence (or camel-case, an acronym, a model name): evidence of a name. */
function nameLike(window: Token[]): boolean {
  const content = window.filter((t) => !NAME_CONNECTORS.has(t.lower));
  const first = window[0] as Token;
  const caps = content.every((t) => isCapitalised(t) || isNumber(t) || isModelLikeToken(t.text));
  if (!caps) return false;
  if (!first.sentenceStart) return true;
  // At the start of a sentence only an inner capital proves a name: "DeepSeek", "OpenAI", "GPT-5".
  return /\p{Lu}.*\p{Lu}/u.test(first.text) || isModelLikeToken(first.text) || content.length > 1;
}

function worthKeeping(t: Tally): boolean {
  const count = t.occurrences.length;
  if (t.acronym || t.modelLike) return count >= 1;
  if (count >= 2) return true;
  // Said once: only a rare phrase of rare words is worth a look ("sparse attention" is not).
  return false;
}

/**
 * For each kept candidate, how many of its occurrences are not inside a longer kept candidate
 * said at least twice. One sweep per segment over spans sorted by start, longest first.
 */
function independentCounts(kept: Tally[]): number[] {
  const bySegment = new Map<number, { start: number; end: number; idx: number; long: boolean }[]>();
  for (const [idx, t] of kept.entries()) {
    const long = t.occurrences.length >= 2 && t.words.length > 1;
    for (const o of t.occurrences) {
      let list = bySegment.get(o.segmentId);
      if (!list) {
        list = [];
        bySegment.set(o.segmentId, list);
      }
      list.push({ start: o.start, end: o.end, idx, long });
    }
  }
  const alone = kept.map(() => 0);
  for (const list of bySegment.values()) {
    list.sort((a, b) => a.start - b.start || b.end - a.end);
    let maxEnd = -1;
    for (const s of list) {
      if (maxEnd < s.end) alone[s.idx] = (alone[s.idx] ?? 0) + 1;
      if (s.long) maxEnd = Math.max(maxEnd, s.end);
    }
  }
  return alone;
}

/**
 * 0..1: how much a candidate looks like a term rather than everyday speech. A word scores by its
 * rarity in SUBTLEX and by how much more often the episode says it than everyday speech does; a
 * phrase by its rarest word and by how often its words occur together rather than apart.
 */
function termhood(t: Tally, wordCounts: Map<string, number>, totalWords: number): number {
  const count = t.occurrences.length;
  const content = t.words.filter((w) => !NAME_CONNECTORS.has(w) && !/^[\d.,]+$/.test(w));
  const spec = Math.max(0, ...content.map((w) => specificity(w)));
  if (t.words.length === 1) {
    const w = t.words[0] ?? "";
    const general = 10 ** (zipf(w) - 9) || 1e-9;
    const keyness = Math.log10(count / totalWords / general);
    return 0.6 * spec + 0.4 * clamp01(keyness / 4);
  }
  const alone = Math.min(...content.map((w) => wordCounts.get(w) ?? count));
  const cohesion = clamp01(count / Math.max(1, alone));
  return 0.5 * spec + 0.3 * cohesion + 0.2 * clamp01(Math.log2(1 + count) / 4);
}

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}
