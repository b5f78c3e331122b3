import { Hono } from "hono";
import { afterEach, describe, expect, it } from "vitest";
import { startOpenAiReplayServer } from "../../../test/helpers/openai-replay-server.js";
import { freshStore } from "../../../test/helpers/store.js";
import { analyzeStoredEpisode, importEpisode, libraryGlossary, SAMPLE } from "../../library/index.js";
import { llmSettingsFile, saveLlmSettings } from "../../llm/index.js";
import { findConcept, findOrCreateConcept, listAttempts } from "../../store/index.js";
import type { ConceptPageResponse, ConceptsResponse, ExplainResponse } from "../contract/index.js";
import { conceptRoutes } from "./concepts.js";

const GOOD_GRPO =
  "For each prompt GRPO samples a group of several answers and scores each one with the reward. " +
  "Each answer's advantage is its reward compared with the group's average reward, normalised by the spread, " +
  "so answers better than the group mean are pushed up and worse ones down. " +
  "Because the group itself is the baseline, it needs no separate value model or critic, unlike PPO.";

const stores: ReturnType<typeof freshStore>[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.cleanup();
});

async function setup({ analyse = true } = {}) {
  const store = freshStore();
  stores.push(store);
  const { episode } = await importEpisode(store, { source: SAMPLE.transcript, sourceKind: "sample" });
  if (analyse) analyzeStoredEpisode(store, episode.id, libraryGlossary(store.dir));
  const app = new Hono().route("/api/episodes", conceptRoutes({ store, home: store.dir, kickJobs: () => {} }));
  const base = `/api/episodes/${episode.id}/concepts`;
  const explain = (conceptId: number, body: unknown) =>
    app.request(`${base}/${conceptId}/explain`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  const idOf = (name: string) => findConcept(store, name, episode.id)?.id ?? -1;
  return { store, app, episode, base, explain, idOf };
}

describe("concept routes", () => {
  it("lists the episode's concepts with their mastery and marks", async () => {
    const { app, base } = await setup();
    const res = await app.request(base);
    expect(res.status).toBe(200);
    const body = (await res.json()) as ConceptsResponse;
    expect(body.analysed).toBe(true);
    expect(body.concepts.length).toBeGreaterThan(50);
    expect(body.concepts.find((c) => c.name === "GRPO")).toMatchObject({
      kind: "term",
      state: "new",
      marked: false,
      hasPackEntry: true,
      packNames: { en: "GRPO", zh: "GRPO" },
    });
  });

  it("says when the episode is not analysed yet, and 404s an unknown episode", async () => {
    const { app, base } = await setup({ analyse: false });
    expect(await (await app.request(base)).json()).toEqual({ analysed: false, concepts: [] });
    const missing = await app.request("/api/episodes/nope/concepts");
    expect(missing.status).toBe(404);
    expect((await missing.json()).error).toBe("no episode nope");
  });

  it("serves a concept's page in the learner's language", async () => {
    const { app, base, idOf } = await setup();
    const en = (await (await app.request(`${base}/${idOf("GRPO")}`)).json()) as ConceptPageResponse;
    expect(en.language).toBe("en");
    expect(en.card?.definition).toMatch(/^Group Relative Policy Optimization/);
    expect(en.prerequisites.map((p) => p.entryId)).toContain("ppo");
    const zh = (await (await app.request(`${base}/${idOf("GRPO")}?lang=zh-CN`)).json()) as ConceptPageResponse;
    expect(zh.language).toBe("zh");
    expect(zh.card?.definition).toMatch(/^组相对策略优化/);
  });

  it("404s a concept this episode does not have", async () => {
    const { app, base, store, explain } = await setup();
    const other = findOrCreateConcept(store, "flux capacitor");
    for (const path of [`${base}/${other.id}`, `${base}/999999`, `${base}/abc`]) {
      const res = await app.request(path);
      expect(res.status).toBe(404);
      expect((await res.json()).error).toMatch(/^this episode has no concept /);
    }
    expect((await explain(other.id, { confidence: 3, text: "x", language: "en" })).status).toBe(404);
  });

  it("grades an explanation, keeps it and moves the gate: vague stays learning, a real one verifies", async () => {
    const { explain, idOf, store } = await setup();
    const vagueRes = await explain(idOf("GRPO"), {
      confidence: 4,
      text: "GRPO is a better kind of RL that makes models smarter.",
      language: "en",
    });
    expect(vagueRes.status).toBe(201);
    const vague = (await vagueRes.json()) as ExplainResponse;
    expect(vague).toMatchObject({ verdict: "partial", state: "learning" });
    expect(vague.attempt.calibration).toBe("overconfident");
    expect(vague.attempt.missing.map((m) => m.text)).toContain("No separate value/critic model is needed, unlike PPO.");
    const good = (await (
      await explain(idOf("GRPO"), { confidence: 4, text: GOOD_GRPO, language: "en" })
    ).json()) as ExplainResponse;
    expect(good).toMatchObject({ verdict: "verified", state: "verified" });
    expect(good.attempt.covered.length).toBe(3);
    expect(listAttempts(store, idOf("GRPO")).map((a) => a.verdict)).toEqual(["partial", "verified"]);
  });

  it("refuses a missing confidence, an empty text or a bad language, and keeps nothing", async () => {
    const { explain, idOf, store } = await setup();
    const cases: [unknown, RegExp][] = [
      [{ text: GOOD_GRPO, language: "en" }, /^an explanation has a bad confidence/],
      [{ confidence: 6, text: GOOD_GRPO, language: "en" }, /^an explanation has a bad confidence/],
      [{ confidence: 3, text: "   ", language: "en" }, /^an explanation has a bad text: write your explanation first/],
      [{ confidence: 3, text: GOOD_GRPO, language: "fr" }, /^an explanation has a bad language/],
    ];
    for (const [body, error] of cases) {
      const res = await explain(idOf("GRPO"), body);
      expect(res.status).toBe(400);
      expect((await res.json()).error).toMatch(error);
    }
    expect(listAttempts(store, idOf("GRPO"))).toEqual([]);
  });

  it("lets the learner's model grade when one is configured, and says which model it was", async () => {
    const { explain, idOf, store } = await setup();
    const server = await startOpenAiReplayServer();
    try {
      saveLlmSettings(llmSettingsFile(store.dir), { provider: "vllm", model: "replay-model", baseUrl: server.baseUrl });
      server.setAnswers([
        {
          content: JSON.stringify({
            verdict: "verified",
            covered: ["group-sampling", "relative-advantage", "no-critic"],
            missing: [],
            misconceptions: [],
            feedback: "Clear: the group, the relative advantage, and no critic.",
          }),
        },
      ]);
      const res = await explain(idOf("GRPO"), { confidence: 4, text: GOOD_GRPO, language: "en" });
      expect(res.status).toBe(201);
      const body = (await res.json()) as ExplainResponse;
      expect(body).toMatchObject({ verdict: "verified", state: "verified" });
      expect(body.attempt.grader).toContain("replay-model");
      expect(server.requests.length).toBe(1);
      expect(listAttempts(store, idOf("GRPO")).map((a) => a.grader)).toEqual([body.attempt.grader]);

      // A model that answers nonsense twice: the offline grader answers, and the attempt says so.
      server.setAnswers([{ content: "not json" }, { content: "still not json" }]);
      const fallback = (await (
        await explain(idOf("GRPO"), { confidence: 3, text: `${GOOD_GRPO} Again.`, language: "en" })
      ).json()) as ExplainResponse;
      expect(fallback.attempt.grader).toBe("offline-fallback");
      expect(fallback.verdict).toBe("verified");
    } finally {
      await server.close();
    }
  });
});
