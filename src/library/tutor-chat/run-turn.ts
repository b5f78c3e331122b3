import { streamText } from "ai";
import { llmCacheKey } from "../../llm/cache.js";
import type { LlmConfig } from "../../llm/config.js";
import { createLanguageModel, type ModelFactoryOptions } from "../../llm/model-factory.js";
import { explainLlmError } from "../../llm/test-connection.js";
import { createThinkFilter } from "../../llm/think.js";
import { type Store, sqliteLlmCache } from "../../store/index.js";
import { type Citation, resolveCitations } from "../../tutor/chat/citations.js";
import { offlineAnswer } from "../../tutor/chat/offline-answer.js";
import { buildTutorPrompt, questionKey } from "../../tutor/chat/prompt.js";
import type { TutorLanguage } from "../../tutor/lesson.js";
import { loadConceptContext, promptCard, retrievalConcept, TutorRequestError } from "./context.js";
import { retrievePassages } from "./retrieval.js";
import { loadThread, saveExchange } from "./thread.js";

/** The outcome of one tutor turn: what `deeplisten ask --json` prints. */
export interface TurnResult {
  answer: string;
  citations: Citation[];
  /** "offline", or the provider id that answered (also when the answer came from the cache). */
  provider: string;
  /** The model that answered; null for the offline tutor. */
  model: string | null;
  /** Tokens this turn sent and received: 0 when cached or offline, since nothing was sent. */
  inputTokens: number;
  outputTokens: number;
  cached: boolean;
}

/** What a turn needs. */
export interface TurnInput {
  store: Store;
  /** The library folder (the learner's own packs). */
  home: string;
  episodeId: string;
  conceptId: number;
  question: string;
  language: TutorLanguage;
  /** The configured model; null to run offline. */
  config: LlmConfig | null;
  /** Why the configuration could not be used, when it could not (a sentence naming what to fix). */
  configProblem?: string;
  /** Receives the answer as it is written (already without `<think>` blocks). */
  onDelta?: (text: string) => void;
  /** Stops waiting for the model (the offline tutor then answers). */
  signal?: AbortSignal;
  /** Test wiring: the fetch the provider uses. */
  fetch?: ModelFactoryOptions["fetch"];
  /** Give up on a model that stops sending for this long (default 60 s) or takes longer than 3 min in all. */
  timeouts?: { chunkMs?: number; totalMs?: number };
}

/** The longest question a learner can ask in one turn (characters). */
export const MAX_QUESTION_CHARS = 4000;

/**
 * One turn of the tutor for a concept of an episode: retrieve the moments that matter, ask the model
 * (streaming) or, without one, assemble the offline answer from the lesson; resolve the cited times
 * to the moments given; keep question and answer in the concept's thread. An answer already in the
 * cache for the same provider, model and prompt is replayed without a request. When the model fails
 * (network, key, timeout), the offline tutor answers and says why, so the learner is never left
 * without an answer.
 */
export async function runTutorTurn(input: TurnInput): Promise<TurnResult> {
  const question = input.question.trim();
  if (!question) throw new TutorRequestError("the question is empty: type what you want to know", 400);
  if (question.length > MAX_QUESTION_CHARS) {
    throw new TutorRequestError(`the question is too long (at most ${MAX_QUESTION_CHARS} characters)`, 400);
  }
  const { store } = input;
  const ctx = loadConceptContext(store, input.home, input.episodeId, input.conceptId, input.language);
  const passages = retrievePassages(store, { episodeId: input.episodeId, question, concept: retrievalConcept(ctx) });
  const thread = loadThread(store, ctx.concept.id, input.episodeId);
  const emit = input.onDelta ?? (() => {});

  const offline = (modelFailure?: string): TurnResult => {
    const { answer, moments } = offlineAnswer({
      lesson: ctx.lesson,
      language: input.language,
      passages,
      ...(modelFailure ? { modelFailure } : {}),
      turn: thread.filter((m) => m.role === "user").length,
    });
    return {
      answer,
      citations: resolveCitations(answer, moments),
      provider: "offline",
      model: null,
      inputTokens: 0,
      outputTokens: 0,
      cached: false,
    };
  };
  const finish = (result: TurnResult): TurnResult => {
    saveExchange(store, { conceptId: ctx.concept.id, episodeId: input.episodeId, question, ...result });
    return result;
  };

  if (!input.config) {
    const result = offline(input.configProblem);
    emit(result.answer);
    return finish(result);
  }
  const config = input.config;
  const prompt = buildTutorPrompt({
    conceptName: ctx.lesson.conceptName,
    episodeTitle: ctx.episodeTitle,
    language: input.language,
    card: promptCard(ctx),
    passages,
    history: thread.map((m) => ({ role: m.role, content: m.content })),
    question,
  });
  // The question is keyed as normalised ("Why X?" and "why x" are one question); the rest of the
  // prompt exactly, so any change of context (retrieval, card, history) asks the model again.
  const keyedPrompt = {
    system: prompt.system,
    messages: [...prompt.messages.slice(0, -1), { role: "user", content: questionKey(question) }],
  };
  const key = llmCacheKey({
    provider: config.provider.id,
    model: config.model,
    purpose: "tutor-turn",
    prompt: keyedPrompt,
  });
  const cached = sqliteLlmCache(store).read<{ answer: string }>(key);
  if (cached?.response.answer) {
    emit(cached.response.answer);
    return finish({
      answer: cached.response.answer,
      citations: resolveCitations(cached.response.answer, passages),
      provider: config.provider.id,
      model: config.model,
      inputTokens: 0,
      outputTokens: 0,
      cached: true,
    });
  }

  const filter = createThinkFilter();
  let answer = "";
  const write = (text: string) => {
    if (!text) return;
    answer += text;
    emit(text);
  };
  let failure: unknown = null;
  let usage = { inputTokens: 0, outputTokens: 0 };
  let completed = false;
  try {
    const result = streamText({
      model: createLanguageModel(config, input.fetch ? { fetch: input.fetch } : {}),
      system: prompt.system,
      messages: prompt.messages,
      maxOutputTokens: 1200,
      temperature: 0.3,
      maxRetries: 2,
      timeout: { chunkMs: input.timeouts?.chunkMs ?? 60_000, totalMs: input.timeouts?.totalMs ?? 180_000 },
      ...(input.signal ? { abortSignal: input.signal } : {}),
      // Errors arrive in the stream and are explained to the learner; the SDK's default logs the
      // whole request to the console, which is noise (and not where a learner looks).
      onError: () => {},
    });
    for await (const part of result.fullStream) {
      if (part.type === "text-delta") write(filter.push(part.text));
      else if (part.type === "error") {
        failure = part.error;
        break;
      } else if (part.type === "abort") {
        // Not stopped by the caller, so stopped by the timeouts above.
        failure = input.signal?.aborted
          ? new Error("the request was stopped before the model finished")
          : Object.assign(new Error("the model took too long"), { name: "TimeoutError" });
        break;
      } else if (part.type === "finish") {
        usage = { inputTokens: part.totalUsage.inputTokens ?? 0, outputTokens: part.totalUsage.outputTokens ?? 0 };
        completed = true;
      }
    }
    write(filter.flush());
  } catch (error) {
    failure = error;
  }

  if (failure !== null || !completed || !answer.trim()) {
    const reason =
      failure === null
        ? `${config.provider.label} sent an empty answer (model "${config.model}"); try again, or choose another model in Settings.`
        : isTimeout(failure)
          ? `${config.provider.label} at ${config.baseUrl} took too long to answer (model "${config.model}"): it may be overloaded or still loading the model; ask again, or choose a smaller model in Settings.`
          : explainLlmError(failure, config).message;
    const fallback = offline(reason);
    // Whatever the model managed to say stays visible; the offline answer follows it.
    const text = answer.trim() ? `\n\n---\n\n${fallback.answer}` : fallback.answer;
    emit(text);
    return finish({
      ...fallback,
      answer: `${answer}${text}`,
      inputTokens: usage.inputTokens,
      outputTokens: usage.outputTokens,
    });
  }
  sqliteLlmCache(store).write(key, { response: { answer }, ...usage });
  return finish({
    answer,
    citations: resolveCitations(answer, passages),
    provider: config.provider.id,
    model: config.model,
    ...usage,
    cached: false,
  });
}

/** The SDK's own timeouts and aborts surface as DOMExceptions of these names, sometimes as the cause. */
function isTimeout(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const name = (e as { name?: string }).name;
    if (name === "TimeoutError" || name === "AbortError") return true;
  }
  return false;
}
