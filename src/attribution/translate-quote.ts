import { generateText } from "ai";
import { z } from "zod";
import { detectLanguage } from "../core/index.js";
import {
  explainLlmError,
  type LlmCache,
  type LlmConfig,
  type LlmModel,
  llmCacheKey,
  ModelOutputError,
  parseModelJson,
} from "../llm/index.js";
import type { QuoteIndex } from "./quote-index.js";

/**
 * A quote the learner wrote in another language than the transcript's (their Chinese rendering of
 * an English podcast, “强化学习后训练更像是技能解锁”) cannot be matched word for word. With a model it
 * is translated back into the transcript's language, and the usual fuzzy location runs on the
 * translation; without one the check says so instead of calling the quote "not in the transcript".
 */

/** The two languages a quote is translated between. */
export type QuoteLanguage = "en" | "zh";

/** Which way a quote must be translated before it can be located, or null when it is in the transcript's language. */
export interface TranslationDirection {
  from: QuoteLanguage;
  to: QuoteLanguage;
}

const LANGUAGE_NAMES: Record<QuoteLanguage, string> = { en: "English", zh: "Chinese" };
/** How many readings of the quote the model may give: the closest one to the transcript wins. */
const MAX_TRANSLATIONS = 3;

const transcriptLanguages = new WeakMap<QuoteIndex, QuoteLanguage | null>();

/** The language of an indexed transcript (English or Chinese; null when neither is clear). Cached per index. */
export function transcriptLanguage(index: QuoteIndex): QuoteLanguage | null {
  if (transcriptLanguages.has(index)) return transcriptLanguages.get(index) ?? null;
  let sample = "";
  for (const s of index.segments) {
    sample += `${s.text}\n`;
    if (sample.length > 200_000) break;
  }
  const detected = detectLanguage(sample);
  const language = detected === "und" ? null : detected;
  transcriptLanguages.set(index, language);
  return language;
}

/** The translation a quote needs to be located in this transcript, or null when none. Pure. */
export function quoteTranslationNeeded(index: QuoteIndex, quote: string): TranslationDirection | null {
  const to = transcriptLanguage(index);
  const from = detectLanguage(quote);
  if (!to || from === "und" || from === to) return null;
  return { from, to };
}

/** The prompt that asks for the quote in the transcript's language, as the speaker would have said it. Pure. */
export function buildQuoteTranslationPrompt(input: { quote: string; from: QuoteLanguage; to: QuoteLanguage }): {
  system: string;
  prompt: string;
} {
  const from = LANGUAGE_NAMES[input.from];
  const to = LANGUAGE_NAMES[input.to];
  const system = [
    `A learner wrote down, in ${from}, a quote from a conversation that was spoken in ${to}. Give the words the speaker most likely said, in spoken ${to}, so the quote can be found in the ${to} transcript.`,
    "Translate literally and keep the sentence's structure; write technical terms the way practitioners say them (RL, pre-training, post-training, mixture of experts). Add nothing.",
    `Answer with one JSON object and nothing else: {"translations": ["<the most likely wording>", "<optionally one or two other likely wordings>"]}`,
  ].join("\n");
  return { system, prompt: `Quote (${from}): ${input.quote}` };
}

const AnswerSchema = z.object({
  translations: z.array(z.string()).min(1),
});

/** The model's answer as one to three non-empty translations, strictly. */
export function parseQuoteTranslation(answer: unknown): string[] {
  const parsed = AnswerSchema.safeParse(typeof answer === "string" ? parseModelJson(answer) : answer);
  if (!parsed.success)
    throw new ModelOutputError(`the translation is not in the asked form (${parsed.error.issues[0]?.message})`);
  const translations = [...new Set(parsed.data.translations.map((t) => t.trim()).filter(Boolean))];
  if (translations.length === 0) throw new ModelOutputError("the translation is empty");
  return translations.slice(0, MAX_TRANSLATIONS);
}

/** A quote could not be translated: the model could not be reached or never answered in the asked form. */
export class QuoteTranslationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "QuoteTranslationError";
  }
}

/** The cache key of a quote's translation by one model. */
export function quoteTranslationCacheKey(config: LlmConfig, quote: string, direction: TranslationDirection): string {
  const prompt = buildQuoteTranslationPrompt({ quote: quote.trim(), ...direction });
  return llmCacheKey({ provider: config.provider.id, model: config.model, purpose: "quote-translation", prompt });
}

/** A translation already in the cache (a valid one), or null. Synchronous: for checks that cannot wait for a model. */
export function cachedQuoteTranslation(
  cache: LlmCache,
  config: LlmConfig,
  quote: string,
  direction: TranslationDirection,
): string[] | null {
  const hit = cache.read<unknown>(quoteTranslationCacheKey(config, quote, direction));
  if (!hit) return null;
  try {
    return parseQuoteTranslation(hit.response);
  } catch {
    // A cached answer that no longer passes (the schema changed): ask again.
    return null;
  }
}

/**
 * Translates a quote with the configured model: the cache first, then one call and one retry told
 * what was wrong with a malformed answer. Throws QuoteTranslationError with a sentence the learner
 * can act on.
 */
export async function translateQuoteWithModel(input: {
  quote: string;
  direction: TranslationDirection;
  config: LlmConfig;
  model: LlmModel;
  cache: LlmCache;
  timeoutMs?: number;
}): Promise<{ translations: string[]; cached: boolean; inputTokens: number; outputTokens: number }> {
  const { config, cache, direction } = input;
  const quote = input.quote.trim();
  const tokens = { inputTokens: 0, outputTokens: 0 };
  const known = cachedQuoteTranslation(cache, config, quote, direction);
  if (known) return { translations: known, cached: true, ...tokens };
  const { system, prompt } = buildQuoteTranslationPrompt({ quote, ...direction });
  const messages: { role: "user" | "assistant"; content: string }[] = [{ role: "user", content: prompt }];
  let problem = "";
  for (let attempt = 0; attempt < 2; attempt++) {
    let text: string;
    try {
      const result = await generateText({
        model: input.model,
        system,
        messages,
        temperature: 0,
        maxOutputTokens: 400,
        maxRetries: 2,
        timeout: input.timeoutMs ?? 60_000,
      });
      text = result.text;
      tokens.inputTokens += result.usage.inputTokens ?? 0;
      tokens.outputTokens += result.usage.outputTokens ?? 0;
    } catch (error) {
      throw new QuoteTranslationError(explainLlmError(error, config).message);
    }
    try {
      const translations = parseQuoteTranslation(text);
      cache.write(quoteTranslationCacheKey(config, quote, direction), { response: { translations }, ...tokens });
      return { translations, cached: false, ...tokens };
    } catch (error) {
      if (!(error instanceof ModelOutputError)) throw error;
      problem = error.message;
      messages.push(
        { role: "assistant", content: text },
        { role: "user", content: `That answer cannot be used: ${problem}. Answer again with only the JSON object.` },
      );
    }
  }
  throw new QuoteTranslationError(
    `${config.provider.label} (model "${config.model}") twice answered with something that is not a translation (${problem}); a larger model usually follows the format.`,
  );
}
