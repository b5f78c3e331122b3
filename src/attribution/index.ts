export { type Attribution, type AttributionVerdict, attributeQuote } from "./attribute-quote.js";
export {
  type AttributionCheck,
  checkQuote,
  checkQuoteNow,
  NEEDS_MODEL_SENTENCE,
  type TranslationSource,
  type UncheckedReason,
} from "./check-quote.js";
export {
  buildClaimPrompt,
  type ClaimCheck,
  ClaimCheckError,
  type ClaimVerdict,
  checkClaimWithModel,
  claimPassages,
  parseClaimAnswer,
} from "./claim-check.js";
export { type LocateOptions, locateQuote, MIN_SIMILARITY, type QuoteMatch } from "./locate-quote.js";
export { findQuotations, type Quotation } from "./quotations.js";
export { buildQuoteIndex, type QuoteIndex, type QuoteSegment } from "./quote-index.js";
export { resolveSpeakerName, sameSpeaker } from "./speaker-names.js";
export {
  guessHost,
  type LabelledSegment,
  type LabelSuggestion,
  type SuspicionRule,
  type SuspiciousLabelInput,
  suggestSpeakerLabels,
} from "./suspicious-labels.js";
export {
  buildQuoteTranslationPrompt,
  cachedQuoteTranslation,
  parseQuoteTranslation,
  type QuoteLanguage,
  QuoteTranslationError,
  quoteTranslationCacheKey,
  quoteTranslationNeeded,
  type TranslationDirection,
  transcriptLanguage,
  translateQuoteWithModel,
} from "./translate-quote.js";
