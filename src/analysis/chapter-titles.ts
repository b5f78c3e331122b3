import { foldEnglishWord, isChineseStopGram, isEnglishContentWord, spokenTerms, termRarity } from "./chapter-terms.js";
import type { AnalysisInput } from "./types.js";

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
  surfaces: Map<string, number>;
  /** Occurrences per chapter. */
  perChapter: Map<number, number>;
  total: number;
  /** Rarity in everyday speech, times a bonus for phrases and for named concepts. */
  weight: number;
}

const MAX_TERMS = 3;

/** One title per span, in order. */
export function titleChapters(
  input: AnalysisInput,
  spans: SegmentSpan[],
  keyTerms?: (segmentId: number) => string[],
): string[] {
  const zh = input.language === "zh";
  const candidates = new Map<string, Candidate>();
  const chapterWords = spans.map(() => 0);
  spans.forEach((span, k) => {
    for (let i = span.from; i < span.to; i++) {
      const segment = input.segments[i];
      if (!segment) continue;
      const found = zh ? chineseCandidates(segment.text) : englishCandidates(segment.text);
      chapterWords[k] = (chapterWords[k] ?? 0) + found.words;
      for (const c of found.terms) add(candidates, c.key, c.parts, c.surface, k, c.weight);
      for (const name of keyTerms?.(segment.id) ?? []) {
        const parts = zh ? [name] : name.split(/[\s-]+/).map(foldEnglishWord);
        // A named concept outranks the raw words it is made of (the extractor already judged it).
        add(candidates, `concept:${parts.join(" ")}`, parts, name, k, 1.6);
      }
    }
  });
  const totalWords = chapterWords.reduce((a, b) => a + b, 0);
  return spans.map((_, k) => {
    const inWords = Math.max(1, chapterWords[k] ?? 0);
    const outWords = Math.max(1, totalWords - inWords);
    const scored: { c: Candidate; score: number; count: number }[] = [];
    for (const c of candidates.values()) {
      const count = c.perChapter.get(k) ?? 0;
      if (count < 2) continue;
      // Log-odds of the term here against elsewhere, weighted by how often it is said here.
      const ratio = count / inWords / ((c.total - count + 0.5) / outWords);
      if (ratio <= 1.5) continue;
      scored.push({ c, count, score: count ** 0.8 * Math.log(ratio) * c.weight });
    }
    scored.sort((a, b) => b.score - a.score);
    const picked = pickTerms(scored, spans.length === 1);
    return picked.length > 0 ? joinTitle(picked.map(displayForm), zh) : zh ? `第 ${k + 1} 部分` : `Part ${k + 1}`;
  });
}

function add(
  candidates: Map<string, Candidate>,
  key: string,
  parts: string[],
  surface: string,
  chapter: number,
  weight: number,
): void {
  let c = candidates.get(key);
  if (!c) {
    c = { parts, surfaces: new Map(), perChapter: new Map(), total: 0, weight };
    candidates.set(key, c);
  }
  c.surfaces.set(surface, (c.surfaces.get(surface) ?? 0) + 1);
  c.perChapter.set(chapter, (c.perChapter.get(chapter) ?? 0) + 1);
  c.total++;
}

interface Found {
  words: number;
  terms: { key: string; parts: string[]; surface: string; weight: number }[];
}

/** Content words and two-word phrases of content words said together ("scaling laws"). */
function englishCandidates(text: string): Found {
  const terms = spokenTerms(text, "en");
  const out: Found["terms"] = [];
  terms.forEach((t, i) => {
    out.push({ key: t.key, parts: [t.key], surface: t.surface, weight: termRarity(t.key) });
    const prev = terms[i - 1];
    if (t.adjacent && prev) {
      const rarity = Math.max(termRarity(prev.key), termRarity(t.key));
      out.push({
        key: `${prev.key} ${t.key}`,
        parts: [prev.key, t.key],
        surface: `${prev.surface} ${t.surface}`,
        weight: 1.3 * rarity,
      });
    }
  });
  return { words: text.split(/\s+/).length, terms: out };
}

const CJK_RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/gu;
const LATIN_WORD = /[\p{Script=Latin}\p{N}]+(?:[-.][\p{Script=Latin}\p{N}]+)*/gu;

/** Chinese n-grams of two to four characters that do not hold a particle, and Latin words. */
function chineseCandidates(text: string): Found {
  const out: Found["terms"] = [];
  let words = 0;
  for (const m of text.matchAll(LATIN_WORD)) {
    words++;
    const folded = foldEnglishWord(m[0]);
    if (isEnglishContentWord(folded)) out.push({ key: folded, parts: [folded], surface: m[0], weight: 1 });
  }
  for (const m of text.matchAll(CJK_RUN)) {
    const chars = Array.from(m[0]);
    words += chars.length;
    for (let n = 2; n <= 4; n++) {
      for (let i = 0; i + n <= chars.length; i++) {
        const gram = chars.slice(i, i + n).join("");
        if (isChineseStopGram(gram)) continue;
        // Longer grams are likelier whole terms (混合专家 over 混合, 专家): a small bonus per character.
        out.push({ key: gram, parts: [gram], surface: gram, weight: 0.8 + 0.15 * n });
      }
    }
  }
  return { words, terms: out };
}

/**
 * The best terms that do not repeat each other: a phrase replaces the single word it contains when
 * it is said nearly as often ("scaling laws" over "scaling").
 */
function pickTerms(scored: { c: Candidate; score: number; count: number }[], lenient: boolean): Candidate[] {
  const picked: { c: Candidate; count: number; score: number }[] = [];
  const top = scored[0]?.score ?? 0;
  for (const s of scored) {
    if (picked.length >= MAX_TERMS) break;
    if (picked.length >= 2 && s.score < 0.4 * top && !lenient) break;
    const overlapping = picked.findIndex((p) => overlaps(p.c.parts, s.c.parts));
    if (overlapping < 0) {
      picked.push(s);
      continue;
    }
    const p = picked[overlapping] as { c: Candidate; count: number };
    const longer = joinedLength(s.c.parts) > joinedLength(p.c.parts);
    if (longer && contains(s.c.parts, p.c.parts) && s.count >= 0.5 * p.count) picked[overlapping] = s;
  }
  return picked.map((p) => p.c);
}

function joinedLength(parts: string[]): number {
  return parts.join(" ").length;
}

function overlaps(a: string[], b: string[]): boolean {
  const ja = a.join(" ");
  const jb = b.join(" ");
  return a.some((x) => b.includes(x)) || ja.includes(jb) || jb.includes(ja);
}

function contains(outer: string[], inner: string[]): boolean {
  return outer.join(" ").includes(inner.join(" "));
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
