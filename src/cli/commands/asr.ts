import { parseArgs } from "node:util";
import {
  ASR_ENV,
  ASR_PROVIDERS,
  type AsrConfigDescription,
  AsrConfigError,
  type AsrSettings,
  asrSettingsFile,
  describeAsrConfig,
  findAsrProvider,
  noRecogniserMessage,
  readAsrConfig,
  readAsrSettings,
  saveAsrSettings,
  testRecogniser,
} from "../../asr/index.js";
import type { CliContext } from "../context.js";
import { CommandError, UsageError } from "../usage-error.js";

export const ASR_USAGE = `deeplisten asr providers [--json]   the speech recognisers deeplisten can use to transcribe audio
  deeplisten asr set --provider P [--model M] [--base-url U] [--api-key K] [--model-dir D] [--parallel N] [--chunk-seconds S]
                                      choose a recogniser (saved with mode 0600)
  deeplisten asr show [--json]        the recogniser in use (the key masked)
  deeplisten asr test [--json]        send a short sample and say what is wrong, if anything`;

/**
 * `deeplisten asr ...`: list recognisers, choose one, show it, test it. The API key is written only
 * to the settings file and never printed; output shows it masked.
 */
export async function asrCommand(ctx: CliContext, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === "providers") return providers(ctx, rest);
  if (sub === "set") return set(ctx, rest);
  if (sub === "show") return show(ctx, rest);
  if (sub === "test") return test(ctx, rest);
  throw new UsageError(`usage: ${ASR_USAGE}`);
}

function wantsJson(ctx: CliContext, args: string[]): boolean {
  const { values } = parseArgs({ args, options: { json: { type: "boolean" } } });
  return ctx.json || values.json === true;
}

function providers(ctx: CliContext, args: string[]): number {
  if (wantsJson(ctx, args)) {
    ctx.stdout(JSON.stringify({ providers: ASR_PROVIDERS }));
    return 0;
  }
  for (const p of ASR_PROVIDERS) {
    ctx.stdout(`${p.id.padEnd(18)} ${p.label}${p.needsKey ? "" : " (no key needed)"}`);
    if (p.defaultBaseUrl) ctx.stdout(`${" ".repeat(19)}${p.defaultBaseUrl}`);
    ctx.stdout(`${" ".repeat(19)}models: ${p.suggestedModels.join(", ")}`);
    ctx.stdout(`${" ".repeat(19)}${p.note}`);
  }
  ctx.stdout(`\nchoose one: deeplisten asr set --provider <id> [--model <model>] [--base-url <url>] [--api-key <key>]`);
  ctx.stdout(`            deeplisten asr set --provider sherpa-onnx --model-dir <folder>`);
  return 0;
}

function set(ctx: CliContext, args: string[]): number {
  const { values, positionals } = parseArgs({
    args,
    options: {
      provider: { type: "string" },
      model: { type: "string" },
      "base-url": { type: "string" },
      "api-key": { type: "string" },
      "model-dir": { type: "string" },
      parallel: { type: "string" },
      "chunk-seconds": { type: "string" },
      json: { type: "boolean" },
    },
  });
  if (positionals.length > 0 || !values.provider) {
    throw new UsageError(
      "usage: deeplisten asr set --provider P [--model M] [--base-url U] [--api-key K] [--model-dir D] [--parallel N] [--chunk-seconds S]",
    );
  }
  const provider = findAsrProvider(values.provider);
  if (!provider) {
    throw new UsageError(
      `--provider: unknown speech recogniser "${values.provider}"; choose one of ${ASR_PROVIDERS.map((p) => p.id).join(", ")}`,
    );
  }
  const file = asrSettingsFile(ctx.home);
  const previous = safeReadSettings(file);
  const same = previous?.provider === provider.id ? previous : null;
  // Keep a saved key when only the model or URL changes, so switching models does not mean re-typing it.
  const apiKey = values["api-key"] ?? same?.apiKey;
  if (provider.needsKey && apiKey === undefined && !process.env[ASR_ENV.apiKey]) {
    throw new UsageError(`${provider.label} needs an API key: add --api-key <key> (or set ${ASR_ENV.apiKey})`);
  }
  const modelDir = values["model-dir"] ?? same?.modelDir;
  if (provider.kind === "sherpa-onnx" && modelDir === undefined && !process.env[ASR_ENV.modelDir]) {
    throw new UsageError(`sherpa-onnx needs a model folder: add --model-dir <folder> (or set ${ASR_ENV.modelDir})`);
  }
  const number = (flag: string, value: string | undefined): number | undefined => {
    if (value === undefined) return undefined;
    const n = Number(value);
    if (!Number.isFinite(n)) throw new UsageError(`--${flag}: "${value}" is not a number`);
    return n;
  };
  const parallel = number("parallel", values.parallel) ?? same?.parallel;
  const chunkSeconds = number("chunk-seconds", values["chunk-seconds"]) ?? same?.chunkSeconds;
  const model = values.model ?? same?.model;
  const baseUrl = values["base-url"] ?? same?.baseUrl;
  const settings: AsrSettings = {
    provider: provider.id,
    ...(model !== undefined ? { model } : {}),
    ...(baseUrl !== undefined ? { baseUrl } : {}),
    ...(apiKey !== undefined ? { apiKey } : {}),
    ...(modelDir !== undefined ? { modelDir } : {}),
    ...(parallel !== undefined ? { parallel } : {}),
    ...(chunkSeconds !== undefined ? { chunkSeconds } : {}),
  };
  asCommandError(() => saveAsrSettings(file, settings));
  const overridden = Object.values(ASR_ENV).filter((name) => (process.env[name] ?? "").trim() !== "");
  const description = describe(ctx);
  if (ctx.json || values.json === true) {
    ctx.stdout(JSON.stringify({ saved: file, config: description, overriddenBy: overridden }));
    return 0;
  }
  ctx.stdout(`saved ${file} (readable only by you)`);
  if (description) printDescription(ctx, description);
  if (overridden.length > 0) ctx.stderr(`note: ${overridden.join(", ")} in the environment override the file`);
  ctx.stdout("check it with: deeplisten asr test");
  return 0;
}

function show(ctx: CliContext, args: string[]): number {
  const description = describe(ctx);
  if (wantsJson(ctx, args)) {
    ctx.stdout(JSON.stringify({ config: description }));
    return 0;
  }
  if (!description) {
    ctx.stdout(
      `${noRecogniserMessage(asrSettingsFile(ctx.home))}. Or choose one with deeplisten asr set (see deeplisten asr providers).`,
    );
    return 0;
  }
  printDescription(ctx, description);
  return 0;
}

async function test(ctx: CliContext, args: string[]): Promise<number> {
  const json = wantsJson(ctx, args);
  const file = asrSettingsFile(ctx.home);
  const config = asCommandError(() => readAsrConfig(process.env, file));
  if (!config) throw new CommandError(noRecogniserMessage(file));
  const where = config.provider.kind === "sherpa-onnx" ? config.modelDir : config.baseUrl;
  if (!json)
    ctx.stderr(`sending a short sample to ${config.provider.label} (${config.model || "auto"}) at ${where} ...`);
  const result = await testRecogniser(config);
  if (json) {
    ctx.stdout(
      JSON.stringify({ ...result, provider: config.provider.id, model: config.model, baseUrl: config.baseUrl ?? null }),
    );
  } else if (result.ok) {
    const heard =
      result.sample === "speech"
        ? result.heard
          ? `heard “${result.heard}”`
          : "heard nothing in the spoken sample (is the model for this language?)"
        : "answered for a second of silence (install espeak-ng to test with speech)";
    ctx.stdout(`ok: ${config.provider.label} ${heard} in ${result.ms} ms`);
  } else {
    ctx.stdout(`${result.problem}: ${result.message}`);
  }
  return result.ok ? 0 : 1;
}

function describe(ctx: CliContext): AsrConfigDescription | null {
  const file = asrSettingsFile(ctx.home);
  const config = asCommandError(() => readAsrConfig(process.env, file));
  return config ? describeAsrConfig(config, process.env, file) : null;
}

/** Configuration mistakes are the user's to fix: exit code 1 with the sentence, not a stack trace. */
function asCommandError<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof AsrConfigError) throw new CommandError(error.message);
    throw error;
  }
}

/** A broken file must not stop `asr set` from replacing it. */
function safeReadSettings(file: string): AsrSettings | null {
  try {
    return readAsrSettings(file);
  } catch {
    return null;
  }
}

function printDescription(ctx: CliContext, d: AsrConfigDescription): void {
  ctx.stdout(`recogniser  ${d.label} (${d.provider}, from ${d.sources.provider})`);
  if (d.kind === "sherpa-onnx") {
    ctx.stdout(`model dir   ${d.modelDir} (from ${d.sources.modelDir})`);
    ctx.stdout(`model       ${d.model || "told from the folder"} (from ${d.sources.model})`);
  } else {
    ctx.stdout(`model       ${d.model} (from ${d.sources.model})`);
    ctx.stdout(`base URL    ${d.baseUrl} (from ${d.sources.baseUrl})`);
    ctx.stdout(`API key     ${d.apiKey === null ? "none" : `${d.apiKey} (from ${d.sources.apiKey})`}`);
  }
  ctx.stdout(`chunks      ${d.chunkSeconds} s, ${d.parallel} at a time`);
}
