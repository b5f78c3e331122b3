/** The LLM module's public surface: provider registry, configuration, model factory, connection test, cache, tolerant output parsing, token estimates. */

export { type CachedResponse, type LlmCache, llmCacheKey } from "./cache.js";
export {
  describeLlmConfig,
  LLM_ENV,
  type LlmConfig,
  type LlmConfigDescription,
  LlmConfigError,
  type LlmSettingSource,
  type LlmSettings,
  llmSettingsFile,
  maskKey,
  readLlmConfig,
  readLlmSettings,
  saveLlmSettings,
  whereToFix,
} from "./config.js";
export { ModelOutputError, parseModelJson } from "./json-output.js";
export { type ModelChoice, readModelChoice } from "./model-choice.js";
export { createLanguageModel, type LlmModel, type ModelFactoryOptions } from "./model-factory.js";
export { findProvider, LLM_PROVIDERS, type LlmProvider, type ProviderKind, providerIds } from "./providers.js";
export {
  type ConnectionProblem,
  type ConnectionResult,
  explainLlmError,
  type TestConnectionOptions,
  testConnection,
} from "./test-connection.js";
export { createThinkFilter, stripThinking } from "./think.js";
export { estimateTokens } from "./tokens.js";
