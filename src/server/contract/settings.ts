/** The API contract of the settings page: which model the tutor uses. Keys go in, never out. */

/** One provider of the registry, as plain data. */
export interface LlmProviderJson {
  id: string;
  label: string;
  kind: "google" | "openai" | "anthropic" | "openai-compatible";
  defaultBaseUrl: string;
  suggestedModels: string[];
  needsKey: boolean;
  note: string;
}

/** Where a value in effect comes from. */
export type LlmSettingSourceJson = "env" | "file" | "default";

/** The configuration in effect (environment over the settings file); the key only as a mask. */
export interface LlmCurrentJson {
  provider: string;
  label: string;
  model: string;
  baseUrl: string;
  /** "****wxyz" or "****", or null when no key is set. Never the key. */
  apiKey: string | null;
  sources: {
    provider: LlmSettingSourceJson;
    model: LlmSettingSourceJson;
    baseUrl: LlmSettingSourceJson;
    apiKey?: LlmSettingSourceJson;
  };
}

/** GET /api/settings/llm */
export interface LlmSettingsResponse {
  providers: LlmProviderJson[];
  /** What the settings file holds (key masked); null when there is none. */
  saved: { provider: string; model: string; baseUrl: string | null; apiKey: string | null } | null;
  /** What is in effect; null when the tutor runs offline. */
  current: LlmCurrentJson | null;
  /** A sentence when the configuration cannot be used (a bad variable, a damaged file). */
  problem: string | null;
  /** The environment variables that override the file, by field, and which of them are set now. */
  env: { provider: string; model: string; baseUrl: string; apiKey: string };
  envSet: string[];
}

/**
 * PUT /api/settings/llm. `apiKey`: absent keeps the saved key (for the same provider), null or ""
 * removes it, a string replaces it. `baseUrl` null or "" means the provider's default.
 */
export interface LlmSettingsBody {
  provider: string;
  model: string;
  baseUrl?: string | null;
  apiKey?: string | null;
}

/** DELETE /api/settings/llm removes the file: the tutor goes back offline (unless the environment sets a model). */

/** POST /api/settings/llm/test: one tiny request to the model in effect. */
export type LlmTestResponse =
  | { ok: true; provider: string; model: string; ms: number }
  | {
      ok: false;
      provider: string | null;
      model: string | null;
      problem: "unreachable" | "bad-key" | "unknown-model" | "timeout" | "not-configured" | "other";
      /** A sentence saying exactly what is wrong and where to fix it. */
      message: string;
      ms: number;
    };
