import {
  buildQuoteIndex,
  type ClaimCheck,
  ClaimCheckError,
  checkClaimWithModel,
  type QuoteIndex,
  QuoteTranslationError,
  quoteTranslationNeeded,
  resolveSpeakerName,
  translateQuoteWithModel,
} from "../attribution/index.js";
import { createLanguageModel, readModelChoice } from "../llm/index.js";
import { getSegments, listSpeakers, type Store, sqliteLlmCache } from "../store/index.js";

/**
 * A claim in the learner's own words (a stance cell's position, `deeplisten attribute --claim`)
 * checked with the library's model against the passages that bear on it. A claim written in
 * another language than the transcript's is translated first, only to find those passages; the
 * model reads the claim as the learner wrote it and explains in its language. Cached.
 */

/** The check, with the translation the passages were searched with (null: the claim's own words). */
export interface EpisodeClaimCheck extends ClaimCheck {
  /** The speaker the claim was checked against (the name as the transcript spells it), or null. */
  speaker: string | null;
  translation: string | null;
}

export type ClaimOutcome =
  | { ok: true; check: EpisodeClaimCheck }
  /** "needs-model": none configured (or a broken configuration); "model-failed": it could not answer. */
  | { ok: false; reason: "needs-model" | "model-failed"; message: string };

export const CLAIM_NEEDS_MODEL =
  "checking a claim in your own words needs a model: configure one on the settings page or with `deeplisten llm` (a quote can be checked without one)";

export async function checkEpisodeClaim(
  store: Store,
  home: string,
  input: { episodeId: string; claim: string; speaker?: string | null; index?: QuoteIndex },
  env: NodeJS.ProcessEnv = process.env,
): Promise<ClaimOutcome> {
  const choice = readModelChoice(env, home);
  if (!choice.config) {
    return { ok: false, reason: "needs-model", message: choice.problem ?? CLAIM_NEEDS_MODEL };
  }
  const config = choice.config;
  const cache = sqliteLlmCache(store);
  const model = createLanguageModel(config);
  const index = input.index ?? buildQuoteIndex(getSegments(store, input.episodeId));
  const names = listSpeakers(store, input.episodeId).map((s) => s.name);
  const written = input.speaker?.trim() || null;
  const speaker = written ? (resolveSpeakerName(names, written) ?? written) : null;
  const claim = input.claim.trim();
  let translation: string | null = null;
  let tokens = { inputTokens: 0, outputTokens: 0 };
  try {
    const direction = quoteTranslationNeeded(index, claim);
    if (direction) {
      const translated = await translateQuoteWithModel({ quote: claim, direction, config, model, cache });
      translation = translated.translations[0] ?? null;
      tokens = { inputTokens: translated.inputTokens, outputTokens: translated.outputTokens };
      const searchText = translated.translations.join("\n");
      const check = await checkClaimWithModel({ index, claim, speaker, config, model, cache, searchText });
      return { ok: true, check: withTokens({ ...check, speaker, translation }, tokens) };
    }
    const check = await checkClaimWithModel({ index, claim, speaker, config, model, cache });
    return { ok: true, check: { ...check, speaker, translation } };
  } catch (error) {
    if (error instanceof ClaimCheckError || error instanceof QuoteTranslationError) {
      return { ok: false, reason: "model-failed", message: error.message };
    }
    throw error;
  }
}

function withTokens(check: EpisodeClaimCheck, extra: { inputTokens: number; outputTokens: number }) {
  return {
    ...check,
    inputTokens: check.inputTokens + extra.inputTokens,
    outputTokens: check.outputTokens + extra.outputTokens,
  };
}
