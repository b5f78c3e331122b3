import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { analyzeStoredEpisode, importEpisode, libraryGlossary, SAMPLE } from "../src/library/index.js";
import { loadThread, runTutorTurn } from "../src/library/tutor-chat/index.js";
import { readLlmConfig } from "../src/llm/index.js";
import { findConcept } from "../src/store/index.js";
import { type ReplayServer, startOpenAiReplayServer } from "./helpers/openai-replay-server.js";
import { freshStore } from "./helpers/store.js";

/**
 * The tutor when the model's server misbehaves, against a real OpenAI-style server: a rate limit
 * with Retry-After is waited out, a 5xx is retried, a stream cut mid-answer or a broken stream
 * leaves the learner with what arrived plus the offline tutor's answer and the reason, and such a
 * partial turn is never kept as a model answer (not cached, so asking again asks the model again).
 */
let store: ReturnType<typeof freshStore>;
let server: ReplayServer;
let episodeId: string;
let conceptId: number;

beforeAll(async () => {
  store = freshStore();
  const { episode } = await importEpisode(store, { source: SAMPLE.transcript, sourceKind: "sample" });
  episodeId = episode.id;
  analyzeStoredEpisode(store, episodeId, libraryGlossary(store.dir));
  conceptId = findConcept(store, "GRPO", episodeId)?.id ?? 0;
  server = await startOpenAiReplayServer();
});
afterAll(async () => {
  await server.close();
  store.cleanup();
});
beforeEach(() => {
  store.db.exec("DELETE FROM tutor_message; DELETE FROM llm_cache;");
  server.requests.length = 0;
  server.setMode("answer");
  server.failNext([]);
});

const ask = (question: string, onDelta?: (t: string) => void) =>
  runTutorTurn({
    store,
    home: store.dir,
    episodeId,
    conceptId,
    question,
    language: "en",
    config: readLlmConfig({
      DEEPLISTEN_LLM_PROVIDER: "vllm",
      DEEPLISTEN_LLM_MODEL: "replay-model",
      DEEPLISTEN_LLM_BASE_URL: server.baseUrl,
    }),
    ...(onDelta ? { onDelta } : {}),
  });

const ANSWER = "GRPO compares each answer with the others of its group. What do you think the group replaces?";

describe("the tutor when the server fails for a while", () => {
  it("waits out a 429 as long as Retry-After says, then answers", async () => {
    server.setAnswers([{ content: ANSWER }]);
    server.failNext([
      {
        status: 429,
        headers: { "retry-after": "1" },
        body: { error: { message: "Rate limit reached for requests", type: "rate_limit_error" } },
      },
    ]);
    const started = Date.now();
    const turn = await ask("What is GRPO?");
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(turn).toMatchObject({ provider: "vllm", answer: ANSWER, cached: false });
    expect(server.requests).toHaveLength(2);
  });

  it("retries a 503 and answers", async () => {
    server.setAnswers([{ content: ANSWER }]);
    server.failNext([{ status: 503, headers: { "retry-after-ms": "50" } }]);
    const turn = await ask("What is GRPO?");
    expect(turn).toMatchObject({ provider: "vllm", answer: ANSWER });
    expect(server.requests).toHaveLength(2);
  });

  it("gives up after the retries with a sentence the learner can act on, and the offline tutor answers", async () => {
    const limited = { status: 429, headers: { "retry-after-ms": "20" } };
    server.failNext([limited, limited, limited]);
    const turn = await ask("What is GRPO?");
    expect(turn.provider).toBe("offline");
    expect(turn.answer).toMatch(/rate-limiting or out of quota \(HTTP 429.*wait a minute/);
    expect(turn.citations.length).toBeGreaterThan(0);
  });

  it("does not retry a refused key (permanent): one request, then the offline tutor", async () => {
    server.setMode("unauthorized");
    const turn = await ask("What is GRPO?");
    expect(server.requests).toHaveLength(1);
    expect(turn.answer).toMatch(/refused the API key \(HTTP 401/);
  });
});

describe("a stream that breaks mid-answer", () => {
  it("shows what arrived, then the offline answer and why; the partial turn is not kept as the model's answer", async () => {
    server.setAnswers([{ content: ANSWER }]);
    server.setMode("cut-stream");
    const seen: string[] = [];
    const turn = await ask("Why does GRPO not need a critic?", (d) => seen.push(d));
    const half = ANSWER.slice(0, Math.floor(ANSWER.length / 2));
    // The learner saw the first half as it arrived, then the separator and the offline tutor.
    expect(seen.join("")).toBe(turn.answer);
    expect(turn.answer.startsWith(half)).toBe(true);
    expect(turn.answer).toContain("\n\n---\n\n");
    expect(turn.answer).toMatch(/The model could not answer/);
    expect(turn.provider).toBe("offline");
    // Saved as the offline tutor's turn, never as a complete model answer, and not cached.
    const saved = loadThread(store, conceptId, episodeId).at(-1);
    expect(saved).toMatchObject({ role: "assistant", provider: "offline", model: null, cached: false });
    expect(store.db.prepare("SELECT COUNT(*) AS n FROM llm_cache").get()).toEqual({ n: 0 });

    // Asking again once the server is well asks the model again and gets the whole answer.
    server.setMode("answer");
    const again = await ask("Why does GRPO not need a critic?");
    expect(again).toMatchObject({ provider: "vllm", answer: ANSWER, cached: false });
  });

  it("treats a malformed stream line the same way", async () => {
    server.setAnswers([{ content: ANSWER }]);
    server.setMode("malformed-stream");
    const turn = await ask("What is GRPO?");
    expect(turn.provider).toBe("offline");
    expect(turn.answer).toMatch(/The model could not answer/);
    expect(store.db.prepare("SELECT COUNT(*) AS n FROM llm_cache").get()).toEqual({ n: 0 });
  });
});
