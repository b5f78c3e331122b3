import { Hono } from "hono";
import { afterEach, describe, expect, it } from "vitest";
import { freshStore } from "../../../test/helpers/store.js";
import { importEpisode, SAMPLE } from "../../library/index.js";
import { getEpisodePass } from "../../store/index.js";
import type { ListenSpansResponse } from "../contract/index.js";
import { listeningRoutes } from "./listening.js";

const stores: ReturnType<typeof freshStore>[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.cleanup();
});

async function setup() {
  const store = freshStore();
  stores.push(store);
  const { episode } = await importEpisode(store, { source: SAMPLE.transcript, sourceKind: "sample" });
  const app = new Hono().route("/api/episodes", listeningRoutes(store));
  const base = `/api/episodes/${episode.id}`;
  const send = (method: string, path: string, body: unknown) =>
    app.request(`${base}${path}`, {
      method,
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  return { store, app, episode, base, send };
}

describe("pass and listening routes", () => {
  it("keeps the pass the learner is on", async () => {
    const { store, episode, send } = await setup();
    expect(getEpisodePass(store, episode.id)).toBe(1);
    const res = await send("PUT", "/pass", { pass: 2 });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ pass: 2 });
    expect(getEpisodePass(store, episode.id)).toBe(2);
    expect((await send("PUT", "/pass", { pass: 5 })).status).toBe(400);
  });

  it("records what was listened to in each pass", async () => {
    const { app, base, send } = await setup();
    expect((await send("POST", "/listened", { pass: 1, startMs: 60_000, endMs: 90_000, wallMs: 30_000 })).status).toBe(
      201,
    );
    expect((await send("POST", "/listened", { pass: 2, startMs: 0, endMs: 10_000, wallMs: 10_000 })).status).toBe(201);
    const body = (await (await app.request(`${base}/listened`)).json()) as ListenSpansResponse;
    expect(body.spans).toEqual([
      { pass: 1, startMs: 60_000, endMs: 90_000, wallMs: 30_000 },
      { pass: 2, startMs: 0, endMs: 10_000, wallMs: 10_000 },
    ]);
    const backwards = await send("POST", "/listened", { pass: 1, startMs: 9000, endMs: 1000, wallMs: 1 });
    expect(backwards.status).toBe(400);
    expect((await backwards.json()).error).toContain("endMs");
    expect((await app.request("/api/episodes/nope/listened")).status).toBe(404);
  });
});
