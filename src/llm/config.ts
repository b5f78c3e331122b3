import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { z } from "zod";
import { findProvider, type LlmProvider, providerIds } from "./providers.js";

/** Where a setting came from, so an error can say exactly what to edit. */
export type LlmSettingSource = "env" | "file" | "default";

/** A complete, validated model configuration. `apiKey` must never be printed: use `describeLlmConfig`. */
export interface LlmConfig {
  provider: LlmProvider;
  model: string;
  baseUrl: string;
  apiKey?: string;
  /** Where each value came from: an environment variable, the settings file, or the registry default. */
  sources: {
    provider: LlmSettingSource;
    model: LlmSettingSource;
    baseUrl: LlmSettingSource;
    apiKey?: LlmSettingSource;
  };
  /** The settings file that was consulted, if any (named in messages even when it did not exist). */
  settingsFile?: string;
}

/** What `llm.json` holds. */
export interface LlmSettings {
  provider: string;
  model: string;
  baseUrl?: string;
  apiKey?: string;
}

/** The environment variables and settings-file fields, named so messages can point at them. */
export const LLM_ENV = {
  provider: "DEEPLISTEN_LLM_PROVIDER",
  model: "DEEPLISTEN_LLM_MODEL",
  baseUrl: "DEEPLISTEN_LLM_BASE_URL",
  apiKey: "DEEPLISTEN_LLM_API_KEY",
} as const;

/** A configuration that cannot be used; the message names the variable or file to fix. */
export class LlmConfigError extends Error {
  /** The environment variable or file path to fix. */
  readonly where: string;
  constructor(where: string, message: string) {
    super(message);
    this.name = "LlmConfigError";
    this.where = where;
  }
}

// Empty strings count as unset: `export DEEPLISTEN_LLM_BASE_URL=` is a common way to clear a value.
const optionalText = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v),
  z.string().optional(),
);

const httpUrl = z.url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" });

const EnvSchema = z.object({
  [LLM_ENV.provider]: optionalText,
  [LLM_ENV.model]: optionalText,
  [LLM_ENV.baseUrl]: optionalText.pipe(httpUrl.optional()),
  [LLM_ENV.apiKey]: optionalText,
});

const SettingsSchema = z.object({
  provider: z.string().trim().min(1, "provider is empty"),
  model: z.string().trim().min(1, "model is empty"),
  baseUrl: optionalText.pipe(httpUrl.optional()),
  apiKey: optionalText,
});

/** The settings file inside a library folder. */
export function llmSettingsFile(home: string): string {
  return join(home, "llm.json");
}

/** Read and validate `llm.json`; null when it does not exist. Errors name the file and the field. */
export function readLlmSettings(file: string): LlmSettings | null {
  if (!existsSync(file)) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new LlmConfigError(
      file,
      `${file} is not valid JSON (${(error as Error).message}): fix it, or rewrite it with deeplisten llm set`,
    );
  }
  const parsed = SettingsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join(".") || "(top level)";
    throw new LlmConfigError(
      file,
      `${file}: "${field}" ${issue?.message}; fix it, or rewrite it with deeplisten llm set`,
    );
  }
  return parsed.data;
}

/**
 * Write `llm.json` readable by the owner only (0600), because it may hold an API key. Written to a
 * temporary file first so a crash never leaves half a file, and chmod'ed because `mode` is ignored
 * when a file already exists.
 */
export function saveLlmSettings(file: string, settings: LlmSettings): void {
  const parsed = SettingsSchema.safeParse(settings);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new LlmConfigError(file, `cannot save ${file}: "${issue?.path.join(".")}" ${issue?.message}`);
  }
  const provider = findProvider(parsed.data.provider);
  if (!provider) throw new LlmConfigError(file, unknownProviderMessage(parsed.data.provider, "--provider"));
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(parsed.data, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temp, 0o600);
  renameSync(temp, file);
  chmodSync(file, 0o600);
}

/**
 * The model configuration from the environment and the settings file; null when neither names a
 * provider (deeplisten then stays offline). Each environment variable overrides the file's field,
 * so a one-off `DEEPLISTEN_LLM_MODEL=... deeplisten ask` works without editing the file.
 */
export function readLlmConfig(env: NodeJS.ProcessEnv, settingsFile?: string): LlmConfig | null {
  const parsedEnv = EnvSchema.safeParse(env);
  if (!parsedEnv.success) {
    const issue = parsedEnv.error.issues[0];
    const name = String(issue?.path[0]);
    throw new LlmConfigError(name, `environment variable ${name} ${issue?.message}`);
  }
  const e = parsedEnv.data;
  const file = settingsFile ? readLlmSettings(settingsFile) : null;
  const fileName = settingsFile ?? "llm.json";

  const envProvider = e[LLM_ENV.provider];
  const providerId = envProvider ?? file?.provider;
  if (providerId === undefined) {
    if (e[LLM_ENV.model] !== undefined || e[LLM_ENV.baseUrl] !== undefined || e[LLM_ENV.apiKey] !== undefined) {
      throw new LlmConfigError(
        LLM_ENV.provider,
        `${LLM_ENV.provider} is not set, but other DEEPLISTEN_LLM_* variables are: set it to one of ${providerIds().join(", ")}`,
      );
    }
    return null;
  }
  const providerWhere = envProvider !== undefined ? LLM_ENV.provider : fileName;
  const provider = findProvider(providerId);
  if (!provider) throw new LlmConfigError(providerWhere, unknownProviderMessage(providerId, providerWhere));

  // A file written for another provider must not lend its model, URL or key to this one.
  const sameProvider = file !== null && file.provider === provider.id;
  const fromFile = sameProvider ? file : null;

  const model = e[LLM_ENV.model] ?? fromFile?.model;
  if (model === undefined) {
    throw new LlmConfigError(
      LLM_ENV.model,
      `no model chosen for ${provider.label}: set ${LLM_ENV.model} (for example ${provider.suggestedModels[0]}) or run deeplisten llm set --provider ${provider.id} --model <model>`,
    );
  }
  const baseUrl = e[LLM_ENV.baseUrl] ?? fromFile?.baseUrl ?? provider.defaultBaseUrl;
  const apiKey = e[LLM_ENV.apiKey] ?? fromFile?.apiKey;
  if (provider.needsKey && apiKey === undefined) {
    throw new LlmConfigError(
      LLM_ENV.apiKey,
      `${provider.label} needs an API key: set ${LLM_ENV.apiKey} or run deeplisten llm set --provider ${provider.id} --model ${model} --api-key <key>`,
    );
  }
  const source = (envValue: string | undefined, fileValue: string | undefined): LlmSettingSource =>
    envValue !== undefined ? "env" : fileValue !== undefined ? "file" : "default";
  return {
    provider,
    model,
    baseUrl: baseUrl.replace(/\/+$/, ""),
    ...(apiKey !== undefined ? { apiKey } : {}),
    sources: {
      provider: envProvider !== undefined ? "env" : "file",
      model: source(e[LLM_ENV.model], fromFile?.model),
      baseUrl: source(e[LLM_ENV.baseUrl], fromFile?.baseUrl),
      ...(apiKey !== undefined ? { apiKey: source(e[LLM_ENV.apiKey], fromFile?.apiKey) } : {}),
    },
    ...(settingsFile !== undefined ? { settingsFile } : {}),
  };
}

/** What may be shown to the user or sent to the browser: everything but the key itself. */
export interface LlmConfigDescription {
  provider: string;
  label: string;
  kind: LlmProvider["kind"];
  model: string;
  baseUrl: string;
  /** A masked hint such as "****wxyz", or null when no key is set. */
  apiKey: string | null;
  sources: LlmConfig["sources"];
}

/** The configuration for display; the key is masked down to its last four characters at most. */
export function describeLlmConfig(config: LlmConfig): LlmConfigDescription {
  return {
    provider: config.provider.id,
    label: config.provider.label,
    kind: config.provider.kind,
    model: config.model,
    baseUrl: config.baseUrl,
    apiKey: config.apiKey === undefined ? null : maskKey(config.apiKey),
    sources: { ...config.sources },
  };
}

/** "****" plus the last four characters, and only for keys long enough that four reveal little. */
export function maskKey(key: string): string {
  return key.length >= 16 ? `****${key.slice(-4)}` : "****";
}

/** Where the user should fix a setting, as a phrase: the variable if it came from there, else the file. */
export function whereToFix(config: LlmConfig, field: "model" | "baseUrl" | "apiKey" | "provider"): string {
  const source = config.sources[field];
  const file = config.settingsFile ?? "llm.json";
  const flag = { model: "--model", baseUrl: "--base-url", apiKey: "--api-key", provider: "--provider" }[field];
  if (source === "env") return `the environment variable ${LLM_ENV[field]}`;
  if (source === "file") return `${file} (deeplisten llm set ${flag} <value>)`;
  return `${LLM_ENV[field]} or with deeplisten llm set ${flag} <value>`;
}

function unknownProviderMessage(id: string, where: string): string {
  return `${where}: unknown provider "${id}"; choose one of ${providerIds().join(", ")} (any OpenAI-compatible server works as vllm with a base URL)`;
}
