import {
  foldEnglishWord,
  isChineseStopGram,
  isEnglishContentWord,
  type SpokenTerm,
  spokenTerms,
  termRarity,
} from "./chapter-terms.js";
import type { AnalysisInput } from "./types.js";
import { ChineseGramStats, extendChineseTerm } from "./zh-grams.js";

/**
 * Titles for detected chapters: the two or three terms most distinctive of a chapter against the
 * rest of the episode (said often here, seldom elsewhere, rare in everyday speech), joined the way a
 * person would write them: "Scaling laws, compute and GPUs", "强化学习、奖励模型和蒸馏".
 */

/** A chapter as a range of segment indexes, end exclusive. */
export interface SegmentSpan {
  from: number;
  to: number;
}

interface Candidate {
  /** Folded words (English) or the gram itself (Chinese), to compare candidates that overlap. */
  parts: string[];
  /** How it was said, with counts (the display form is the most frequent). */
  surfaces: Map<string, number>;
  total: number;
  /** Rarity in everyday speech, times a bonus for phrases and for named concepts. */
  weight: number;
}

interface Scored {
  c: Candidate;
  score: number;
  count: number;
}

const MAX_TERMS = 3;

/** One title per span, in order. `keyTerms` gives the concept names said in a segment, when known. */
export function titleChapters(
  input: AnalysisInput,
  spans: SegmentSpan[],
  keyTerms?: (segmentId: number) => string[],
  /** The English terms of each segment when already tokenised (saves a pass). */
  spoken?: SpokenTerm[][],
): string[] {
  const zh = input.language === "zh";
  const candidates = new Map<string, Candidate>();
  const chapterWords = spans.map(() => 0);
  // Counted chapter by chapter, so scoring a chapter visits only the terms said in it.
  const chapterCounts = spans.map(() => new Map<string, number>());
  // The speakers' own names are said everywhere ("Sebastian, what do you think?") and name no topic.
  const excluded = new Set(input.speakers.flatMap((name) => name.split(/\s+/).map(foldEnglishWord)));
  const grams = zh ? new ChineseGramStats(input.segments.map((s) => s.text)) : null;
  const add = (counts: Map<string, number>, key: string, parts: string[], surface: string, weight: number) => {
    let c = candidates.get(key);
    if (!c) {
      c = { parts, surfaces: new Map(), total: 0, weight };
      candidates.set(key, c);
    }
    c.surfaces.set(surface, (c.surfaces.get(surface) ?? 0) + 1);
    c.total++;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  };
  spans.forEach((span, k) => {
    const counts = chapterCounts[k] as Map<string, number>;
    for (let i = span.from; i < span.to; i++) {
      const segment = input.segments[i];
      if (!segment) continue;
      const found = grams
        ? chineseCandidates(segment.text, excluded, grams)
        : englishCandidates(spoken?.[i] ?? spokenTerms(segment.text, "en"), excluded);
      chapterWords[k] = (chapterWords[k] ?? 0) + found.words;
      for (const c of found.terms) add(counts, c.key, c.parts, c.surface, c.weight);
      for (const name of keyTerms?.(segment.id) ?? []) {
        const parts = zh ? [name] : name.split(/\s+/).map(foldEnglishWord);
        // The speakers are concepts too (people), but a chapter is not about who is talking.
        if (parts.every((p) => excluded.has(p))) continue;
        // A named concept outranks the raw words it is made of (the extractor already judged it).
        add(counts, `concept:${parts.join(" ")}`, parts, name, 1.6);
      }
    }
  });
  const totalWords = chapterWords.reduce((a, b) => a + b, 0);
  const single = spans.length === 1;
  return spans.map((_, k) => {
    const inWords = Math.max(1, chapterWords[k] ?? 0);
    const outWords = Math.max(1, totalWords - inWords);
    const scored: Scored[] = [];
    for (const [key, count] of chapterCounts[k] as Map<string, number>) {
      if (count < 2) continue;
      const c = candidates.get(key) as Candidate;
      if (single) {
        // One chapter has nothing to stand out against: the most said rare terms name it.
        scored.push({ c, count, score: count ** 0.8 * c.weight });
        continue;
      }
      // Log-odds of the term here against elsewhere, weighted by how often it is said here.
      const ratio = count / inWords / ((c.total - count + 0.5) / outWords);
      if (ratio <= 1.5) continue;
      scored.push({ c, count, score: count ** 0.8 * Math.log(ratio) * c.weight });
    }
    scored.sort((a, b) => b.score - a.score);
    const span = spans[k] as SegmentSpan;
    const ranked = grams ? growChineseTerms(scored.slice(0, 12), chapterText(input, span)) : scored;
    const picked = pickTerms(ranked);
    const names = picked.map(displayForm).filter((name, n, all) => {
      const norm = (x: string) => x.toLowerCase().replace(/-/g, " ");
      return all.findIndex((other) => norm(other) === norm(name)) === n;
    });
    return names.length > 0 ? joinTitle(names, zh) : zh ? `第 ${k + 1} 部分` : `Part ${k + 1}`;
  });
}

interface Found {
  words: number;
  terms: { key: string; parts: string[]; surface: string; weight: number }[];
}

/** Content words, and phrases of two content words said together ("scaling laws", "mixture of experts"). */
function englishCandidates(terms: SpokenTerm[], excluded: Set<string>): Found {
  const out: Found["terms"] = [];
  terms.forEach((t, i) => {
    if (excluded.has(t.key)) return;
    out.push({ key: t.key, parts: [t.key], surface: t.surface, weight: termRarity(t.key) * partOfSpeechWeight(t.key) });
    const prev = terms[i - 1];
    if ((t.adjacent || t.afterOf) && prev && !excluded.has(prev.key)) {
      const rarity = Math.max(termRarity(prev.key), termRarity(t.key));
      const link = t.afterOf ? " of " : " ";
      out.push({
        key: `${prev.key}${link}${t.key}`,
        parts: [prev.key, t.key],
        surface: `${prev.surface}${link}${t.surface}`,
        weight: 1.3 * rarity,
      });
    }
  });
  // Content words measure the chapter's length: the ratio of here to elsewhere only needs to be consistent.
  return { words: terms.length, terms: out };
}

/**
 * Titles name things: a lone adverb ("fundamentally") or participle ("automated") says little,
 * so those weigh less; there is no tagger offline, the endings are the clue.
 */
function partOfSpeechWeight(key: string): number {
  if (key.length > 4 && key.endsWith("ly")) return 0.3;
  if (key.length > 5 && key.endsWith("ed")) return 0.6;
  return 1;
}

const CJK_RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/gu;
const LATIN_WORD = /[\p{Script=Latin}\p{N}]+(?:[-.][\p{Script=Latin}\p{N}]+)*/gu;

/** Chinese n-grams of two to four characters that are whole terms and hold no particle, and Latin words. */
function chineseCandidates(text: string, excluded: Set<string>, grams: ChineseGramStats): Found {
  const out: Found["terms"] = [];
  let words = 0;
  for (const m of text.matchAll(LATIN_WORD)) {
    words++;
    const folded = foldEnglishWord(m[0]);
    if (isEnglishContentWord(folded) && !excluded.has(folded)) {
      out.push({ key: folded, parts: [folded], surface: m[0], weight: 1 });
    }
  }
  for (const m of text.matchAll(CJK_RUN)) {
    // The CJK ranges matched are in the BMP: one code unit per character, so slices are characters.
    const run = m[0];
    words += run.length;
    for (let n = 2; n <= 4; n++) {
      for (let i = 0; i + n <= run.length; i++) {
        const gram = run.slice(i, i + n);
        if (isChineseStopGram(gram) || !grams.isWholeTerm(gram)) continue;
        // Longer grams are likelier whole terms (混合专家 over 混合, 专家): a small bonus per character.
        out.push({ key: gram, parts: [gram], surface: gram, weight: 0.8 + 0.15 * n });
      }
    }
  }
  return { words, terms: out };
}

function chapterText(input: AnalysisInput, span: SegmentSpan): string {
  return input.segments
    .slice(span.from, span.to)
    .map((s) => s.text)
    .join("\n");
}

const CJK_START = /^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/u;

/** Chinese grams grown to the whole terms they are part of in the chapter (专家混合模 -> 专家混合模型). */
function growChineseTerms(scored: Scored[], text: string): Scored[] {
  return scored.map((s) => {
    const gram = s.c.parts[0] ?? "";
    if (s.c.parts.length !== 1 || !CJK_START.test(gram)) return s;
    const term = extendChineseTerm(gram, text);
    if (term === gram) return s;
    return { ...s, c: { ...s.c, parts: [term], surfaces: new Map([[term, s.count]]) } };
  });
}

/**
 * The best terms that do not repeat each other: a phrase replaces the single word it contains when
 * it is said nearly as often ("scaling laws" over "scaling").
 */
function pickTerms(scored: Scored[]): Candidate[] {
  const picked: Scored[] = [];
  const top = scored[0]?.score ?? 0;
  for (const s of scored) {
    if (picked.length >= MAX_TERMS) break;
    if (picked.length >= 2 && s.score < 0.4 * top) break;
    if (picked.some((p) => overlaps(p.c.parts, s.c.parts))) continue;
    picked.push(s);
  }
  // A phrase said nearly as often as a chosen word says more ("hacker ethic" over "hacker"); the
  // phrase may have ranked below the cut, so the whole list is searched.
  const grown = picked.map((p) => {
    let best = p;
    for (const s of scored) {
      if (s.count < 0.5 * p.count || joinedLength(s.c.parts) <= joinedLength(best.c.parts)) continue;
      if (contains(s.c.parts, p.c.parts) && (best === p || s.score > best.score)) best = s;
    }
    return best;
  });
  const out: Scored[] = [];
  for (const g of grown) {
    const at = out.findIndex((o) => overlaps(o.c.parts, g.c.parts));
    if (at < 0) out.push(g);
    // "Pascal" then "Turbo" grown to "Turbo Pascal": the phrase takes the word's place.
    else if (contains(g.c.parts, (out[at] as Scored).c.parts)) out[at] = g;
  }
  return out.map((p) => p.c);
}

function joinedLength(parts: string[]): number {
  return parts.join(" ").length;
}

function overlaps(a: string[], b: string[]): boolean {
  // "pre-training" said as a word and "Pre-training" named as a concept are one term.
  const ja = a.join(" ").replace(/-/g, " ");
  const jb = b.join(" ").replace(/-/g, " ");
  if (ja.includes(jb) || jb.includes(ja)) return true;
  const sa = a.map(stem);
  return b.some((x) => sa.includes(stem(x)));
}

/** A crude stem, only to see that "compute" and "computing" are one idea in a title. */
function stem(word: string): string {
  return word.replace(/(ation|ing|ers|er|ed|es|e|s)$/, "");
}

function contains(outer: string[], inner: string[]): boolean {
  return outer.join(" ").replace(/-/g, " ").includes(inner.join(" ").replace(/-/g, " "));
}

/** The form most often said; lower case when the word is mostly said in lower case (a capital after a full stop is noise). */
function displayForm(c: Candidate): string {
  let best = "";
  let bestCount = -1;
  let lower = 0;
  let total = 0;
  for (const [surface, count] of c.surfaces) {
    total += count;
    if (surface === surface.toLowerCase()) lower += count;
    if (count > bestCount) {
      best = surface;
      bestCount = count;
    }
  }
  if (best !== best.toLowerCase() && lower * 3 >= total && /^[A-Z][a-z]*( [A-Z]?[a-z]*)*$/.test(best)) {
    return best.toLowerCase();
  }
  return best;
}

/** "A, B and C" (English) or "A、B和C" (Chinese), capitalised like a title. */
export function joinTitle(terms: string[], zh: boolean): string {
  if (terms.length === 0) return "";
  const body =
    terms.length === 1
      ? (terms[0] as string)
      : zh
        ? `${terms.slice(0, -1).join("、")}和${terms.at(-1)}`
        : `${terms.slice(0, -1).join(", ")} and ${terms.at(-1)}`;
  return body.charAt(0).toUpperCase() + body.slice(1);
}
