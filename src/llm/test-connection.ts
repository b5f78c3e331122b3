import { APICallError, generateText, RetryError } from "ai";
import { type LlmConfig, whereToFix } from "./config.js";
import { createLanguageModel, type ModelFactoryOptions } from "./model-factory.js";

/** What went wrong, in categories the settings page can react to. */
export type ConnectionProblem = "unreachable" | "bad-key" | "unknown-model" | "timeout" | "other";

/** The outcome of `testConnection`; `message` is a sentence the user can act on and never holds the key. */
export type ConnectionResult =
  | { ok: true; provider: string; model: string; ms: number }
  | { ok: false; provider: string; model: string; problem: ConnectionProblem; message: string; ms: number };

/** How long to wait and which fetch to use. */
export interface TestConnectionOptions extends ModelFactoryOptions {
  /** Give up after this long (default 20 s: a cold local model can take a while to load). */
  timeoutMs?: number;
}

const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EADDRNOTAVAIL",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
]);

/**
 * Send one tiny request to the configured model and say whether it works, and if not, exactly what
 * is wrong and where to fix it. Never retries: a test should answer quickly and honestly.
 */
export async function testConnection(
  config: LlmConfig,
  options: TestConnectionOptions = {},
): Promise<ConnectionResult> {
  const timeoutMs = options.timeoutMs ?? 20_000;
  const started = performance.now();
  const base = { provider: config.provider.id, model: config.model };
  const elapsed = () => Math.round(performance.now() - started);
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  try {
    const model = createLanguageModel(config, options);
    await generateText({
      model,
      prompt: "Reply with the single word OK.",
      // Small but not tiny: reasoning models spend tokens before answering and some reject very low limits.
      maxOutputTokens: 64,
      maxRetries: 0,
      abortSignal: controller.signal,
    });
    return { ok: true, ...base, ms: elapsed() };
  } catch (error) {
    if (timedOut) {
      return {
        ok: false,
        ...base,
        problem: "timeout",
        message: `${config.provider.label} at ${config.baseUrl} did not answer within ${timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`}: the server may be overloaded or still loading "${config.model}"; try again, or check ${whereToFix(config, "baseUrl")}.`,
        ms: elapsed(),
      };
    }
    return { ok: false, ...base, ...explainLlmError(error, config), ms: elapsed() };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Turn an AI SDK error into a problem category and a sentence naming what to fix. Exported so the
 * tutor and enrichment can report failures the same way.
 */
export function explainLlmError(error: unknown, config: LlmConfig): { problem: ConnectionProblem; message: string } {
  const err = RetryError.isInstance(error) ? error.lastError : error;
  const who = `${config.provider.label} at ${config.baseUrl}`;
  const status = APICallError.isInstance(err) ? err.statusCode : undefined;
  const body = APICallError.isInstance(err) ? (err.responseBody ?? "") : "";
  const serverSays = serverMessage(body, config.apiKey);

  const code = networkCode(err);
  if (status === undefined && (code !== undefined || /cannot connect to api/i.test(errorMessage(err)))) {
    return {
      problem: "unreachable",
      message: `Cannot reach ${who}${code ? ` (${code})` : ""}: ${
        config.provider.kind === "openai-compatible" && isLocal(config.baseUrl)
          ? "start the server on this computer, or fix"
          : "check the network, or fix"
      } the address in ${whereToFix(config, "baseUrl")}.`,
    };
  }
  if (status === 401 || status === 403) {
    return {
      problem: "bad-key",
      message: `${who} refused the API key (HTTP ${status}${serverSays ? `: ${serverSays}` : ""}): ${
        config.apiKey === undefined ? "this server needs a key; set one in" : "check or replace the key in"
      } ${whereToFix(config, "apiKey")}.`,
    };
  }
  if (status === 404 || mentionsUnknownModel(body)) {
    const modelNamed = mentionsModel(body);
    return {
      problem: "unknown-model",
      message: modelNamed
        ? `${who} does not know the model "${config.model}"${serverSays ? ` (${serverSays})` : ""}: pick one it serves${
            config.provider.id === "ollama" ? ` (or run: ollama pull ${config.model})` : ""
          } and set it in ${whereToFix(config, "model")}.`
        : `${who} answered 404 Not Found: either the model "${config.model}" does not exist there or the base URL path is wrong (OpenAI-compatible servers usually end in /v1); fix ${whereToFix(config, "model")} or ${whereToFix(config, "baseUrl")}.`,
    };
  }
  if (status === 429) {
    return {
      problem: "other",
      message: `${who} is rate-limiting or out of quota (HTTP 429${serverSays ? `: ${serverSays}` : ""}): wait a minute, or check the plan of the account behind the key.`,
    };
  }
  if (status !== undefined) {
    return {
      problem: "other",
      message: `${who} answered HTTP ${status}${serverSays ? `: ${serverSays}` : ""}${
        status >= 500 ? "; the server had a problem, try again later" : `; check ${whereToFix(config, "model")}`
      }.`,
    };
  }
  return {
    problem: "other",
    message: `The request to ${who} failed: ${redact(errorMessage(err), config.apiKey)}.`,
  };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The first network error code found along the cause chain (fetch wraps the socket error). */
function networkCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current !== null && typeof current === "object"; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && NETWORK_CODES.has(code)) return code;
    const errors = (current as { errors?: unknown }).errors;
    if (Array.isArray(errors)) {
      for (const inner of errors) {
        const innerCode = networkCode(inner);
        if (innerCode) return innerCode;
      }
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The server's own error message, shortened, with the key removed in case the server echoes it. */
function serverMessage(body: string, apiKey: string | undefined): string {
  if (!body) return "";
  let text = body;
  try {
    const json = JSON.parse(body) as { error?: { message?: unknown } | string; message?: unknown };
    const candidate = typeof json.error === "string" ? json.error : (json.error?.message ?? json.message ?? undefined);
    if (typeof candidate === "string") text = candidate;
  } catch {
    // Not JSON (an HTML error page, say): keep the raw text.
  }
  text = redact(text.replace(/\s+/g, " ").trim(), apiKey);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

function redact(text: string, apiKey: string | undefined): string {
  return apiKey && apiKey.length >= 4 ? text.split(apiKey).join("****") : text;
}

function mentionsUnknownModel(body: string): boolean {
  return /model_not_found|model[^.]{0,80}(not found|does not exist|not exist|unknown|invalid)|unknown model|no such model/i.test(
    body,
  );
}

function mentionsModel(body: string): boolean {
  return /model/i.test(body);
}

function isLocal(baseUrl: string): boolean {
  try {
    const host = new URL(baseUrl).hostname;
    return host === "localhost" || host === "127.0.0.1" || host === "[::1]" || host === "::1";
  } catch {
    return false;
  }
}
