/**
 * Issue 6's figures against the local OpenAI-style test server (no network): a full enrichment of
 * #490 sends at most 1.5 times the transcript's tokens; a tutor turn sends at most 6k input tokens,
 * over a growing thread. Tokens are counted on what the server received (the messages' text, with
 * the same estimate the budgets use). Prints one JSON line.
 * Usage: tsx bench/tutor-once.ts <#490 transcript>
 */
import { runEnrichment } from "../src/library/enrichment/index.js";
import { analyzeStoredEpisode, importEpisode, libraryGlossary } from "../src/library/index.js";
import { runTutorTurn } from "../src/library/tutor-chat/index.js";
import { readLlmConfig } from "../src/llm/index.js";
import { estimateTokens } from "../src/llm/tokens.js";
import { findConcept, getSegments } from "../src/store/index.js";
import { enrichmentResponder } from "../test/enrich-answers.js";
import { type RecordedRequest, startOpenAiReplayServer } from "../test/helpers/openai-replay-server.js";
import { freshStore } from "../test/helpers/store.js";

const file = process.argv[2];
if (!file) throw new Error("usage: tutor-once.ts <transcript>");

const sentTokens = (r: RecordedRequest) =>
  ((r.body as { messages?: { content: string }[] } | null)?.messages ?? []).reduce(
    (n, m) => n + estimateTokens(typeof m.content === "string" ? m.content : JSON.stringify(m.content)),
    0,
  );

const store = freshStore();
const server = await startOpenAiReplayServer({ respond: enrichmentResponder() });
try {
  const { episode } = await importEpisode(store, { source: file });
  analyzeStoredEpisode(store, episode.id, libraryGlossary(store.dir));
  const config = readLlmConfig({
    DEEPLISTEN_LLM_PROVIDER: "vllm",
    DEEPLISTEN_LLM_MODEL: "replay-model",
    DEEPLISTEN_LLM_BASE_URL: server.baseUrl,
  });
  if (!config) throw new Error("no config");
  const transcriptTokens = estimateTokens(
    getSegments(store, episode.id)
      .map((s) => s.text)
      .join("\n"),
  );

  const started = performance.now();
  const result = await runEnrichment({ store, home: store.dir, episodeId: episode.id, config });
  const enrichMs = performance.now() - started;
  const enrichSent = server.requests.reduce((n, r) => n + sentTokens(r), 0);
  const largestRequest = Math.max(...server.requests.map(sentTokens));
  // Input plus the answer it may write (max_tokens): what must fit in the model's context window.
  const largestWindow = Math.max(
    ...server.requests.map((r) => sentTokens(r) + ((r.body as { max_tokens?: number }).max_tokens ?? 0)),
  );
  const enrichRequests = server.requests.length;
  const rerun = await runEnrichment({ store, home: store.dir, episodeId: episode.id, config });

  server.requests.length = 0;
  server.setResponder(() => ({
    content: `${"A careful step-by-step explanation with an example. ".repeat(30)} What do you think?`,
  }));
  const concept = findConcept(store, "MoE", episode.id);
  if (!concept) throw new Error("#490 lost mixture of experts");
  const questions = [
    "What is a mixture of experts, and why does DeepSeek use it?",
    "Why is the router hard to train?",
    "What do shared experts add?",
    "How does this compare with a dense model at inference time?",
    "Why would load balancing matter for GPUs?",
    "So what did Sebastian say about the number of active parameters?",
  ];
  for (const question of questions) {
    await runTutorTurn({
      store,
      home: store.dir,
      episodeId: episode.id,
      conceptId: concept.id,
      question,
      language: "en",
      config,
    });
  }
  const turnTokens = server.requests.map(sentTokens);
  const maxTurn = Math.max(...turnTokens);
  const ratio = Math.round((enrichSent / transcriptTokens) * 100) / 100;
  process.stdout.write(
    `${JSON.stringify({
      enrichment: {
        episode: "lex490",
        transcriptTokens,
        sentInputTokens: enrichSent,
        ratio,
        targetRatio: 1.5,
        withinTarget: ratio <= 1.5,
        requests: enrichRequests,
        largestRequestTokens: largestRequest,
        largestContextNeeded: largestWindow,
        fitsAn8kContext: largestWindow <= 8192,
        concepts: result.concepts.length,
        chapters: result.chapters,
        stanceTopics: result.stanceTopics,
        ms: Math.round(enrichMs),
        rerun: { cached: rerun.cached, requests: rerun.calls, inputTokens: rerun.inputTokens },
      },
      tutorTurn: {
        concept: "MoE",
        turns: turnTokens.length,
        inputTokensPerTurn: turnTokens,
        maxInputTokens: maxTurn,
        targetMaxInputTokens: 6000,
        withinTarget: maxTurn <= 6000,
      },
    })}\n`,
  );
} finally {
  await server.close();
  store.cleanup();
}
