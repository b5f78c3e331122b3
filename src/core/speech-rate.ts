import { countWords } from "./text.js";
import type { Language } from "./transcript.js";

/**
 * Speaking rates for estimated timelines, measured on the corpus's timed transcripts of long
 * conversations: English 149-196 words a minute (#416, #490, #459, #333), so 185; the Chinese
 * translation of #459 runs at about 288 characters a minute, so 280 (countWords counts one CJK
 * character as one word).
 */
export const SPEECH_RATE_PER_MINUTE: Readonly<Record<Language, number>> = { en: 185, zh: 280, und: 185 };

/** How long the text takes to say at the usual rate of its language, in milliseconds. */
export function estimateSpeakingMs(text: string, language: Language = "en"): number {
  return Math.round((countWords(text) / SPEECH_RATE_PER_MINUTE[language]) * 60_000);
}
