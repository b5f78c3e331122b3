import { matchTokens } from "./match-text.js";
import { buildQuoteIndex, candidateWindows, type QuoteIndex, type QuoteSegment } from "./quote-index.js";
import { alignWords } from "./word-align.js";

/** Where a quote was found in a transcript, and how closely it matches. */
export interface QuoteMatch {
  found: boolean;
  /** The segment the quote starts in (of its speaker), or null when not found. */
  segmentId: number | null;
  startMs: number | null;
  speaker: string | null;
  /** 0..1: 1 is word for word; found when at least MIN_SIMILARITY. The best seen even when not found. */
  similarity: number;
  /** The transcript's own words for the quote, or null when not found. */
  matchedText: string | null;
  /** Every segment the matched words fall in (two when the quote runs across a paragraph break). */
  segmentIds: number[];
}

/** Below this the closest passage is a different sentence, not a misquote of this one. */
export const MIN_SIMILARITY = 0.6;
/** How close a passage must be; a translated quote is looser than a remembered one. */
export interface LocateOptions {
  /** Default MIN_SIMILARITY. */
  minSimilarity?: number;
}

/** Windows aligned per quote after the candidate filter. */
const CANDIDATES = 12;
/** Quotes this short must match word for word: three common words match anywhere. */
const SHORT_QUOTE_WORDS = 3;

/**
 * Finds a quote in a transcript the way a learner misremembers it: punctuation, case and curly
 * quotes ignored, a few words added, dropped or changed, possibly running across two adjacent
 * paragraphs. Pure; pass a prebuilt `QuoteIndex` to check many quotes against one episode.
 */
export function locateQuote(
  segments: readonly QuoteSegment[] | QuoteIndex,
  quote: string,
  options: LocateOptions = {},
): QuoteMatch {
  const index = "postings" in segments ? segments : buildQuoteIndex(segments);
  const quoteStems = matchTokens(quote).map((t) => t.stem);
  const none: QuoteMatch = {
    found: false,
    segmentId: null,
    startMs: null,
    speaker: null,
    similarity: 0,
    matchedText: null,
    segmentIds: [],
  };
  if (quoteStems.length === 0) return none;

  let best: { window: number; start: number; end: number; similarity: number } | null = null;
  for (const window of candidateWindows(index, quoteStems, CANDIDATES)) {
    const text = windowTokens(index, window).map((t) => t.stem);
    const a = alignWords(quoteStems, text);
    if (a.matches === 0) continue;
    const similarity = 1 - a.edits / Math.max(quoteStems.length, a.end - a.start);
    if (!best || similarity > best.similarity || (similarity === best.similarity && window < best.window)) {
      best = { window, start: a.start, end: a.end, similarity };
    }
  }
  if (!best) return none;
  const similarity = Math.max(0, Math.round(best.similarity * 1000) / 1000);
  const exactNeeded = quoteStems.length <= SHORT_QUOTE_WORDS;
  if (similarity < (options.minSimilarity ?? MIN_SIMILARITY) || (exactNeeded && similarity < 1))
    return { ...none, similarity };
  return describeMatch(index, best.window, best.start, best.end, similarity);
}

/** The tokens of window w (segments w and w+1), each tagged with the segment it came from. */
function windowTokens(index: QuoteIndex, window: number) {
  const out: { stem: string; segment: number; start: number; end: number }[] = [];
  for (const segment of [window, window + 1]) {
    for (const t of index.tokens[segment] ?? []) out.push({ ...t, segment });
  }
  return out;
}

function describeMatch(index: QuoteIndex, window: number, start: number, end: number, similarity: number): QuoteMatch {
  const tokens = windowTokens(index, window).slice(start, end);
  const perSegment = new Map<number, number>();
  for (const t of tokens) perSegment.set(t.segment, (perSegment.get(t.segment) ?? 0) + 1);
  // The speaker is whoever says most of the quoted words; the moment is where the quote starts,
  // unless it starts in another speaker's paragraph.
  let main = tokens[0]?.segment ?? window;
  for (const [segment, count] of perSegment) if (count > (perSegment.get(main) ?? 0)) main = segment;
  const first = tokens[0]?.segment ?? main;
  const mainSegment = index.segments[main] as QuoteSegment;
  const startSegment = (index.segments[first] as QuoteSegment).speaker === mainSegment.speaker ? first : main;
  const anchor = index.segments[startSegment] as QuoteSegment;
  const pieces = [...perSegment.keys()].map((segment) => {
    const inSegment = tokens.filter((t) => t.segment === segment);
    const text = (index.segments[segment] as QuoteSegment).text;
    return text.slice(inSegment[0]?.start ?? 0, inSegment[inSegment.length - 1]?.end ?? 0);
  });
  return {
    found: true,
    segmentId: anchor.id,
    startMs: anchor.startMs,
    speaker: mainSegment.speaker,
    similarity,
    matchedText: pieces.join(" "),
    segmentIds: [...perSegment.keys()].map((segment) => (index.segments[segment] as QuoteSegment).id),
  };
}
