import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { enrichmentResponder } from "../../../test/enrich-answers.js";
import { type ReplayServer, startOpenAiReplayServer } from "../../../test/helpers/openai-replay-server.js";
import { freshStore } from "../../../test/helpers/store.js";
import { runQueuedJobs } from "../../jobs/runner.js";
import { readLlmConfig } from "../../llm/index.js";
import { findConcept, getJob, getSegments } from "../../store/index.js";
import { analyzeStoredEpisode, importEpisode, libraryGlossary, libraryJobHandlers, SAMPLE } from "../index.js";
import { ENRICH_JOB, queueEnrichment } from "./job.js";
import { isTransientLlmError, ModelCallError } from "./model-call.js";
import { planEnrichment } from "./plan.js";
import { enrichedConceptIds, getConceptEnrichment, getEpisodeEnrichment } from "./records.js";
import { runEnrichment } from "./run.js";

let store: ReturnType<typeof freshStore>;
let server: ReplayServer;
let episodeId: string;
const config = () =>
  readLlmConfig({
    DEEPLISTEN_LLM_PROVIDER: "vllm",
    DEEPLISTEN_LLM_MODEL: "replay-model",
    DEEPLISTEN_LLM_BASE_URL: server.baseUrl,
  }) as NonNullable<ReturnType<typeof readLlmConfig>>;

beforeAll(async () => {
  store = freshStore();
  const { episode } = await importEpisode(store, { source: SAMPLE.transcript, sourceKind: "sample" });
  episodeId = episode.id;
  analyzeStoredEpisode(store, episodeId, libraryGlossary(store.dir));
  server = await startOpenAiReplayServer({ respond: enrichmentResponder() });
});
afterAll(async () => {
  await server.close();
  store.cleanup();
});
beforeEach(() => {
  store.db.exec(
    "DELETE FROM concept_enrichment; DELETE FROM llm_cache; DELETE FROM setting WHERE key LIKE 'enrichment%';",
  );
  server.requests.length = 0;
  server.setMode("answer");
  server.setResponder(enrichmentResponder());
  server.failNext([]);
});

const limit = { limit: 4 };

describe("enriching an episode", () => {
  it("writes chapter summaries, bilingual material for concepts without a pack, a stance draft and a map; again costs nothing", async () => {
    const first = await runEnrichment({ store, home: store.dir, episodeId, config: config(), request: limit });
    expect(first.concepts.map((c) => c.status)).toEqual(["written", "written", "written", "written"]);
    expect(first).toMatchObject({ cached: false, mindmap: true, problems: [] });
    expect(first.chapters).toBeGreaterThan(0);
    expect(first.inputTokens).toBeGreaterThan(0);

    const [concept] = first.concepts;
    const en = getConceptEnrichment(store, concept?.conceptId ?? 0, "en");
    const zh = getConceptEnrichment(store, concept?.conceptId ?? 0, "zh");
    expect(en?.content.checkQuestions.length).toBeGreaterThan(0);
    expect(zh?.content.explanation).toMatch(/[\u4e00-\u9fff]/u);
    expect(en).toMatchObject({ provider: "vllm", model: "replay-model" });

    const record = getEpisodeEnrichment(store, episodeId);
    const segments = new Map(getSegments(store, episodeId).map((s) => [s.id, s.text]));
    const claims = record?.stances.flatMap((t) => t.claims) ?? [];
    expect(claims.length).toBeGreaterThan(0);
    for (const c of claims) expect(segments.get(c.segmentId)?.toLowerCase()).toContain(c.quote.toLowerCase());
    expect(record?.tokens.input).toBe(first.inputTokens);
    expect(record?.costUsd).toBe(0);

    const sent = server.requests.length;
    const plan = planEnrichment(store, store.dir, episodeId, limit, config());
    expect(plan.estimate).toMatchObject({ calls: 0, inputTokens: 0 });
    const again = await runEnrichment({ store, home: store.dir, episodeId, config: config(), request: limit });
    expect(again).toMatchObject({ cached: true, calls: 0, inputTokens: 0 });
    expect(again.concepts.every((c) => c.status === "kept")).toBe(true);
    expect(server.requests.length).toBe(sent);
  });

  it("never writes over a pack: a concept with a pack card is not enriched", async () => {
    const grpo = findConcept(store, "GRPO", episodeId);
    const result = await runEnrichment({
      store,
      home: store.dir,
      episodeId,
      config: config(),
      request: { conceptIds: [grpo?.id ?? 0] },
    });
    expect(result.concepts).toEqual([
      expect.objectContaining({ name: "GRPO", status: "skipped", reason: expect.stringMatching(/pack card/) }),
    ]);
    expect(server.requests).toHaveLength(0);
  });

  it("sends an unusable answer back once, then skips only that concept with the reason", async () => {
    let broken = 0;
    server.setResponder(
      enrichmentResponder((kind, answer) => {
        if (kind !== "concepts") return answer;
        const a = answer as { concepts: { name: string; zh: { explanation: string } }[] };
        for (const c of a.concepts) {
          if (c.name === "reasoning") {
            broken++;
            c.zh.explanation = "English only, which is not Chinese at all.";
          }
        }
        return a;
      }),
    );
    const result = await runEnrichment({ store, home: store.dir, episodeId, config: config(), request: limit });
    const reasoning = result.concepts.find((c) => c.name === "reasoning");
    expect(reasoning).toMatchObject({
      status: "skipped",
      reason: expect.stringMatching(/zh\.explanation" is not written in Chinese/),
    });
    expect(broken).toBe(2);
    expect(result.concepts.filter((c) => c.status === "written")).toHaveLength(3);
    expect(enrichedConceptIds(store, [reasoning?.conceptId ?? 0]).size).toBe(0);
  });

  it("reads a second answer when the first is not JSON (think blocks and fences are tolerated)", async () => {
    let maps = 0;
    server.setResponder(
      enrichmentResponder((kind, answer) => {
        if (kind !== "map") return answer;
        maps++;
        return maps === 1
          ? "Sure! Here are my notes: chapters are nice."
          : `<think>plan</think>\n\`\`\`json\n${JSON.stringify(answer)}\n\`\`\``;
      }),
    );
    const result = await runEnrichment({ store, home: store.dir, episodeId, config: config(), request: { limit: 1 } });
    expect(result.problems).toEqual([]);
    const retry = server.requests[1]?.body as { messages: { role: string; content: string }[] };
    expect(retry.messages.at(-1)?.content).toMatch(/^That answer cannot be used: the answer is not a JSON object/);
  });

  it("stops on a refused key with a permanent error, and on a lasting 429 with a transient one; a later run resumes", async () => {
    server.setMode("unauthorized");
    const refused = await runEnrichment({ store, home: store.dir, episodeId, config: config(), request: limit }).catch(
      (e) => e,
    );
    expect(refused).toBeInstanceOf(ModelCallError);
    expect(refused).toMatchObject({
      transient: false,
      message: expect.stringMatching(/refused the API key \(HTTP 401/),
    });
    server.setMode("answer");

    // Part 1 answers, then the server rate-limits every retry of part 2.
    const limited = { status: 429, headers: { "retry-after-ms": "5" } };
    server.requests.length = 0;
    server.setResponder(enrichmentResponder());
    const plan = planEnrichment(store, store.dir, episodeId, limit, config());
    let count = 0;
    server.setResponder((body) => {
      count++;
      if (count === 1) server.failNext([limited, limited, limited]);
      return enrichmentResponder()(body);
    });
    const stopped = await runEnrichment({ store, home: store.dir, episodeId, config: config(), request: limit }).catch(
      (e) => e,
    );
    expect(stopped).toBeInstanceOf(ModelCallError);
    expect(stopped).toMatchObject({ transient: true, message: expect.stringMatching(/HTTP 429/) });

    server.setResponder(enrichmentResponder());
    const resumed = await runEnrichment({ store, home: store.dir, episodeId, config: config(), request: limit });
    expect(resumed.cachedCalls).toBe(1);
    expect(resumed.calls).toBe(plan.estimate.calls - 1);
  });
});

describe("enrichment as a background job", () => {
  it("runs from the queue with the configured model and keeps the result", async () => {
    process.env.DEEPLISTEN_LLM_PROVIDER = "vllm";
    process.env.DEEPLISTEN_LLM_MODEL = "replay-model";
    process.env.DEEPLISTEN_LLM_BASE_URL = server.baseUrl;
    try {
      const job = queueEnrichment(store, episodeId, { limit: 2 });
      expect(job.kind).toBe(ENRICH_JOB);
      const fractions: number[] = [];
      await runQueuedJobs(store, libraryJobHandlers(store, store.dir), (_j, f) => fractions.push(f));
      expect(getJob(store, job.id)).toMatchObject({ state: "done", error: null });
      expect(fractions.at(-1)).toBe(1);
      expect(getEpisodeEnrichment(store, episodeId)?.concepts).toHaveLength(2);
    } finally {
      delete process.env.DEEPLISTEN_LLM_PROVIDER;
      delete process.env.DEEPLISTEN_LLM_MODEL;
      delete process.env.DEEPLISTEN_LLM_BASE_URL;
    }
  });
});

describe("telling transient failures from permanent ones", () => {
  it("classifies timeouts and network errors as transient, plain errors as permanent", () => {
    expect(isTransientLlmError(Object.assign(new Error("x"), { name: "TimeoutError" }))).toBe(true);
    expect(isTransientLlmError(new TypeError("fetch failed", { cause: { code: "ECONNRESET" } }))).toBe(true);
    expect(isTransientLlmError(new Error("bad request"))).toBe(false);
  });
});
