import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildQuoteIndex,
  buildQuoteTranslationPrompt,
  checkQuote,
  NEEDS_MODEL_SENTENCE,
  parseQuoteTranslation,
  quoteTranslationNeeded,
} from "../src/attribution/index.js";
import { importEpisode, SAMPLE } from "../src/library/index.js";
import { listLearnerQuotes, quoteTranslationSource } from "../src/library/quote-checks.js";
import { llmSettingsFile, ModelOutputError, saveLlmSettings } from "../src/llm/index.js";
import { createApp } from "../src/server/app.js";
import type { CheckQuoteResponse, ClaimCheckResponse, QuotesResponse } from "../src/server/contract/quotes.js";
import { addStanceTopic, getSegments, saveStanceCell } from "../src/store/index.js";
import { type ReplayServer, startOpenAiReplayServer } from "./helpers/openai-replay-server.js";
import { freshStore } from "./helpers/store.js";

const LENA = "Dr. Lena Vogel";
const ARJUN = "Dr. Arjun Patel";
/** The learner's Chinese rendering of Lena Vogel's "reinforcement learning is a very good key, but it doesn't build the room". */
const ZH_QUOTE = "强化学习是一把很好的钥匙，但它并不建造房间";
const BACK = "reinforcement learning is a very good key, but it does not build the room";
const ENV = ["DEEPLISTEN_LLM_PROVIDER", "DEEPLISTEN_LLM_MODEL", "DEEPLISTEN_LLM_BASE_URL", "DEEPLISTEN_LLM_API_KEY"];

/** The last user message of a chat-completions request. */
function lastUser(body: unknown): string {
  const messages = (body as { messages?: { role: string; content: unknown }[] }).messages ?? [];
  const last = [...messages].reverse().find((m) => m.role === "user");
  return typeof last?.content === "string" ? last.content : JSON.stringify(last?.content ?? "");
}

/**
 * A quote typed in Chinese, the learner's translation of an English episode, located through the
 * model's translation back into English (a real local OpenAI-style server answers), cached; without
 * a model it is "not found: add a model", never silently absent. Claims checked through the API.
 */
describe("quotes and claims in another language than the transcript", () => {
  const store = freshStore();
  let episodeId = "";
  let server: ReplayServer;
  const saved = Object.fromEntries(ENV.map((k) => [k, process.env[k]]));
  const translations = () => server.requests.filter((r) => lastUser(r.body).startsWith("Quote (Chinese)")).length;

  beforeAll(async () => {
    for (const k of ENV) delete process.env[k];
    episodeId = (await importEpisode(store, { source: SAMPLE.transcript, sourceKind: "sample" })).episode.id;
    server = await startOpenAiReplayServer({
      respond: (body) => {
        const asked = lastUser(body);
        if (asked.startsWith("Quote (Chinese)"))
          return {
            content: JSON.stringify({ translations: [BACK, "RL is a good key but it doesn't build the room"] }),
          };
        if (asked.startsWith("Claim")) {
          const n = asked.split("\n").findIndex((l) => l.includes("doesn't build the room"));
          const number = Number(/^\[(\d+)\]/.exec(asked.split("\n")[n] ?? "")?.[1] ?? 1);
          return {
            content: JSON.stringify({
              verdict: "contradicted",
              passage: number,
              explanation: "Lena says reinforcement learning unlocks what pre-training built.",
            }),
          };
        }
        return null;
      },
    });
  });
  afterAll(async () => {
    for (const k of ENV) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
    await server.close();
    store.cleanup();
  });

  const withModel = () =>
    saveLlmSettings(llmSettingsFile(store.dir), { provider: "vllm", model: "replay-model", baseUrl: server.baseUrl });
  const noModel = () => rmSync(llmSettingsFile(store.dir), { force: true });

  it("knows which quotes need a translation, asks for one strictly", () => {
    const index = buildQuoteIndex(getSegments(store, episodeId));
    expect(quoteTranslationNeeded(index, ZH_QUOTE)).toEqual({ from: "zh", to: "en" });
    expect(quoteTranslationNeeded(index, BACK)).toBeNull();
    const { system, prompt } = buildQuoteTranslationPrompt({ quote: ZH_QUOTE, from: "zh", to: "en" });
    expect(system).toContain("spoken English");
    expect(prompt).toBe(`Quote (Chinese): ${ZH_QUOTE}`);
    expect(parseQuoteTranslation('```json\n{"translations": [" a ", "a", "b"]}\n```')).toEqual(["a", "b"]);
    expect(() => parseQuoteTranslation('{"translation": "a"}')).toThrow(ModelOutputError);
    expect(() => parseQuoteTranslation('{"translations": ["  "]}')).toThrow(ModelOutputError);
  });

  it("says a model is needed, in a sentence, when there is none", async () => {
    noModel();
    const index = buildQuoteIndex(getSegments(store, episodeId));
    const check = await checkQuote(index, ZH_QUOTE, LENA, quoteTranslationSource(store, store.dir));
    expect(check).toMatchObject({ found: false, verdict: "not-found", unchecked: "needs-model" });
    expect(check.problem).toBe(NEEDS_MODEL_SENTENCE);
    expect(NEEDS_MODEL_SENTENCE).toBe("not found: add a model to check translated quotes");
  });

  it("locates a Chinese quote through the model's translation, credited right or wrong, and caches it", async () => {
    withModel();
    const index = buildQuoteIndex(getSegments(store, episodeId));
    const before = translations();
    const ok = await checkQuote(index, ZH_QUOTE, LENA, quoteTranslationSource(store, store.dir));
    expect(ok).toMatchObject({ found: true, verdict: "ok", speaker: LENA, via: "translation", translation: BACK });
    expect(ok.startMs).toBe(75_000);
    expect(translations()).toBe(before + 1);
    const wrong = await checkQuote(index, ZH_QUOTE, ARJUN, quoteTranslationSource(store, store.dir));
    expect(wrong).toMatchObject({ verdict: "wrong-speaker", correctSpeaker: LENA, via: "translation" });
    // The same quote again: from the cache, no new request.
    expect(translations()).toBe(before + 1);
  });

  it("checks the stance table's Chinese quotes in the API, and one typed quote on demand", async () => {
    withModel();
    const topic = addStanceTopic(store, episodeId, { title: "What RL is for", clashIdx: null });
    saveStanceCell(store, episodeId, topic.id, {
      speaker: ARJUN,
      position: "",
      quote: ZH_QUOTE,
      startMs: null,
      segmentId: null,
    });
    const app = createApp({ store, home: store.dir });
    const base = `/api/episodes/${episodeId}`;
    const quotes = (await (await app.request(`${base}/quotes`)).json()) as QuotesResponse;
    const cell = quotes.quotes.find((q) => q.place.kind === "stance");
    expect(cell?.check).toMatchObject({ verdict: "wrong-speaker", correctSpeaker: LENA, via: "translation" });
    expect(quotes.flagged).toBe(1);
    // A synchronous reader (the write-up) sees the cached translation too.
    const sync = listLearnerQuotes(store, episodeId, undefined, quoteTranslationSource(store, store.dir));
    expect(sync[0]?.check.verdict).toBe("wrong-speaker");

    const post = (path: string, body: unknown) =>
      app.request(`${base}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const one = (await (await post("/quotes/check", { quote: ZH_QUOTE, speaker: LENA })).json()) as CheckQuoteResponse;
    expect(one.check).toMatchObject({ quote: ZH_QUOTE, verdict: "ok", via: "translation", translation: BACK });

    noModel();
    const without = (await (
      await post("/quotes/check", { quote: ZH_QUOTE, speaker: LENA })
    ).json()) as CheckQuoteResponse;
    expect(without.check).toMatchObject({ verdict: "not-found", unchecked: "needs-model" });
    expect(without.check.problem).toBe("not found: add a model to check translated quotes");
    const English = (await (await post("/quotes/check", { quote: BACK, speaker: LENA })).json()) as CheckQuoteResponse;
    expect(English.check).toMatchObject({ verdict: "ok", via: "words", unchecked: null });
  });

  it("checks a claim with the model through the API: 409 with a reason without one, the passage with one", async () => {
    const app = createApp({ store, home: store.dir });
    const post = (body: unknown) =>
      app.request(`/api/episodes/${episodeId}/claims/check`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    noModel();
    const refused = await post({ claim: "Lena thinks RL builds the room", speaker: LENA });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({
      reason: "needs-model",
      error: expect.stringMatching(/needs a model/),
    });
    expect((await post({ claim: " " })).status).toBe(400);

    withModel();
    const res = await post({ claim: "Lena thinks reinforcement learning builds the room", speaker: "Lena" });
    expect(res.status).toBe(200);
    const check = (await res.json()) as ClaimCheckResponse;
    expect(check).toMatchObject({ verdict: "contradicted", speaker: LENA, translation: null, cached: false });
    expect(check.passage).toMatchObject({ speaker: LENA, startMs: 75_000 });
    expect(check.passage?.text).toContain("doesn't build the room");
    // Asked again: the cache answers.
    const again = (await (
      await post({ claim: "Lena thinks reinforcement learning builds the room", speaker: "Lena" })
    ).json()) as ClaimCheckResponse;
    expect(again).toMatchObject({ verdict: "contradicted", cached: true, inputTokens: 0 });

    // A claim in Chinese: translated to find the passages, checked as written.
    const zh = (await (
      await post({ claim: `Lena 认为${ZH_QUOTE}是错的`, speaker: LENA })
    ).json()) as ClaimCheckResponse;
    expect(zh.translation).toBe(BACK);
    expect(zh.passage?.text).toContain("doesn't build the room");
  });
});
