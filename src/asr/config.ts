import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { z } from "zod";
import {
  ASR_PROVIDERS,
  type AsrProvider,
  asrProviderIds,
  findAsrProvider,
  SHERPA_MODELS,
  WHISPER_CPP_MODELS,
} from "./providers.js";

/** The environment variables, named so messages can point at them. */
export const ASR_ENV = {
  provider: "DEEPLISTEN_ASR_PROVIDER",
  baseUrl: "DEEPLISTEN_ASR_BASE_URL",
  model: "DEEPLISTEN_ASR_MODEL",
  apiKey: "DEEPLISTEN_ASR_API_KEY",
  modelDir: "DEEPLISTEN_ASR_MODEL_DIR",
  parallel: "DEEPLISTEN_ASR_PARALLEL",
  chunkSeconds: "DEEPLISTEN_ASR_CHUNK_SECONDS",
} as const;

/** A complete recogniser configuration. `apiKey` must never be printed. */
export interface AsrConfig {
  provider: AsrProvider;
  model: string;
  /** HTTP providers: the /v1 base URL. */
  baseUrl?: string;
  apiKey?: string;
  /** sherpa-onnx: the model folder. */
  modelDir?: string;
  /** How many chunks are transcribed at once. */
  parallel: number;
  /** The length a chunk aims for; cuts fall in the nearest good silence. */
  chunkSeconds: number;
}

/** What `asr.json` holds. */
export interface AsrSettings {
  provider: string;
  model?: string;
  baseUrl?: string;
  apiKey?: string;
  modelDir?: string;
  parallel?: number;
  chunkSeconds?: number;
}

/** A configuration that cannot be used; the message names the variable or file to fix. */
export class AsrConfigError extends Error {
  readonly where: string;
  constructor(where: string, message: string) {
    super(message);
    this.name = "AsrConfigError";
    this.where = where;
  }
}

const optionalText = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v),
  z.string().optional(),
);
const httpUrl = z.url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" });
const parallel = z.coerce.number().int().min(1, "must be at least 1").max(16, "must be at most 16");
// Whisper reads 30-second windows; below 5 s a chunk has too little context to recognise well.
const chunkSeconds = z.coerce.number().min(5, "must be at least 5").max(1200, "must be at most 1200");

function blankIsUnset<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema);
}

const EnvSchema = z.object({
  [ASR_ENV.provider]: optionalText,
  [ASR_ENV.baseUrl]: optionalText.pipe(httpUrl.optional()),
  [ASR_ENV.model]: optionalText,
  [ASR_ENV.apiKey]: optionalText,
  [ASR_ENV.modelDir]: optionalText,
  [ASR_ENV.parallel]: blankIsUnset(parallel.optional()),
  [ASR_ENV.chunkSeconds]: blankIsUnset(chunkSeconds.optional()),
});

const SettingsSchema = z.object({
  provider: z.string().trim().min(1, "provider is empty"),
  model: optionalText,
  baseUrl: optionalText.pipe(httpUrl.optional()),
  apiKey: optionalText,
  modelDir: optionalText,
  parallel: parallel.optional(),
  chunkSeconds: chunkSeconds.optional(),
});

/** The settings file inside a library folder. */
export function asrSettingsFile(home: string): string {
  return join(home, "asr.json");
}

/** Reads and validates `asr.json`; null when it does not exist. */
export function readAsrSettings(file: string): AsrSettings | null {
  if (!existsSync(file)) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new AsrConfigError(file, `${file} is not valid JSON (${(error as Error).message}); fix or delete it`);
  }
  const parsed = SettingsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AsrConfigError(file, `${file}: "${issue?.path.join(".") || "(top level)"}" ${issue?.message}`);
  }
  return parsed.data;
}

/** Writes `asr.json` readable by the owner only (0600): it may hold an API key. */
export function saveAsrSettings(file: string, settings: AsrSettings): void {
  const parsed = SettingsSchema.safeParse(settings);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AsrConfigError(file, `cannot save ${file}: "${issue?.path.join(".")}" ${issue?.message}`);
  }
  if (!findAsrProvider(parsed.data.provider)) {
    throw new AsrConfigError(file, unknownProvider(parsed.data.provider, file));
  }
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(parsed.data, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temp, 0o600);
  renameSync(temp, file);
  chmodSync(file, 0o600);
}

/**
 * The recogniser configuration from the environment and `asr.json` (each variable overrides the
 * file's field); null when neither names a recogniser. A model folder alone means sherpa-onnx.
 */
export function readAsrConfig(env: NodeJS.ProcessEnv, settingsFile?: string): AsrConfig | null {
  const parsedEnv = EnvSchema.safeParse(env);
  if (!parsedEnv.success) {
    const issue = parsedEnv.error.issues[0];
    const name = String(issue?.path[0]);
    throw new AsrConfigError(name, `environment variable ${name} ${issue?.message}`);
  }
  const e = parsedEnv.data;
  const file = settingsFile ? readAsrSettings(settingsFile) : null;
  const fileName = settingsFile ?? "asr.json";
  const envProvider = e[ASR_ENV.provider] ?? (e[ASR_ENV.modelDir] !== undefined ? "sherpa-onnx" : undefined);
  const providerId = envProvider ?? file?.provider;
  if (providerId === undefined) return null;
  const providerWhere = envProvider !== undefined ? ASR_ENV.provider : fileName;
  const provider = findAsrProvider(providerId);
  if (!provider) throw new AsrConfigError(providerWhere, unknownProvider(providerId, providerWhere));
  // A file written for another recogniser must not lend its URL or key to this one.
  const fromFile = file !== null && file.provider === provider.id ? file : null;
  const common = {
    provider,
    parallel: e[ASR_ENV.parallel] ?? fromFile?.parallel ?? (provider.kind === "sherpa-onnx" ? 1 : 2),
    chunkSeconds: e[ASR_ENV.chunkSeconds] ?? fromFile?.chunkSeconds ?? (provider.kind === "sherpa-onnx" ? 20 : 120),
  };

  if (provider.kind === "sherpa-onnx") {
    const modelDir = e[ASR_ENV.modelDir] ?? fromFile?.modelDir;
    if (modelDir === undefined) {
      throw new AsrConfigError(
        ASR_ENV.modelDir,
        `sherpa-onnx needs a model folder: set ${ASR_ENV.modelDir} to a Whisper, SenseVoice or Paraformer folder from ${SHERPA_MODELS}`,
      );
    }
    return { ...common, model: e[ASR_ENV.model] ?? fromFile?.model ?? "", modelDir };
  }

  const baseUrl = e[ASR_ENV.baseUrl] ?? fromFile?.baseUrl ?? provider.defaultBaseUrl;
  if (baseUrl === undefined) {
    throw new AsrConfigError(
      ASR_ENV.baseUrl,
      `${provider.label} needs its address: set ${ASR_ENV.baseUrl} (for example http://127.0.0.1:8000/v1)`,
    );
  }
  const apiKey = e[ASR_ENV.apiKey] ?? fromFile?.apiKey;
  if (provider.needsKey && apiKey === undefined) {
    throw new AsrConfigError(ASR_ENV.apiKey, `${provider.label} needs an API key: set ${ASR_ENV.apiKey}`);
  }
  return {
    ...common,
    model: e[ASR_ENV.model] ?? fromFile?.model ?? (provider.suggestedModels[0] as string),
    baseUrl: baseUrl.replace(/\/+$/, ""),
    ...(apiKey !== undefined ? { apiKey } : {}),
  };
}

/** The id a transcription is stored under: chunks from another recogniser or model are not reused. */
export function recogniserId(config: AsrConfig): string {
  if (config.provider.kind === "sherpa-onnx") return `sherpa-onnx:${config.model || "auto"}:${config.modelDir}`;
  return `${config.provider.id}:${config.model}@${config.baseUrl}`;
}

/**
 * What to say when no recogniser is configured: the variables or file to set, and where models come from.
 */
export function noRecogniserMessage(settingsFile: string): string {
  const servers = ASR_PROVIDERS.filter((p) => p.kind === "openai-compatible").map((p) => p.id);
  return `no speech recogniser is configured: set ${ASR_ENV.provider} to a transcription server (${servers.join(", ")}; with ${ASR_ENV.baseUrl}, ${ASR_ENV.model} and ${ASR_ENV.apiKey} as it needs), or ${ASR_ENV.modelDir} to a local sherpa-onnx model folder, in the environment or in ${settingsFile}; models for whisper.cpp's server come from ${WHISPER_CPP_MODELS}, Whisper, SenseVoice and Paraformer folders for sherpa-onnx (npm install sherpa-onnx-node) from ${SHERPA_MODELS}`;
}

function unknownProvider(id: string, where: string): string {
  return `${where}: unknown speech recogniser "${id}"; choose one of ${asrProviderIds().join(", ")}`;
}
