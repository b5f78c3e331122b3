import { type Attribution, attributeQuote } from "./attribute-quote.js";
import type { QuoteIndex, QuoteSegment } from "./quote-index.js";
import { buildQuoteIndex } from "./quote-index.js";
import { quoteTranslationNeeded, type TranslationDirection } from "./translate-quote.js";

/**
 * A quote's attribution check, through a translation when the quote is written in another language
 * than the transcript's. The translations come from a `TranslationSource` (the model and its cache,
 * wired by the caller), so this stays pure apart from the awaited `ask`.
 */

/** Why a translated quote was not checked: no model; the model failed; or only cached translations could be used. */
export type UncheckedReason = "needs-model" | "model-failed" | "not-translated";

/** An attribution, with how the quote was matched. */
export interface AttributionCheck extends Attribution {
  /** "words": located as written; "translation": located through its translation into the transcript's language. */
  via: "words" | "translation";
  /** The translation that was located (the closest one), when the quote needed one and got one. */
  translation: string | null;
  /** Set when the quote needs a translation that could not be had; the verdict is then "not-found". */
  unchecked: UncheckedReason | null;
  /** A sentence for the learner when `unchecked` is set. */
  problem: string | null;
}

/** Where translations of quotes come from. */
export interface TranslationSource {
  /** Translations already known (the cache), or null: synchronous. */
  known(quote: string, direction: TranslationDirection): string[] | null;
  /** Asks the model; absent when no model is configured. Throws with a sentence when it fails. */
  ask?: (quote: string, direction: TranslationDirection) => Promise<string[]>;
  /** Why there is no model, when a configuration exists but is broken. */
  problem?: string;
}

/** A translation rarely gives the speaker's exact words: a looser match is still the same sentence. */
const TRANSLATION_MIN_SIMILARITY = 0.5;

export const NEEDS_MODEL_SENTENCE = "not found: add a model to check translated quotes";

/**
 * The check of a quote, waiting for a translation when it needs one: located as written when it is
 * in the transcript's language, else through the model's translation (the closest of its readings
 * wins), else "not-found" with the reason.
 */
export async function checkQuote(
  segments: readonly QuoteSegment[] | QuoteIndex,
  quote: string,
  credited?: string | null,
  source?: TranslationSource | null,
): Promise<AttributionCheck> {
  const index = "postings" in segments ? segments : buildQuoteIndex(segments);
  const direction = quoteTranslationNeeded(index, quote);
  if (!direction) return asWords(attributeQuote(index, quote, credited));
  const known = source?.known(quote, direction);
  if (known) return throughTranslation(index, known, credited);
  if (!source?.ask) return unchecked(index, quote, credited, "needs-model", needsModelSentence(source));
  try {
    return throughTranslation(index, await source.ask(quote, direction), credited);
  } catch (error) {
    return unchecked(index, quote, credited, "model-failed", `not checked: ${(error as Error).message}`);
  }
}

/**
 * The same check without waiting for a model: a translated quote is checked only when its
 * translation is already known (for the write-up and other synchronous readers).
 */
export function checkQuoteNow(
  segments: readonly QuoteSegment[] | QuoteIndex,
  quote: string,
  credited?: string | null,
  source?: TranslationSource | null,
): AttributionCheck {
  const index = "postings" in segments ? segments : buildQuoteIndex(segments);
  const direction = quoteTranslationNeeded(index, quote);
  if (!direction) return asWords(attributeQuote(index, quote, credited));
  const known = source?.known(quote, direction);
  if (known) return throughTranslation(index, known, credited);
  if (!source?.ask) return unchecked(index, quote, credited, "needs-model", needsModelSentence(source));
  return unchecked(
    index,
    quote,
    credited,
    "not-translated",
    "not checked yet: this quote is in another language than the transcript; check it with `deeplisten attribute --all` or on the clashes page",
  );
}

function asWords(a: Attribution): AttributionCheck {
  return { ...a, via: "words", translation: null, unchecked: null, problem: null };
}

function throughTranslation(index: QuoteIndex, translations: readonly string[], credited?: string | null) {
  let best: { a: Attribution; text: string } | null = null;
  for (const text of translations) {
    const a = attributeQuote(index, text, credited, { minSimilarity: TRANSLATION_MIN_SIMILARITY });
    const better =
      !best ||
      (a.found && !best.a.found) ||
      (a.found === best.a.found &&
        a.verdict === "ok" &&
        best.a.verdict !== "ok" &&
        a.similarity >= best.a.similarity) ||
      (a.found === best.a.found && a.verdict === best.a.verdict && a.similarity > best.a.similarity);
    if (better) best = { a, text };
  }
  const chosen = best as { a: Attribution; text: string };
  return { ...chosen.a, via: "translation" as const, translation: chosen.text, unchecked: null, problem: null };
}

function unchecked(
  index: QuoteIndex,
  quote: string,
  credited: string | null | undefined,
  reason: UncheckedReason,
  problem: string,
): AttributionCheck {
  // Words the quote shares with the transcript (a name, "RL") may still give a closest passage.
  const a = attributeQuote(index, quote, credited);
  if (a.found) return { ...a, via: "words", translation: null, unchecked: null, problem: null };
  return { ...a, via: "words", translation: null, unchecked: reason, problem };
}

function needsModelSentence(source: TranslationSource | null | undefined): string {
  return source?.problem ? `${NEEDS_MODEL_SENTENCE} (${source.problem})` : NEEDS_MODEL_SENTENCE;
}
