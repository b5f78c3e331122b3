import { type LocateOptions, locateQuote } from "./locate-quote.js";
import type { QuoteIndex, QuoteSegment } from "./quote-index.js";
import { sameSpeaker } from "./speaker-names.js";

export type AttributionVerdict = "ok" | "wrong-speaker" | "not-found";

/** What the transcript says about a quote the learner credits to someone. */
export interface Attribution {
  found: boolean;
  /** Who says it in the transcript. */
  speaker: string | null;
  startMs: number | null;
  segmentId: number | null;
  similarity: number;
  verdict: AttributionVerdict;
  /** The speaker to credit: the transcript's speaker when found, else null. */
  correctSpeaker: string | null;
}

/**
 * Locates a quote and checks who it is credited to. "ok" when found and the credited name (if any)
 * loosely equals the transcript's speaker ("Nathan" = "Nathan Lambert"); "wrong-speaker" with the
 * right one otherwise; "not-found" when the transcript has no passage close enough. A quote found
 * in an unlabelled paragraph cannot contradict a credit, so it is "ok".
 */
export function attributeQuote(
  segments: readonly QuoteSegment[] | QuoteIndex,
  quote: string,
  creditedSpeaker?: string | null,
  options: LocateOptions = {},
): Attribution {
  const match = locateQuote(segments, quote, options);
  if (!match.found) {
    return {
      found: false,
      speaker: null,
      startMs: null,
      segmentId: null,
      similarity: match.similarity,
      verdict: "not-found",
      correctSpeaker: null,
    };
  }
  const credited = creditedSpeaker?.trim();
  const wrong = Boolean(credited && match.speaker && !sameSpeaker(credited, match.speaker));
  return {
    found: true,
    speaker: match.speaker,
    startMs: match.startMs,
    segmentId: match.segmentId,
    similarity: match.similarity,
    verdict: wrong ? "wrong-speaker" : "ok",
    correctSpeaker: match.speaker,
  };
}
