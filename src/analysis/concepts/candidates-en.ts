import type { TermCandidate } from "./candidate.js";
import {
  BOUNDING_NOUNS,
  FUNCTION_WORDS,
  GENERIC_WORDS,
  isSpelledNumber,
  NAME_CONNECTORS,
  specificity,
  VERB_FORMS,
  zipf,
} from "./common-words.js";
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
  key: string;
  /** Occurrences written as an acronym ("MATH" once among 40 "math" is still the word). */
  acronymVotes: number;
  forms: Map<string, number>;
  occurrences: { segmentId: number; start: number; end: number }[];
  words: string[];
  nameVotes: number;
  acronym: boolean;
  modelLike: boolean;
}

/** True for a number or version without letters ("3", "4.5", "2025", "120") or one spelled out ("fifty-six"). */
function isNumber(t: Token): boolean {
  return /^[\d.,/:%-]+$/.test(t.text) || isSpelledNumber(t.lower);
}

/** RLHF, MoE, GPUs, KV, LLMs: two or more capitals, short, few lowercase letters. */
export function isAcronymToken(text: string): boolean {
  // The plural "s" of "MoEs", "GPUs" is not part of the acronym.
  const t = /[A-Z]s$/.test(text) ? text.slice(0, -1) : text;
  if (t.length < 2 || t.length > 8 || /[-.]/.test(t)) return false;
  const upper = t.match(/[A-Z]/g)?.length ?? 0;
  const lower = t.match(/[a-z]/g)?.length ?? 0;
  return upper >= 2 && lower <= 1 && !/^\d/.test(t);
}

/** A capital after a small letter: "MoE", "OpenAI", "xAI", "DeepSeek" are coined names, whatever SUBTLEX says of "moe". */
function isCamel(text: string): boolean {
  return /\p{Ll}\p{Lu}/u.test(text);
}

/** Letters and digits in one word, or a version after a dash: "GPT-5", "o1", "Qwen3", "V3", "120b". */
export function isModelLikeToken(text: string): boolean {
  return /\p{L}/u.test(text) && /\d/.test(text) && !/^\d+(s|th|st|nd|rd|k|m|x|%)?$/i.test(text);
}

/** Capitalised: "Claude", "DeepSeek", "OpenAI", "o1" is not but is model-like. */
function isCapitalised(t: Token): boolean {
  return /^\p{Lu}/u.test(t.text);
}

/** How a token may bound a term: not at all, anywhere, or only beside a more specific word. */
enum Edge {
  No = 0,
  Yes = 1,
  /** "world" in "world model", "sense" in "common sense", "VS" in "VS Code": never a term alone. */
  Beside = 2,
}

function edgeOf(t: Token): Edge {
  if (isNumber(t)) return Edge.No;
  if (t.text.length < 2 && !/\d/.test(t.text)) return Edge.No;
  // Contractions ("it'll", "could've") are function words however rare SUBTLEX finds their spelling.
  if (t.lower.includes("'") || VERB_FORMS.has(t.lower)) return Edge.No;
  if (FUNCTION_WORDS.has(t.lower)) {
    // "US", "IT", "VS": an all-caps function word is that word alone, but may start a name ("VS Code").
    return /^\p{Lu}{2,}$/u.test(t.text) ? Edge.Beside : Edge.No;
  }
  if (GENERIC_WORDS.has(t.lower)) return BOUNDING_NOUNS.has(t.lower) ? Edge.Beside : Edge.No;
  return isAdverb(t.lower) ? Edge.No : Edge.Yes;
}

/** "fundamentally", "explicitly": an -ly word whose stem is a word; names of things are not adverbs. */
function isAdverb(lower: string): boolean {
  if (!lower.endsWith("ly") || lower.length < 6) return false;
  const stem = lower.slice(0, -2);
  return zipf(stem) > 1.5 || zipf(`${stem}le`) > 1.5 || (stem.endsWith("i") && zipf(`${stem.slice(0, -1)}y`) > 1.5);
}

/**
 * A small word other than a connector ends a name; so does a verb ("o1 announcement showed two
 * curves" is a clause, not a name) and a spelled-out amount ("took fifty-six attempts"), except
 * as a version after a name ("Llama two").
 */
function canBeInside(t: Token, previous: Token | undefined): boolean {
  if (VERB_FORMS.has(t.lower)) return false;
  if (isSpelledNumber(t.lower)) return previous !== undefined && isCapitalised(previous);
  return !FUNCTION_WORDS.has(t.lower) || NAME_CONNECTORS.has(t.lower);
}

/** Whitespace inside a surface made single spaces (cheap when there is nothing to do). */
function clean(surface: string): string {
  return /\s[\s]|[\t\n\r\u00a0]/.test(surface) ? surface.replace(/\s+/g, " ") : surface;
}

type WindowVisitor = (
  key: string,
  seg: TokenisedSegment,
  tokens: Token[],
  start: number,
  length: number,
  version: boolean,
) => void;

/**
 * Call `visit` for every window of one to six tokens that could name a term: it starts and ends
 * with a content word (or ends with a version number after a name: "Qwen 3"), crosses no
 * punctuation, and holds no small word but one connector ("mixture of experts").
 */
function forEachWindow(segments: TokenisedSegment[], keyOf: Map<string, string>, visit: WindowVisitor): void {
  for (const seg of segments) {
    const { tokens } = seg;
    const text = seg.segment.text;
    const edge = tokens.map(edgeOf);
    const inside = tokens.map((t, k) => canBeInside(t, tokens[k - 1]));
    for (let i = 0; i < tokens.length; i++) {
      if (edge[i] === Edge.No) continue;
      let connectors = 0;
      // A window bounded by a generic word needs a specific one ("world model", not "whole world").
      let specific = edge[i] === Edge.Yes;
      for (let n = 1; n <= MAX_WORDS && i + n <= tokens.length; n++) {
        const j = i + n - 1;
        const last = tokens[j] as Token;
        if (n > 1 && (last.breakBefore || !inside[j])) break;
        if (NAME_CONNECTORS.has(last.lower) && ++connectors > 1) break;
        if (edge[j] === Edge.Yes) specific = true;
        const version = n > 1 && isNumber(last) && isCapitalised(tokens[j - 1] as Token);
        if (!version && edge[j] === Edge.No) continue;
        if (!specific || (n === 1 && edge[i] === Edge.Beside)) continue;
        const raw = text.slice((tokens[i] as Token).start, last.end);
        let key = keyOf.get(raw);
        if (key === undefined) {
          // variantKey runs a few regexes: once per distinct surface, not once per window.
          key = variantKey(clean(raw));
          keyOf.set(raw, key);
        }
        visit(key, seg, tokens, i, n, version);
      }
    }
  }
}

/**
 * Every candidate term of the episode with all its occurrences, each with a termhood (0..1) from
 * rarity against SUBTLEX, keyness in the episode and, for phrases, how tightly the words stick
 * together. Terms nested in a longer term and never said alone are left out ("latent attention"
 * when it only occurs in "multi-head latent attention").
 */
export function englishTermCandidates(
  segments: TokenisedSegment[],
  options: { keep?: ReadonlySet<string> } = {},
): TermCandidate[] {
  const keep = options.keep ?? new Set<string>();
  // How often each word is said, alone or as a part of a hyphenated word ("post" in "post-training").
  const wordCounts = new Map<string, number>();
  let totalWords = 0;
  for (const seg of segments) {
    for (const t of seg.tokens) {
      wordCounts.set(t.lower, (wordCounts.get(t.lower) ?? 0) + 1);
      if (t.lower.includes("-")) {
        for (const part of t.lower.split("-")) if (part) wordCounts.set(part, (wordCounts.get(part) ?? 0) + 1);
      }
    }
    totalWords += seg.tokens.length;
  }
  // Windows are listed once and counted; tallies are then built only for surfaces said twice
  // (or kept, or acronyms and model names): most windows occur once and need no more work.
  const keyOf = new Map<string, string>();
  const counts = new Map<string, number>();
  const windows: { key: string; seg: TokenisedSegment; i: number; n: number; version: boolean }[] = [];
  forEachWindow(segments, keyOf, (key, seg, _tokens, i, n, version) => {
    counts.set(key, (counts.get(key) ?? 0) + 1);
    windows.push({ key, seg, i, n, version });
  });
  const tallies = new Map<string, Tally>();
  for (const { key, seg, i, n, version } of windows) {
    const tokens = seg.tokens;
    const first = tokens[i] as Token;
    const last = tokens[i + n - 1] as Token;
    let tally = tallies.get(key);
    if (!tally) {
      const window = tokens.slice(i, i + n);
      const acronym = n === 1 && isAcronymToken(first.text);
      // A model's name ("GPT-5", "Claude Opus 4.5") counts from its first mention; a phrase around
      // it ("critical analysis of R1-Zero") is said again before it is a term.
      const named = window.every((t) => isCapitalised(t) || isNumber(t) || isModelLikeToken(t.text));
      const modelLike = version || (named && window.some((t) => isModelLikeToken(t.text)));
      if ((counts.get(key) ?? 0) < 2 && !keep.has(key) && !acronym && !modelLike) continue;
      tally = {
        key,
        acronymVotes: 0,
        forms: new Map(),
        occurrences: [],
        words: window.map((t) => t.lower),
        nameVotes: 0,
        acronym,
        modelLike,
      };
      tallies.set(key, tally);
    }
    if (n === 1 && isAcronymToken(first.text)) tally.acronymVotes++;
    const surface = clean(seg.segment.text.slice(first.start, last.end));
    tally.forms.set(surface, (tally.forms.get(surface) ?? 0) + 1);
    tally.occurrences.push({ segmentId: seg.segment.id, start: first.start, end: last.end });
    if (nameLike(tokens.slice(i, i + n))) tally.nameVotes++;
  }
  for (const t of tallies.values()) t.acronym = t.words.length === 1 && t.acronymVotes * 2 >= t.occurrences.length;
  const kept = [...tallies.values()].filter((t) => keep.has(t.key) || worthKeeping(t));
  const independent = independentCounts(kept);
  const out: TermCandidate[] = [];
  for (const [i, t] of kept.entries()) {
    const alone = independent[i] ?? 0;
    // Said only inside a longer term: it is part of that term's name, not a term of its own.
    if (!keep.has(t.key)) {
      if (alone === 0) continue;
      // An acronym said even once on its own is a name to know ("PPO"); a word needs more.
      if (!t.acronym && alone < 2 && alone < 0.3 * t.occurrences.length) continue;
    }
    const forms = [...t.forms.entries()].sort((a, b) => b[1] - a[1]).map(([f]) => f);
    const isName = t.nameVotes >= Math.max(1, t.occurrences.length / 2);
    const acronym = t.acronym;
    out.push({
      surface: displayForm(forms),
      occurrences: t.occurrences,
      forms,
      isName: isName || acronym,
      isAcronym: acronym,
      isModelLike: t.modelLike,
      termhood: termhood(t, wordCounts, totalWords, alone),
      // Only a word's: a phrase inside a longer one ("reward models" in "process reward models") is still the phrase.
      ...(t.words.length === 1 ? { aloneCount: alone } : {}),
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
  const word = t.words.length === 1 ? (t.words[0] ?? "") : null;
  // An adjective or a participle alone ("verifiable", "bullish", "optimized") qualifies a concept
  // but is not one; nor is a bare amount ("1200X", "100k").
  if (word !== null && (ADJECTIVE.test(word) || isParticiple(word) || /^\d+[a-z]{0,2}$/.test(word))) return false;
  // "regularized", "tokenised": a verb made from a noun or adjective, then its participle; and a
  // prefixed participle ("pre-trained", "self-contained") qualifies what it was done to.
  if (word !== null && (IZED.test(word) || prefixedParticiple(word))) return false;
  // So is a rare word shaped like an adjective ("agentic", "multilingual", "generative"): a
  // field's new nouns are seldom built that way, its new qualifiers often are.
  // ("Anthropic" is a name, said capitalised.)
  const named = t.nameVotes * 2 >= t.occurrences.length;
  if (word !== null && !named && RARE_ADJECTIVE.test(word) && zipf(word) < 2.5) return false;
  // Acronyms and model names count from their first mention: "PPO" may be said once.
  return t.acronym || t.modelLike || t.occurrences.length >= 2;
}

const IZED = /^[a-z]{4,}(?:iz|is|yz|ys)ed$/;

/** "pre-trained", "post-processed": a prefix and a participle. */
function prefixedParticiple(word: string): boolean {
  const m = /^(?:pre|post|re|self|non|co|over|under|mis|un|de)-([a-z]+)$/.exec(word);
  return m !== null && isParticiple(m[1] ?? "");
}

const ADJECTIVE = /^[a-z]{3,}(?:able|ible|ous|ful|ish|less)$/;
const RARE_ADJECTIVE = /^[a-z]{4,}(?:ive|ic|al)$/;

/** "optimized", "curated": an -ed form whose stem is a word. */
function isParticiple(word: string): boolean {
  if (!/^[a-z]{4,}ed$/.test(word)) return false;
  const stem = word.slice(0, -2);
  return zipf(stem) > 1.5 || zipf(`${stem}e`) > 1.5 || zipf(stem.slice(0, -1)) > 1.5;
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
function termhood(t: Tally, wordCounts: Map<string, number>, totalWords: number, alone: number): number {
  const evidence = wordTermhood(t, wordCounts, totalWords);
  // A proper name, capitalised wherever it is said ("Gemini", "Meta", "Boston Dynamics"), is as
  // term-like as an acronym: SUBTLEX's "gemini" or "meta" says nothing of how rare the name is.
  // Not a part of a longer name ("Silicon" of "Silicon Valley"), nor a people's adjective ("Chinese").
  const properName =
    t.nameVotes >= 2 &&
    t.nameVotes * 2 >= t.occurrences.length &&
    alone * 2 >= t.occurrences.length &&
    !(t.words.length === 1 && DEMONYM.test(t.words[0] ?? "")) &&
    [...t.forms.keys()].every((f) => /^\p{Lu}/u.test(f));
  return properName ? Math.max(evidence, PROPER_NAME_TERMHOOD) : evidence;
}

/** How the adjective of a people or a place ends: "Chinese", "American", "European", "British". */
const DEMONYM = /^[a-z]+(?:ese|ian|ean|can|ish)$/;

/** The termhood of a proper name said at least twice: about that of an acronym. */
const PROPER_NAME_TERMHOOD = 0.7;

function wordTermhood(t: Tally, wordCounts: Map<string, number>, totalWords: number): number {
  const count = t.occurrences.length;
  const parts = t.words
    .filter((w) => !NAME_CONNECTORS.has(w) && !/^[\d.,]+$/.test(w))
    .flatMap((w) => w.split("-"))
    .filter((w) => w.length > 0);
  const coined = [...t.forms.keys()].some((f) => isCamel(f));
  const spec = coined ? 1 : Math.max(0, ...parts.map((w) => specificity(w)));
  if (parts.length <= 1) {
    const w = parts[0] ?? t.words[0] ?? "";
    const z = coined ? 0 : zipf(w);
    const keyness = Math.log10(count / totalWords / (10 ** (z - 9) || 1e-9));
    // SUBTLEX has no acronyms, so every one looks maximally rare: "PhD", "IPO" are not.
    const score = t.acronym ? 0.85 : 0.6 * spec + 0.4 * clamp01(keyness / 4);
    // A single everyday English word ("startup", "users") is seldom the concept itself; a name,
    // an acronym or a word SUBTLEX never saw ("autoregressive") may well be.
    // A rare name of a process ("distillation", "quantization", "verification") is the kind of
    // word a field coins for its methods: not an everyday word, however SUBTLEX has seen it.
    const processNoun = z < 3 && /(?:ation|ition|isation|ization)s?$/.test(w);
    const ordinary = !t.acronym && !processNoun && z >= 1 && t.nameVotes < count / 2;
    return ordinary ? 0.7 * score : score;
  }
  // A phrase (or hyphenated compound) bounded by content words and said again is already
  // term-like; more so when its words are rare and seldom said apart ("post" is mostly "post-training").
  // "X of Y" is a fixed name only when X is mostly said in it ("chain of thought", "mixture of
  // experts"); "sequence of actions" and "representations of images" are X described, not named.
  const connected = t.words.some((w) => NAME_CONNECTORS.has(w));
  const apart = connected
    ? (wordCounts.get(t.words[0] ?? "") ?? count)
    : Math.min(...parts.map((w) => wordCounts.get(w) ?? count));
  const cohesion = clamp01(count / Math.max(1, apart));
  // Said again and again as one phrase, it is a fixed expression of the episode ("tool use" x14).
  const repeated = clamp01(Math.log2(count) / 4);
  // Everyday words said together again and again ("chain of thought" x25, "common sense"): the
  // compound is the episode's term, however common its parts; its rarity is the words' cohesion.
  const fixed = 0.85 * cohesion * repeated;
  return 0.3 + 0.3 * Math.max(spec, fixed) + 0.25 * cohesion + 0.15 * repeated;
}

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}
