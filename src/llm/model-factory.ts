import { createAnthropic } from "@ai-sdk/anthropic";
import { createGoogleGenerativeAI } from "@ai-sdk/google";
import { createOpenAI } from "@ai-sdk/openai";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import type { LanguageModel } from "ai";
import type { LlmConfig } from "./config.js";

/** A model object (not a gateway model id string), ready for generateText / streamText. */
export type LlmModel = Exclude<LanguageModel, string>;

/** Extra wiring, mainly for tests that need to see the exact request a provider sends. */
export interface ModelFactoryOptions {
  fetch?: typeof globalThis.fetch;
}

/**
 * The AI SDK language model for a configuration, built with the provider package that speaks that
 * provider's own API (Gemini and Anthropic are not OpenAI-compatible; every local server is).
 */
export function createLanguageModel(config: LlmConfig, options: ModelFactoryOptions = {}): LlmModel {
  const { provider, model, baseUrl, apiKey } = config;
  const fetch = options.fetch ? { fetch: options.fetch } : {};
  switch (provider.kind) {
    case "google":
      return createGoogleGenerativeAI({ baseURL: baseUrl, apiKey: apiKey ?? "", ...fetch })(model);
    case "openai":
      return createOpenAI({ baseURL: baseUrl, apiKey: apiKey ?? "", ...fetch })(model);
    case "anthropic":
      return createAnthropic({ baseURL: baseUrl, apiKey: apiKey ?? "", ...fetch })(model);
    case "openai-compatible":
      return createOpenAICompatible({
        name: provider.id,
        baseURL: baseUrl,
        // Local servers run without a key; sending "Authorization: Bearer " would make some refuse.
        ...(apiKey !== undefined ? { apiKey } : {}),
        // Token counts of streamed answers are needed for accounting.
        includeUsage: true,
        ...fetch,
      }).chatModel(model);
  }
}
