import { parseArgs } from "node:util";
import {
  describeLlmConfig,
  LLM_ENV,
  LlmConfigError,
  llmSettingsFile,
  readLlmConfig,
  readLlmSettings,
  saveLlmSettings,
} from "../../llm/config.js";
import { findProvider, LLM_PROVIDERS, providerIds } from "../../llm/providers.js";
import { testConnection } from "../../llm/test-connection.js";
import type { CliContext } from "../context.js";
import { CommandError, UsageError } from "../usage-error.js";

export const LLM_USAGE = `deeplisten llm providers [--json]   the model providers deeplisten can use
  deeplisten llm set --provider P --model M [--base-url U] [--api-key K]   choose a model (saved with mode 0600)
  deeplisten llm show [--json]        the model in use (the key masked)
  deeplisten llm test [--json]        send one tiny request and say what is wrong, if anything`;

/**
 * `deeplisten llm ...`: list providers, choose a model, show it, test it. The API key is written
 * only to the settings file and never printed; output shows it masked.
 */
export async function llmCommand(ctx: CliContext, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === "providers") return providers(ctx, rest);
  if (sub === "set") return set(ctx, rest);
  if (sub === "show") return show(ctx, rest);
  if (sub === "test") return test(ctx, rest);
  throw new UsageError(`usage: ${LLM_USAGE}`);
}

/** --json may reach a subcommand when the command is called directly rather than through main. */
function wantsJson(ctx: CliContext, args: string[]): boolean {
  const { values } = parseArgs({ args, options: { json: { type: "boolean" } } });
  return ctx.json || values.json === true;
}

function providers(ctx: CliContext, args: string[]): number {
  if (wantsJson(ctx, args)) {
    ctx.stdout(JSON.stringify({ providers: LLM_PROVIDERS }));
    return 0;
  }
  for (const p of LLM_PROVIDERS) {
    ctx.stdout(`${p.id.padEnd(10)} ${p.label}${p.needsKey ? "" : " (no key needed)"}`);
    ctx.stdout(`           ${p.defaultBaseUrl}`);
    ctx.stdout(`           models: ${p.suggestedModels.join(", ")}`);
    ctx.stdout(`           ${p.note}`);
  }
  ctx.stdout(`\nchoose one: deeplisten llm set --provider <id> --model <model> [--api-key <key>]`);
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
      json: { type: "boolean" },
    },
  });
  if (positionals.length > 0 || !values.provider || !values.model) {
    throw new UsageError("usage: deeplisten llm set --provider P --model M [--base-url U] [--api-key K]");
  }
  const provider = findProvider(values.provider);
  if (!provider) {
    throw new UsageError(
      `--provider: unknown provider "${values.provider}"; choose one of ${providerIds().join(", ")}`,
    );
  }
  const file = llmSettingsFile(ctx.home);
  const previous = safeReadSettings(file);
  // Keep a saved key when only the model or URL changes, so switching models does not mean re-typing it.
  const apiKey = values["api-key"] ?? (previous?.provider === provider.id ? previous.apiKey : undefined);
  if (provider.needsKey && apiKey === undefined && !process.env[LLM_ENV.apiKey]) {
    throw new UsageError(`${provider.label} needs an API key: add --api-key <key> (or set ${LLM_ENV.apiKey})`);
  }
  asCommandError(() =>
    saveLlmSettings(file, {
      provider: provider.id,
      model: values.model as string,
      ...(values["base-url"] ? { baseUrl: values["base-url"] } : {}),
      ...(apiKey !== undefined ? { apiKey } : {}),
    }),
  );
  const overridden = Object.values(LLM_ENV).filter((name) => (process.env[name] ?? "").trim() !== "");
  const config = loadConfig(ctx);
  const description = config ? describeLlmConfig(config) : null;
  if (ctx.json || values.json === true) {
    ctx.stdout(JSON.stringify({ saved: file, config: description, overriddenBy: overridden }));
    return 0;
  }
  ctx.stdout(`saved ${file} (readable only by you)`);
  if (description) printDescription(ctx, description);
  if (overridden.length > 0) ctx.stderr(`note: ${overridden.join(", ")} in the environment override the file`);
  ctx.stdout("check it with: deeplisten llm test");
  return 0;
}

function show(ctx: CliContext, args: string[]): number {
  const config = loadConfig(ctx);
  const description = config ? describeLlmConfig(config) : null;
  if (wantsJson(ctx, args)) {
    ctx.stdout(JSON.stringify({ config: description }));
    return 0;
  }
  if (!description) {
    ctx.stdout(
      `no model configured: deeplisten works offline. Choose one with deeplisten llm set (see deeplisten llm providers).`,
    );
    return 0;
  }
  printDescription(ctx, description);
  return 0;
}

async function test(ctx: CliContext, args: string[]): Promise<number> {
  const json = wantsJson(ctx, args);
  const config = loadConfig(ctx);
  if (!config) {
    throw new CommandError(
      `no model configured: choose one with deeplisten llm set --provider P --model M, or set ${LLM_ENV.provider} and ${LLM_ENV.model}`,
    );
  }
  if (!json) ctx.stderr(`asking ${config.provider.label} (${config.model}) at ${config.baseUrl} ...`);
  const result = await testConnection(config);
  if (json) {
    ctx.stdout(JSON.stringify({ ...result, baseUrl: config.baseUrl }));
  } else if (result.ok) {
    ctx.stdout(`ok: ${config.provider.label} answered with ${result.model} in ${result.ms} ms`);
  } else {
    ctx.stdout(`${result.problem}: ${result.message}`);
  }
  return result.ok ? 0 : 1;
}

function loadConfig(ctx: CliContext) {
  return asCommandError(() => readLlmConfig(process.env, llmSettingsFile(ctx.home)));
}

/** Configuration mistakes are the user's to fix: exit code 1 with the sentence, not a stack trace. */
function asCommandError<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof LlmConfigError) throw new CommandError(error.message);
    throw error;
  }
}

/** A broken file must not stop `llm set` from replacing it. */
function safeReadSettings(file: string) {
  try {
    return readLlmSettings(file);
  } catch {
    return null;
  }
}

function printDescription(ctx: CliContext, d: ReturnType<typeof describeLlmConfig>): void {
  ctx.stdout(`provider  ${d.label} (${d.provider}, from ${d.sources.provider})`);
  ctx.stdout(`model     ${d.model} (from ${d.sources.model})`);
  ctx.stdout(`base URL  ${d.baseUrl} (from ${d.sources.baseUrl})`);
  ctx.stdout(`API key   ${d.apiKey === null ? "none" : `${d.apiKey} (from ${d.sources.apiKey})`}`);
}
