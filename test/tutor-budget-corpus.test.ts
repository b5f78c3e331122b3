import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeStoredEpisode, importEpisode, libraryGlossary } from "../src/library/index.js";
import { runTutorTurn } from "../src/library/tutor-chat/index.js";
import { readLlmConfig } from "../src/llm/index.js";
import { findConcept } from "../src/store/index.js";
import { corpusFile, HAS_CORPUS } from "./corpus.js";
import { type ReplayServer, startOpenAiReplayServer } from "./helpers/openai-replay-server.js";
import { freshStore } from "./helpers/store.js";

/**
 * Issue 6's target on the real #490 (4h25m): a tutor turn sends at most 6k input tokens, however
 * long the episode and the thread. The replay server counts what it received (characters / 4 of
 * the whole JSON request, an over-estimate of a real tokenizer's count for English).
 */
describe.skipIf(!HAS_CORPUS)("a tutor turn on Lex Fridman #490", () => {
  let store: ReturnType<typeof freshStore>;
  let server: ReplayServer;
  beforeAll(async () => {
    store = freshStore();
    server = await startOpenAiReplayServer();
  });
  afterAll(async () => {
    await server.close();
    store?.cleanup();
  });

  it("sends at most 6k input tokens per turn, with citations to real moments, over a long thread", async () => {
    const { episode } = await importEpisode(store, {
      source: corpusFile("en/lex490-state-of-ai-2026.timestamped.txt"),
    });
    analyzeStoredEpisode(store, episode.id, libraryGlossary(store.dir));
    const concept = findConcept(store, "MoE", episode.id);
    if (!concept) throw new Error("#490 lost mixture of experts");
    const config = readLlmConfig({
      DEEPLISTEN_LLM_PROVIDER: "vllm",
      DEEPLISTEN_LLM_MODEL: "replay-model",
      DEEPLISTEN_LLM_BASE_URL: server.baseUrl,
    });
    const questions = [
      "What is a mixture of experts, and why does DeepSeek use it?",
      "Why is the router hard to train?",
      "What do shared experts add?",
      "How does this compare with a dense model at inference time?",
      "Why would load balancing matter for GPUs?",
      "So what did Sebastian say about the number of active parameters?",
    ];
    const sizes: number[] = [];
    for (const question of questions) {
      // A long answer each time, so that the thread grows as fast as a real one.
      server.setAnswers([
        { content: `${"A careful step-by-step explanation with an example. ".repeat(30)} What do you think?` },
      ]);
      const before = server.requests.length;
      const turn = await runTutorTurn({
        store,
        home: store.dir,
        episodeId: episode.id,
        conceptId: concept.id,
        question,
        language: "en",
        config,
      });
      expect(turn.provider).toBe("vllm");
      expect(server.requests.length).toBe(before + 1);
      sizes.push(Math.ceil(JSON.stringify(server.requests.at(-1)?.body).length / 4));
    }
    console.log(`[tutor budget] #490 MoE, input tokens per turn (chars/4): ${sizes.join(", ")}`);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(6000);
  }, 120_000);
});
