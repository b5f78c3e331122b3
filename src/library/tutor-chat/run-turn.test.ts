import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type ReplayServer, startOpenAiReplayServer } from "../../../test/helpers/openai-replay-server.js";
import { freshStore } from "../../../test/helpers/store.js";
import { formatTimecode } from "../../core/index.js";
import { analyzeStoredEpisode, importEpisode, libraryGlossary, SAMPLE } from "../../library/index.js";
import { readLlmConfig } from "../../llm/index.js";
import { findConcept, getEpisodeConcept } from "../../store/index.js";
import { runTutorTurn } from "./run-turn.js";
import { loadThread } from "./thread.js";

let store: ReturnType<typeof freshStore>;
let server: ReplayServer;
let episodeId: string;
let conceptId: number;
let definitionMs: number;
let definitionSegment: number;

const configFor = (s: ReplayServer) =>
  readLlmConfig({
    DEEPLISTEN_LLM_PROVIDER: "vllm",
    DEEPLISTEN_LLM_MODEL: "replay-model",
    DEEPLISTEN_LLM_BASE_URL: s.baseUrl,
  });

beforeAll(async () => {
  store = freshStore();
  const { episode } = await importEpisode(store, {
    source: SAMPLE.transcript,
    audioUrl: SAMPLE.audio,
    sourceKind: "sample",
  });
  episodeId = episode.id;
  analyzeStoredEpisode(store, episodeId, libraryGlossary(store.dir));
  const grpo = findConcept(store, "GRPO", episodeId);
  if (!grpo) throw new Error("the sample's analysis lost GRPO");
  conceptId = grpo.id;
  const def = getEpisodeConcept(store, episodeId, conceptId)?.definitions[0];
  if (!def) throw new Error("GRPO has no defining moment in the sample");
  definitionMs = def.startMs;
  definitionSegment = def.segmentId;
  server = await startOpenAiReplayServer();
});
afterAll(async () => {
  await server.close();
  store.cleanup();
});
beforeEach(() => {
  store.db.exec("DELETE FROM tutor_message; DELETE FROM llm_cache;");
  server.requests.length = 0;
});

describe("a tutor turn with a model", () => {
  it("streams the answer, resolves its citations to retrieved moments and counts tokens", async () => {
    const answer = `What do you think a "group" is here? Step 1: look at [${formatTimecode(definitionMs)}]. Step 2: an invented moment [03:59:59]. Which baseline does GRPO use?`;
    server.setAnswers([{ content: answer, promptTokens: 1234, completionTokens: 56 }]);
    const deltas: string[] = [];
    const result = await runTutorTurn({
      store,
      home: store.dir,
      episodeId,
      conceptId,
      question: "Why does GRPO not need a critic?",
      language: "en",
      config: configFor(server),
      onDelta: (d) => deltas.push(d),
    });
    expect(deltas.length).toBeGreaterThan(3);
    expect(deltas.join("")).toBe(answer);
    expect(result).toEqual({
      answer,
      citations: [{ segmentId: definitionSegment, startMs: definitionMs }],
      provider: "vllm",
      model: "replay-model",
      inputTokens: 1234,
      outputTokens: 56,
      cached: false,
    });
    const request = server.requests[0]?.body as { messages: { role: string; content: string }[]; stream: boolean };
    expect(request.stream).toBe(true);
    expect(request.messages[0]?.role).toBe("system");
    expect(request.messages[0]?.content).toContain("<transcript>");
    expect(request.messages.at(-1)).toEqual({ role: "user", content: "Why does GRPO not need a critic?" });
    const thread = loadThread(store, conceptId, episodeId);
    expect(thread.map((m) => m.role)).toEqual(["user", "assistant"]);
    expect(thread[1]).toMatchObject({ provider: "vllm", inputTokens: 1234, cached: false });
  });

  it("answers the same question again from the cache, without a request", async () => {
    server.setAnswers([{ content: "First answer. What do you think?" }]);
    const ask = () =>
      runTutorTurn({
        store,
        home: store.dir,
        episodeId,
        conceptId,
        question: "What is GRPO?",
        language: "en",
        config: configFor(server),
      });
    const first = await ask();
    const second = await ask();
    expect(first.cached).toBe(false);
    expect(second).toMatchObject({ answer: first.answer, cached: true, inputTokens: 0, outputTokens: 0 });
    expect(server.requests).toHaveLength(1);
    expect(loadThread(store, conceptId, episodeId)).toHaveLength(4);
  });

  it("sends the thread so far as history on a follow-up", async () => {
    server.setAnswers([{ content: "One." }, { content: "Two." }]);
    const base = { store, home: store.dir, episodeId, conceptId, language: "en" as const, config: configFor(server) };
    await runTutorTurn({ ...base, question: "What is GRPO?" });
    await runTutorTurn({ ...base, question: "Why?" });
    const messages =
      (server.requests[1]?.body as { messages: { role: string; content: string }[] } | undefined)?.messages ?? [];
    expect(messages.slice(1)).toEqual([
      { role: "user", content: "What is GRPO?" },
      { role: "assistant", content: "One." },
      { role: "user", content: "Why?" },
    ]);
  });

  it("hides <think> blocks from the learner", async () => {
    server.setAnswers([{ content: "<think>The user wants a hint. Let me plan.</think>\n\nHere is a hint." }]);
    const result = await runTutorTurn({
      store,
      home: store.dir,
      episodeId,
      conceptId,
      question: "Give me a hint",
      language: "en",
      config: configFor(server),
    });
    expect(result.answer).toBe("Here is a hint.");
  });

  it("falls back to the offline tutor with the reason when the key is refused", async () => {
    server.setMode("unauthorized");
    try {
      const result = await runTutorTurn({
        store,
        home: store.dir,
        episodeId,
        conceptId,
        question: "What is GRPO?",
        language: "en",
        config: configFor(server),
      });
      expect(result.provider).toBe("offline");
      expect(result.answer).toMatch(/The model could not answer: .*refused the API key \(HTTP 401/);
      expect(result.citations.length).toBeGreaterThan(0);
    } finally {
      server.setMode("answer");
    }
  });
});

describe("a model that hangs", () => {
  it("is given up on after the timeout, and the offline tutor answers saying so", async () => {
    server.setMode("hang");
    try {
      const started = Date.now();
      const result = await runTutorTurn({
        store,
        home: store.dir,
        episodeId,
        conceptId,
        question: "What is GRPO?",
        language: "en",
        config: configFor(server),
        timeouts: { chunkMs: 500, totalMs: 1500 },
      });
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(result.provider).toBe("offline");
      expect(result.answer).toMatch(/took too long to answer \(model "replay-model"\)/);
    } finally {
      server.setMode("answer");
    }
  });
});

describe("the offline tutor", () => {
  it("answers from the lesson with cited moments and a check question, in Chinese too", async () => {
    const result = await runTutorTurn({
      store,
      home: store.dir,
      episodeId,
      conceptId,
      question: "GRPO 为什么不需要评论家模型？",
      language: "zh",
      config: null,
    });
    expect(result).toMatchObject({ provider: "offline", model: null, inputTokens: 0, outputTokens: 0, cached: false });
    expect(result.answer).toContain("尚未配置模型");
    expect(result.answer).toContain("自我检查");
    expect(result.answer).toContain(`[${formatTimecode(definitionMs)}]`);
    expect(result.citations[0]).toEqual({ segmentId: definitionSegment, startMs: definitionMs });
    expect(server.requests).toHaveLength(0);
  });
});
