import { foldEnglishWord, isChineseStopGram, spokenTerms, termRarity } from "./chapter-terms.js";
import { joinTitle } from "./chapter-titles.js";
import { CHALLENGE_MARKERS, PUSHBACK_MARKERS_EN } from "./clash-markers.js";
import type { AnalysisInput, AnalysisSegment } from "./types.js";
import { ChineseGramStats, extendChineseTerm } from "./zh-grams.js";

/**
 * What a clash is about, in a few words: the concepts said in and around the exchange when the
 * concept extractor tells us, else the words most particular to it (said more than once in it,
 * rare in everyday speech, not said all through the episode).
 */

/** Names the exchange made of these segments (indexes into the input, in order). */
export type TopicNamer = (indexes: number[]) => string;

/** Words of the pushback markers themselves ("disagree", "premise"): they say a clash happened, not about what. */
const MARKER_WORDS = new Set(
  [...PUSHBACK_MARKERS_EN.map((m) => m.text), ...CHALLENGE_MARKERS, "agree", "disagree", "premise", "argument"].flatMap(
    (t) => t.split(/[\s,]+/).map(foldEnglishWord),
  ),
);

/** A topic namer for one episode; episode-wide statistics are computed on first use only. */
export function topicNamer(input: AnalysisInput, conceptsAt?: (segmentId: number) => string[]): TopicNamer {
  const segments = input.segments;
  const zh = input.language === "zh";
  let fallback: TopicNamer | null = null;
  let spread: Map<string, number> | null = null;
  return (indexes) => {
    if (conceptsAt) {
      spread ??= conceptSpread(input, conceptsAt);
      const names = conceptsAround(segments, indexes, conceptsAt, spread);
      if (names.length > 0) return joinTitle(names.slice(0, 3), zh);
    }
    fallback ??= zh ? chineseTopics(segments) : englishTopics(segments, input.language);
    return fallback(indexes);
  };
}

/**
 * In how many segments each concept is said. The speakers are left out: they are concepts too
 * (people), but a clash is not about who is talking.
 */
function conceptSpread(input: AnalysisInput, conceptsAt: (segmentId: number) => string[]): Map<string, number> {
  const speakers = new Set(input.speakers.map((s) => s.toLowerCase()));
  const spread = new Map<string, number>();
  for (const s of input.segments) {
    for (const name of conceptsAt(s.id)) {
      if (!speakers.has(name.toLowerCase())) spread.set(name, (spread.get(name) ?? 0) + 1);
    }
  }
  return spread;
}

/**
 * Concepts said in the exchange (counting double) and in the segment before and after it, the most
 * particular first: a concept said all through the episode ("AI", "LLM") names no one exchange.
 */
function conceptsAround(
  segments: AnalysisSegment[],
  indexes: number[],
  conceptsAt: (segmentId: number) => string[],
  spread: Map<string, number>,
): string[] {
  const counts = new Map<string, number>();
  const lo = Math.max(0, (indexes[0] ?? 0) - 1);
  const hi = Math.min(segments.length - 1, (indexes.at(-1) ?? 0) + 1);
  for (let i = lo; i <= hi; i++) {
    const weight = indexes.includes(i) ? 2 : 1;
    for (const name of conceptsAt((segments[i] as AnalysisSegment).id)) {
      if (spread.has(name)) counts.set(name, (counts.get(name) ?? 0) + weight);
    }
  }
  const n = segments.length;
  const score = (name: string, count: number) => count * Math.log(1 + n / (spread.get(name) ?? 1));
  return [...counts].sort((a, b) => score(b[0], b[1]) - score(a[0], a[1])).map(([name]) => name);
}

interface Counted {
  key: string;
  count: number;
  score: number;
}

function englishTopics(segments: AnalysisSegment[], language: AnalysisInput["language"]): TopicNamer {
  const episode = countTerms(segments, segments.keys(), language).counts;
  return (indexes) => {
    const local = countTerms(segments, indexes, language);
    const scored: Counted[] = [...local.counts]
      .filter(([key]) => !key.split(" ").some((w) => MARKER_WORDS.has(w)))
      .map(([key, count]) => ({
        key,
        count,
        score: count ** 1.5 * phraseRarity(key) * Math.log(2 + 100 / (episode.get(key) ?? 1)),
      }))
      .sort((a, b) => b.score - a.score);
    const names = pickDistinct(scored, (c) => c.key.split(" ")).map((c) => local.surfaces.get(c.key) ?? c.key);
    return joinTitle(names, false);
  };
}

function chineseTopics(segments: AnalysisSegment[]): TopicNamer {
  const grams = new ChineseGramStats(segments.map((s) => s.text));
  return (indexes) => {
    const text = indexes.map((i) => (segments[i] as AnalysisSegment).text).join("\n");
    const counts = new Map<string, number>();
    for (const m of text.matchAll(/[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/gu)) {
      const run = m[0];
      for (let n = 2; n <= 4; n++) {
        for (let i = 0; i + n <= run.length; i++) {
          const gram = run.slice(i, i + n);
          if (!isChineseStopGram(gram) && grams.isWholeTerm(gram)) counts.set(gram, (counts.get(gram) ?? 0) + 1);
        }
      }
    }
    const scored: Counted[] = [...counts]
      .map(([key, count]) => ({
        key,
        count,
        score: count ** 1.5 * (0.8 + 0.15 * key.length) * Math.log(2 + 100 / Math.max(1, grams.count(key))),
      }))
      .sort((a, b) => b.score - a.score)
      .slice(0, 12)
      .map((c) => ({ ...c, key: extendChineseTerm(c.key, text) }));
    const names = pickDistinct(scored, (c) => [c.key]).map((c) => c.key);
    return joinTitle(names, true);
  };
}

/**
 * Up to three terms that do not repeat each other, best first; a phrase said at least half as often
 * as a word it contains takes the word's place ("heat" then "heat dissipation").
 */
function pickDistinct(scored: Counted[], partsOf: (c: Counted) => string[]): Counted[] {
  const overlap = (a: Counted, b: Counted) => {
    const pa = partsOf(a);
    const pb = partsOf(b);
    return pa.some((x) => pb.some((y) => x === y || x.includes(y) || y.includes(x)));
  };
  const covers = (outer: Counted, inner: Counted) =>
    outer.key !== inner.key && partsOf(inner).every((x) => partsOf(outer).some((y) => y.includes(x)));
  const picked: Counted[] = [];
  for (const c of scored) {
    if (picked.length >= 3) break;
    const at = picked.findIndex((p) => overlap(p, c));
    if (at < 0) picked.push(c);
    else if (covers(c, picked[at] as Counted) && c.count >= 0.5 * (picked[at] as Counted).count) picked[at] = c;
  }
  const kept = picked.filter((p) => !picked.some((q) => covers(q, p)));
  return kept.filter((p, k) => kept.findIndex((q) => q.key === p.key) === k);
}

/** A phrase is as rare as its rarest word ("scaling laws" as "scaling"). */
function phraseRarity(key: string): number {
  return Math.max(...key.split(" ").map(termRarity));
}

/** Term counts over some segments: content words and two-word phrases, with a surface form of each. */
function countTerms(segments: AnalysisSegment[], indexes: Iterable<number>, language: AnalysisInput["language"]) {
  const counts = new Map<string, number>();
  const surfaces = new Map<string, string>();
  const add = (key: string, surface: string) => {
    counts.set(key, (counts.get(key) ?? 0) + 1);
    if (!surfaces.has(key)) surfaces.set(key, surface);
  };
  for (const i of indexes) {
    const terms = spokenTerms((segments[i] as AnalysisSegment).text, language);
    terms.forEach((t, k) => {
      add(t.key, t.surface);
      const prev = terms[k - 1];
      if (t.adjacent && prev) add(`${prev.key} ${t.key}`, `${prev.surface} ${t.surface}`);
    });
  }
  return { counts, surfaces };
}
