import { type MatchToken, matchTokens } from "./match-text.js";

/**
 * The candidate filter in front of the alignment: an inverted index from word stems to segments, so
 * a quote is aligned only against the few places that share its rarer words, not 45,000 words of a
 * 4½-hour transcript.
 */

/** A transcript paragraph as the matcher needs it. */
export interface QuoteSegment {
  id: number;
  startMs: number;
  speaker: string | null;
  text: string;
}

/** Segments tokenised once, with the postings of every stem. */
export interface QuoteIndex {
  segments: readonly QuoteSegment[];
  tokens: MatchToken[][];
  /** Stem -> indices (into `segments`) of the segments that contain it, ascending, unique. */
  postings: Map<string, number[]>;
}

/** Tokenises and indexes a transcript; build once when checking many quotes against one episode. */
export function buildQuoteIndex(segments: readonly QuoteSegment[]): QuoteIndex {
  const tokens = segments.map((s) => matchTokens(s.text));
  const postings = new Map<string, number[]>();
  tokens.forEach((list, index) => {
    for (const t of list) {
      const p = postings.get(t.stem);
      if (!p) postings.set(t.stem, [index]);
      else if (p[p.length - 1] !== index) p.push(index);
    }
  });
  return { segments, tokens, postings };
}

/**
 * Start indices of two-segment windows (segment i and i+1, so a quote may run across a paragraph
 * break), best first by the summed rarity (idf) of the distinct quote stems they contain.
 */
export function candidateWindows(index: QuoteIndex, quoteStems: readonly string[], limit: number): number[] {
  const n = index.segments.length;
  const scores = new Map<number, number>();
  for (const stem of new Set(quoteStems)) {
    const postings = index.postings.get(stem);
    if (!postings) continue;
    const idf = Math.log((n + 1) / (postings.length + 0.5));
    // Words in nearly every paragraph say nothing about where the quote is.
    if (idf <= 0.1) continue;
    let previous = -2;
    for (const p of postings) {
      // Window w covers segments w and w+1: a stem in segment p scores windows p-1 and p, once each.
      if (p - 1 > previous && p - 1 >= 0) scores.set(p - 1, (scores.get(p - 1) ?? 0) + idf);
      if (p < n) scores.set(p, (scores.get(p) ?? 0) + idf);
      previous = p;
    }
  }
  return [...scores.entries()]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, limit)
    .map(([w]) => w);
}
