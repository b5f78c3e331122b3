import { type LlmConfig, LlmConfigError, llmSettingsFile, readLlmConfig } from "./config.js";

/** The model to use, or why there is none: no setting at all (offline by choice), or a broken one. */
export type ModelChoice = { config: LlmConfig; problem?: undefined } | { config: null; problem?: string };

/**
 * The library's model configuration (environment over `<home>/llm.json`), read fresh on each call
 * so that a change on the settings page takes effect at once. A broken configuration is not an
 * error for the learner's turn: the offline tutor answers and the sentence says what to fix.
 */
export function readModelChoice(env: NodeJS.ProcessEnv, home: string): ModelChoice {
  try {
    const config = readLlmConfig(env, llmSettingsFile(home));
    return config ? { config } : { config: null };
  } catch (error) {
    if (error instanceof LlmConfigError) return { config: null, problem: error.message };
    throw error;
  }
}
