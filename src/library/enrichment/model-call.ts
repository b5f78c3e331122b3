import { APICallError, generateText, RetryError } from "ai";
import { type LlmCache, llmCacheKey } from "../../llm/cache.js";
import type { LlmConfig } from "../../llm/config.js";
import { ModelOutputError, parseModelJson } from "../../llm/json-output.js";
import { createLanguageModel, type ModelFactoryOptions } from "../../llm/model-factory.js";
import { explainLlmError } from "../../llm/test-connection.js";

/**
 * One enrichment request: cached by a hash of provider, model and prompt; the answer parsed
 * tolerantly and validated strictly; an invalid answer is sent back once with what was wrong. The
 * SDK retries 429 (honouring Retry-After) and 5xx twice; what still fails is a ModelCallError that
 * says whether trying again later may help.
 */

/** The model could not be asked: `transient` when waiting may fix it (429, 5xx, timeout, network). */
export class ModelCallError extends Error {
  constructor(
    message: string,
    readonly transient: boolean,
  ) {
    super(message);
    this.name = "ModelCallError";
  }
}

/** The model answered twice with something unusable; the step is skipped with this reason. */
export class ModelAnswerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ModelAnswerError";
  }
}

/** How requests are made for one enrichment run. */
export interface ModelCallContext {
  config: LlmConfig;
  cache: LlmCache;
  fetch?: ModelFactoryOptions["fetch"];
  /** Per request (default 180 s: a local model writing two languages is slow). */
  timeoutMs?: number;
  /** Called with the tokens of every request actually sent. */
  onUsage?: (inputTokens: number, outputTokens: number) => void;
}

/** A validated answer and what it cost (0 when it came from the cache). */
export interface CallOutcome<T> {
  value: T;
  inputTokens: number;
  outputTokens: number;
  cached: boolean;
}

/** The cache key of an enrichment request. */
export function enrichmentCacheKey(config: LlmConfig, purpose: string, prompt: { system: string; prompt: string }) {
  return llmCacheKey({
    provider: config.provider.id,
    model: config.model,
    purpose: `enrich-${purpose}`,
    prompt: { system: prompt.system, prompt: prompt.prompt },
  });
}

/**
 * Asks for JSON and returns `accept(json)`; `accept` throws ModelOutputError for an answer that
 * does not pass. The accepted value is what is cached, so a cached answer is always a valid one.
 */
export async function callForJson<T>(
  ctx: ModelCallContext,
  purpose: string,
  prompt: { system: string; prompt: string },
  accept: (json: unknown) => T,
  maxOutputTokens: number,
): Promise<CallOutcome<T>> {
  const key = enrichmentCacheKey(ctx.config, purpose, prompt);
  const cached = ctx.cache.read<unknown>(key);
  if (cached) {
    try {
      return { value: accept(cached.response), inputTokens: 0, outputTokens: 0, cached: true };
    } catch {
      // A cached answer that no longer passes (the schema changed): ask again.
    }
  }
  const model = createLanguageModel(ctx.config, ctx.fetch ? { fetch: ctx.fetch } : {});
  const messages: { role: "user" | "assistant"; content: string }[] = [{ role: "user", content: prompt.prompt }];
  let inputTokens = 0;
  let outputTokens = 0;
  let problem = "";
  for (let attempt = 0; attempt < 2; attempt++) {
    let text: string;
    try {
      const result = await generateText({
        model,
        system: prompt.system,
        messages,
        temperature: 0.2,
        maxOutputTokens,
        maxRetries: 2,
        timeout: ctx.timeoutMs ?? 180_000,
      });
      text = result.text;
      const used = { input: result.usage.inputTokens ?? 0, output: result.usage.outputTokens ?? 0 };
      inputTokens += used.input;
      outputTokens += used.output;
      ctx.onUsage?.(used.input, used.output);
    } catch (error) {
      throw toModelCallError(error, ctx.config);
    }
    try {
      const json = parseModelJson(text);
      const value = accept(json);
      ctx.cache.write(key, { response: json, inputTokens, outputTokens });
      return { value, inputTokens, outputTokens, cached: false };
    } catch (error) {
      if (!(error instanceof ModelOutputError)) throw error;
      problem = error.message;
      messages.push(
        { role: "assistant", content: text },
        {
          role: "user",
          content: `That answer cannot be used: ${problem}. Answer again with only the JSON object described.`,
        },
      );
    }
  }
  throw new ModelAnswerError(
    `${ctx.config.provider.label} (model "${ctx.config.model}") twice answered with something unusable (${problem})`,
  );
}

/** An SDK failure as a sentence and whether it is worth trying again later. */
export function toModelCallError(error: unknown, config: LlmConfig): ModelCallError {
  const transient = isTransientLlmError(error);
  if (isTimeout(error)) {
    return new ModelCallError(
      `${config.provider.label} at ${config.baseUrl} took too long to answer (model "${config.model}"): it may be overloaded or still loading the model`,
      true,
    );
  }
  return new ModelCallError(explainLlmError(error, config).message.replace(/\.$/, ""), transient);
}

const NETWORK =
  /ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|UND_ERR|socket|fetch failed|terminated/i;

/**
 * Transient: rate limits (429), server errors (5xx), 408/409, timeouts and a network that is down
 * or dropped the connection; trying later may work. Permanent: a refused key (401/403), an unknown
 * model or path (404), a request the server rejects (400, e.g. too long): the settings must change.
 */
export function isTransientLlmError(error: unknown): boolean {
  const err = RetryError.isInstance(error) ? error.lastError : error;
  if (APICallError.isInstance(err)) {
    if (err.statusCode !== undefined) return err.isRetryable;
    return true;
  }
  if (isTimeout(err)) return true;
  for (let e: unknown = err, depth = 0; e && depth < 6; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    const message = (e as { message?: unknown }).message;
    if ((typeof code === "string" && NETWORK.test(code)) || (typeof message === "string" && NETWORK.test(message))) {
      return true;
    }
  }
  return false;
}

function isTimeout(error: unknown): boolean {
  const err = RetryError.isInstance(error) ? error.lastError : error;
  for (let e: unknown = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const name = (e as { name?: string }).name;
    if (name === "TimeoutError" || name === "AbortError") return true;
  }
  return false;
}
