/**
 * The API contract of speech recognition settings (`/api/settings/asr`): which recogniser turns
 * audio into transcripts. Keys go in, never out: answers carry a mask at most.
 */

/** One recogniser deeplisten knows, as plain data. */
export interface AsrProviderJson {
  id: string;
  label: string;
  kind: "openai-compatible" | "sherpa-onnx";
  defaultBaseUrl: string | null;
  suggestedModels: string[];
  needsKey: boolean;
  note: string;
}

/** Where a value in effect comes from. */
export type AsrSettingSourceJson = "env" | "file" | "default";

/** The recogniser in effect (environment over the settings file); the key only as a mask. */
export interface AsrCurrentJson {
  provider: string;
  label: string;
  kind: "openai-compatible" | "sherpa-onnx";
  model: string;
  baseUrl: string | null;
  modelDir: string | null;
  /** "****wxyz" or "****", or null when no key is set. Never the key. */
  apiKey: string | null;
  parallel: number;
  chunkSeconds: number;
  sources: {
    provider: AsrSettingSourceJson;
    model: AsrSettingSourceJson;
    baseUrl: AsrSettingSourceJson;
    apiKey: AsrSettingSourceJson;
    modelDir: AsrSettingSourceJson;
  };
}

/** GET /api/settings/asr (also the answer to PUT and DELETE). */
export interface AsrSettingsResponse {
  providers: AsrProviderJson[];
  /** What `<library>/asr.json` holds (key masked); null when there is none. */
  saved: {
    provider: string;
    model: string | null;
    baseUrl: string | null;
    modelDir: string | null;
    apiKey: string | null;
    parallel: number | null;
    chunkSeconds: number | null;
  } | null;
  /** What is in effect; null when no recogniser is configured (audio cannot be transcribed). */
  current: AsrCurrentJson | null;
  /** A sentence when the configuration cannot be used, or says what to configure when there is none. */
  problem: string | null;
  /** The settings file's path, for messages. */
  file: string;
  /** The environment variables that override the file, by field, and which of them are set now. */
  env: {
    provider: string;
    baseUrl: string;
    model: string;
    apiKey: string;
    modelDir: string;
    parallel: string;
    chunkSeconds: string;
  };
  envSet: string[];
}

/**
 * PUT /api/settings/asr. `apiKey`: absent keeps the saved key (for the same provider), null or ""
 * removes it, a string replaces it. Empty `baseUrl` means the provider's default; `modelDir` is for sherpa-onnx.
 */
export interface AsrSettingsBody {
  provider: string;
  model?: string | null;
  baseUrl?: string | null;
  apiKey?: string | null;
  modelDir?: string | null;
  parallel?: number | null;
  chunkSeconds?: number | null;
}

/** What a test found wrong. */
export type AsrProblemJson =
  | "not-configured"
  | "unreachable"
  | "timeout"
  | "bad-key"
  | "unknown-model"
  | "no-endpoint"
  | "bad-answer"
  | "no-model-folder"
  | "other";

/**
 * POST /api/settings/asr/test: sends a short spoken sample (or a second of silence without
 * espeak-ng) to the recogniser in effect.
 */
export type AsrTestResponse =
  | { ok: true; provider: string; model: string; ms: number; sample: "speech" | "silence"; heard: string }
  | { ok: false; provider: string | null; model: string | null; problem: AsrProblemJson; message: string };
