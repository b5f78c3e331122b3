import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshStore } from "../../../test/helpers/store.js";
import { analyzeStoredEpisode, importEpisode, libraryGlossary, SAMPLE } from "../../library/index.js";
import { addMark, findConcept, getEpisodePass } from "../../store/index.js";
import type {
  InsightResponse,
  InsightsResponse,
  Pass3Response,
  ReviewAnswerResponse,
  ReviewDueResponse,
} from "../contract/index.js";
import { insightRoutes } from "./insights.js";
import { reviewRoutes } from "./review.js";

const GOOD_GRPO =
  "For each prompt GRPO samples a group of several answers and scores each one with the reward. Each answer's advantage is its reward compared with the group's average reward, normalised by the spread, so answers better than the group mean are pushed up and worse ones down. Because the group itself is the baseline, it needs no separate value model or critic, unlike PPO.";

let store: ReturnType<typeof freshStore>;
let app: Hono;
let episodeId: string;

const send = (method: string, path: string, body?: unknown) =>
  app.request(path, {
    method,
    headers: body === undefined ? undefined : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

beforeAll(async () => {
  store = freshStore();
  const { episode } = await importEpisode(store, { source: SAMPLE.transcript, sourceKind: "sample" });
  episodeId = episode.id;
  analyzeStoredEpisode(store, episodeId, libraryGlossary(store.dir));
  const grpo = findConcept(store, "GRPO", episodeId);
  if (!grpo) throw new Error("no GRPO");
  addMark(store, {
    episodeId,
    pass: 1,
    kind: "term",
    startMs: 0,
    segmentId: null,
    selection: "GRPO",
    conceptId: grpo.id,
    confidence: 3,
    note: null,
  });
  const deps = { store, home: store.dir, kickJobs: () => {} };
  app = new Hono().route("/api/review", reviewRoutes(deps)).route("/api/episodes", insightRoutes(deps));
});
afterAll(() => store.cleanup());

describe("/api/review", () => {
  it("lists the due cards of the library in the asked language, with their episode", async () => {
    const res = await send("GET", "/api/review?lang=zh-CN");
    expect(res.status).toBe(200);
    const body = (await res.json()) as ReviewDueResponse;
    expect(body.cards.length).toBeGreaterThan(0);
    expect(body.counts.due).toBe(body.cards.length);
    const explain = body.cards.find((c) => c.kind === "explain");
    expect(explain?.prompt).toContain("用你自己的话解释");
    expect(explain?.episodeTitle).toBe("Where Does Reasoning Come From? Pre-training vs. Post-training");
    expect((await send("GET", "/api/review?episode=nope")).status).toBe(404);
  });

  it("grades an answer, says when the card comes back, and refuses a missing confidence or self-rating", async () => {
    const { cards } = (await (await send("GET", `/api/review?episode=${episodeId}`)).json()) as ReviewDueResponse;
    const explain = cards.find((c) => c.kind === "explain" && c.conceptName === "GRPO");
    const question = cards.find((c) => c.kind === "question");
    if (!explain || !question) throw new Error("cards missing");
    const bad = await send("POST", `/api/review/cards/${explain.id}/answer`, { answer: GOOD_GRPO });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/confidence/);
    const res = await send("POST", `/api/review/cards/${explain.id}/answer`, { answer: GOOD_GRPO, confidence: 4 });
    expect(res.status).toBe(200);
    const { outcome } = (await res.json()) as ReviewAnswerResponse;
    expect(outcome).toMatchObject({ verdict: "verified", mastery: "verified", rating: 3 });
    expect(new Date(outcome.nextDue).getTime()).toBeGreaterThan(store.now().getTime());
    const unrated = await send("POST", `/api/review/cards/${question.id}/answer`, { answer: "x", confidence: 2 });
    expect(unrated.status).toBe(400);
    expect(((await unrated.json()) as { reason: string }).reason).toBe("needs-self-rating");
    expect((await send("POST", "/api/review/cards/99999/answer", { answer: "x", confidence: 2 })).status).toBe(404);
  });

  it("runs pass 3 over the episode's concepts and moves the episode to pass 3 on the first answer", async () => {
    const res = await send("GET", `/api/review/pass3?episode=${episodeId}&lang=en`);
    const body = (await res.json()) as Pass3Response;
    expect(body.steps.map((s) => s.card.conceptName)).toContain("GRPO");
    const step = body.steps[0];
    if (!step) throw new Error("no step");
    await send("POST", `/api/review/cards/${step.card.id}/answer`, {
      answer: "no idea really, something with groups",
      confidence: 5,
      context: "pass3",
    });
    expect(getEpisodePass(store, episodeId)).toBe(3);
    const again = (await (await send("GET", `/api/review/pass3?episode=${episodeId}`)).json()) as Pass3Response;
    expect(again.steps[0]?.lastPass3?.verdict).toBe("partial");
    expect(again.steps[0]?.reason).toBe("confident-but-wrong");
  });
});

describe("/api/episodes/:id/insights and the post preview", () => {
  it("creates, lists, changes and deletes insights linked to concepts and moments", async () => {
    const grpo = findConcept(store, "GRPO", episodeId)?.id as number;
    const created = await send("POST", `/api/episodes/${episodeId}/insights`, {
      text: "RL selects rather than creates.",
      conceptIds: [grpo],
      moments: [{ startMs: 75_000 }],
    });
    expect(created.status).toBe(201);
    const { insight } = (await created.json()) as InsightResponse;
    expect(insight.concepts).toEqual([{ id: grpo, name: "GRPO" }]);
    expect((await send("POST", `/api/episodes/${episodeId}/insights`, { text: "  " })).status).toBe(400);
    expect(
      (await send("POST", `/api/episodes/${episodeId}/insights`, { text: "x", conceptIds: [424242] })).status,
    ).toBe(400);
    const changed = await send("PATCH", `/api/episodes/${episodeId}/insights/${insight.id}`, {
      text: "RL mostly selects.",
    });
    expect(((await changed.json()) as InsightResponse).insight.text).toBe("RL mostly selects.");
    const list = (await (await send("GET", `/api/episodes/${episodeId}/insights`)).json()) as InsightsResponse;
    expect(list.insights.map((i) => i.text)).toEqual(["RL mostly selects."]);

    const post = await send("GET", `/api/episodes/${episodeId}/post.md?lang=en`);
    expect(post.headers.get("content-type")).toContain("text/markdown");
    expect(await post.text()).toContain(
      "- RL mostly selects. (*GRPO*, [00:01:15])".replace("[00:01:15]", "\\[00:01:15\\]"),
    );

    expect((await send("DELETE", `/api/episodes/${episodeId}/insights/${insight.id}`)).status).toBe(204);
    expect((await send("DELETE", `/api/episodes/${episodeId}/insights/${insight.id}`)).status).toBe(404);
  });
});
