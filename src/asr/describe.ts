import { ASR_ENV, type AsrConfig, type AsrSettings, readAsrSettings } from "./config.js";

/** Where a value in effect comes from. */
export type AsrSettingSource = "env" | "file" | "default";

/** The recogniser in effect, safe to print or send to a browser: the key only as a mask. */
export interface AsrConfigDescription {
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
    provider: AsrSettingSource;
    model: AsrSettingSource;
    baseUrl: AsrSettingSource;
    apiKey: AsrSettingSource;
    modelDir: AsrSettingSource;
  };
}

/** "****" plus the last four characters, and only for keys long enough that four reveal little. */
export function maskAsrKey(key: string): string {
  return key.length >= 16 ? `****${key.slice(-4)}` : "****";
}

/** Describes a configuration read with `readAsrConfig(env, file)`, naming where each value came from. */
export function describeAsrConfig(config: AsrConfig, env: NodeJS.ProcessEnv, file?: string): AsrConfigDescription {
  let saved: AsrSettings | null = null;
  try {
    saved = file ? readAsrSettings(file) : null;
  } catch {
    saved = null;
  }
  const fromFile = saved?.provider === config.provider.id ? saved : null;
  const set = (name: string) => (env[name] ?? "").trim() !== "";
  const source = (name: string, inFile: unknown): AsrSettingSource =>
    set(name) ? "env" : inFile !== undefined && inFile !== null ? "file" : "default";
  return {
    provider: config.provider.id,
    label: config.provider.label,
    kind: config.provider.kind,
    model: config.model,
    baseUrl: config.baseUrl ?? null,
    modelDir: config.modelDir ?? null,
    apiKey: config.apiKey === undefined ? null : maskAsrKey(config.apiKey),
    parallel: config.parallel,
    chunkSeconds: config.chunkSeconds,
    sources: {
      provider: set(ASR_ENV.provider) || set(ASR_ENV.modelDir) ? "env" : "file",
      model: source(ASR_ENV.model, fromFile?.model),
      baseUrl: source(ASR_ENV.baseUrl, fromFile?.baseUrl),
      apiKey: source(ASR_ENV.apiKey, fromFile?.apiKey),
      modelDir: source(ASR_ENV.modelDir, fromFile?.modelDir),
    },
  };
}
