import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatTimecode } from "../src/core/index.js";
import { analyzeStoredEpisode, importEpisode, libraryGlossary, SAMPLE } from "../src/library/index.js";
import { createApp } from "../src/server/app.js";
import type {
  LlmSettingsResponse,
  LlmTestResponse,
  TutorStreamEvent,
  TutorThreadResponse,
} from "../src/server/contract/index.js";
import { findConcept, getEpisodeConcept } from "../src/store/index.js";
import { closedPort, type ReplayServer, startOpenAiReplayServer } from "./helpers/openai-replay-server.js";
import { freshStore } from "./helpers/store.js";

/**
 * The tutor and settings API in process: settings saved with the key kept out of every answer,
 * the connection test's sentences, and a streamed tutor turn against a real OpenAI-style server.
 */
const KEY = "sk-replay-secret-0123456789";
let store: ReturnType<typeof freshStore>;
let app: ReturnType<typeof createApp>;
let server: ReplayServer;
let episodeId: string;
let conceptId: number;
let definitionMs: number;

const json = (method: string, body: unknown) => ({
  method,
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

async function readEvents(response: Response): Promise<TutorStreamEvent[]> {
  const text = await response.text();
  return text
    .split("\n\n")
    .filter((block) => block.startsWith("data: "))
    .map((block) => JSON.parse(block.slice(6)) as TutorStreamEvent);
}

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
  definitionMs = getEpisodeConcept(store, episodeId, conceptId)?.definitions[0]?.startMs ?? -1;
  server = await startOpenAiReplayServer({ apiKey: KEY, models: ["replay-model"] });
  app = createApp({ store, home: store.dir });
});
afterAll(async () => {
  await app.jobsIdle();
  await server.close();
  store.cleanup();
});

describe("/api/settings/llm", () => {
  it("lists the providers and says the tutor is offline before anything is saved", async () => {
    const body = (await (await app.request("/api/settings/llm")).json()) as LlmSettingsResponse;
    expect(body.providers.map((p) => p.id)).toContain("gemini");
    expect(body.providers.find((p) => p.id === "ollama")).toMatchObject({ needsKey: false });
    expect(body).toMatchObject({ saved: null, current: null, problem: null });
    expect(body.env.apiKey).toBe("DEEPLISTEN_LLM_API_KEY");
  });

  it("says there is nothing to test before a model is saved", async () => {
    const body = (await (await app.request("/api/settings/llm/test", json("POST", {}))).json()) as LlmTestResponse;
    expect(body).toMatchObject({ ok: false, problem: "not-configured" });
  });

  it("saves the settings in a 0600 file and never answers with the key", async () => {
    const response = await app.request(
      "/api/settings/llm",
      json("PUT", { provider: "vllm", model: "replay-model", baseUrl: server.baseUrl, apiKey: KEY }),
    );
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).not.toContain(KEY);
    const body = JSON.parse(text) as LlmSettingsResponse;
    expect(body.current).toMatchObject({ provider: "vllm", model: "replay-model", apiKey: "****6789" });
    expect(statSync(join(store.dir, "llm.json")).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(join(store.dir, "llm.json"), "utf8")).apiKey).toBe(KEY);
    expect(await (await app.request("/api/settings/llm")).text()).not.toContain(KEY);
  });

  it("keeps the saved key when the page sends none, and tests the connection", async () => {
    await app.request(
      "/api/settings/llm",
      json("PUT", { provider: "vllm", model: "replay-model", baseUrl: server.baseUrl }),
    );
    const body = (await (await app.request("/api/settings/llm/test", json("POST", {}))).json()) as LlmTestResponse;
    expect(body).toMatchObject({ ok: true, provider: "vllm", model: "replay-model" });
  });

  it("says exactly what is wrong: a bad key, an unknown model, a server that is not there", async () => {
    const test = async () =>
      (await (await app.request("/api/settings/llm/test", json("POST", {}))).json()) as LlmTestResponse;
    await app.request(
      "/api/settings/llm",
      json("PUT", {
        provider: "vllm",
        model: "replay-model",
        baseUrl: server.baseUrl,
        apiKey: "sk-wrong-key-000000000",
      }),
    );
    const badKey = await test();
    expect(badKey).toMatchObject({ ok: false, problem: "bad-key" });
    expect(badKey.ok ? "" : badKey.message).toMatch(/refused the API key \(HTTP 401.*Settings page/);
    expect(JSON.stringify(badKey)).not.toContain("sk-wrong-key");

    await app.request(
      "/api/settings/llm",
      json("PUT", { provider: "vllm", model: "no-such-model", baseUrl: server.baseUrl, apiKey: KEY }),
    );
    const unknown = await test();
    expect(unknown).toMatchObject({ ok: false, problem: "unknown-model" });
    expect(unknown.ok ? "" : unknown.message).toContain('does not know the model "no-such-model"');

    const port = await closedPort();
    await app.request(
      "/api/settings/llm",
      json("PUT", { provider: "vllm", model: "replay-model", baseUrl: `http://127.0.0.1:${port}/v1`, apiKey: KEY }),
    );
    const unreachable = await test();
    expect(unreachable).toMatchObject({ ok: false, problem: "unreachable" });
    expect(unreachable.ok ? "" : unreachable.message).toMatch(/^Cannot reach/);

    await app.request(
      "/api/settings/llm",
      json("PUT", { provider: "vllm", model: "replay-model", baseUrl: server.baseUrl, apiKey: KEY }),
    );
  });

  it("refuses an unknown provider with a sentence", async () => {
    const response = await app.request("/api/settings/llm", json("PUT", { provider: "skynet", model: "x" }));
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatch(/unknown provider "skynet"/);
  });
});

describe("/api/episodes/:id/concepts/:conceptId/tutor", () => {
  const path = () => `/api/episodes/${episodeId}/concepts/${conceptId}/tutor`;

  it("streams a turn as server-sent events and keeps it in the thread", async () => {
    const answer = `Before I explain: what do you think the "group" is? Step 1 [${formatTimecode(definitionMs)}]. What replaces the critic?`;
    server.setAnswers([{ content: answer, promptTokens: 900, completionTokens: 40 }]);
    const before = server.requests.length;
    const response = await app.request(path(), json("POST", { question: "Why no critic in GRPO?", language: "en" }));
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const events = await readEvents(response);
    const deltas = events.filter((e) => e.type === "delta");
    expect(deltas.length).toBeGreaterThan(3);
    const done = events.at(-1);
    expect(done?.type).toBe("done");
    if (done?.type !== "done") return;
    expect(deltas.map((d) => (d.type === "delta" ? d.text : "")).join("")).toBe(answer);
    expect(done.turn).toMatchObject({
      answer,
      provider: "vllm",
      model: "replay-model",
      inputTokens: 900,
      outputTokens: 40,
      cached: false,
    });
    expect(done.turn.citations).toEqual([{ segmentId: expect.any(Number), startMs: definitionMs }]);
    expect(server.requests.length).toBe(before + 1);

    const thread = (await (await app.request(path())).json()) as TutorThreadResponse;
    expect(thread.mode).toMatchObject({ online: true, provider: "vllm", model: "replay-model" });
    expect(thread.messages.map((m) => [m.role, m.content])).toEqual([
      ["user", "Why no critic in GRPO?"],
      ["assistant", answer],
    ]);
    expect(thread.episodeTokens).toEqual({ inputTokens: 900, outputTokens: 40 });
  });

  it("answers the same question from the cache without asking the model", async () => {
    const before = server.requests.length;
    const events = await readEvents(
      await app.request(path(), json("POST", { question: "why no critic in GRPO", language: "en" })),
    );
    const done = events.at(-1);
    expect(done).toMatchObject({ type: "done", turn: { cached: true, inputTokens: 0 } });
    expect(server.requests.length).toBe(before);
  });

  it("exports the thread as Markdown", async () => {
    const response = await app.request(`${path()}.md?lang=zh`);
    expect(response.headers.get("content-type")).toContain("text/markdown");
    const markdown = await response.text();
    expect(markdown).toMatch(/^# 导师对话：GRPO/);
    expect(markdown).toContain("Why no critic in GRPO?");
    expect(markdown).toContain(`[${formatTimecode(definitionMs)}]`);
  });

  it("refuses an empty question and an unknown concept with a sentence", async () => {
    const empty = await app.request(path(), json("POST", { question: "  ", language: "en" }));
    expect(empty.status).toBe(400);
    expect((await empty.json()).error).toMatch(/question/);
    const unknown = await app.request(`/api/episodes/${episodeId}/concepts/999999/tutor`);
    expect(unknown.status).toBe(404);
  });
});
