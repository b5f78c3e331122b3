import { Hono } from "hono";
import { afterEach, describe, expect, it } from "vitest";
import { freshStore } from "../../../test/helpers/store.js";
import { importEpisode, SAMPLE } from "../../library/index.js";
import { getSegments, listMarks } from "../../store/index.js";
import type { MarkJson, MarksResponse } from "../contract/index.js";
import { markRoutes } from "./marks.js";

const stores: ReturnType<typeof freshStore>[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.cleanup();
});

async function setup() {
  const store = freshStore();
  stores.push(store);
  const { episode } = await importEpisode(store, { source: SAMPLE.transcript, sourceKind: "sample" });
  const app = new Hono().route("/api/episodes", markRoutes(store));
  const base = `/api/episodes/${episode.id}/marks`;
  const send = (method: string, path: string, body: unknown) =>
    app.request(`${base}${path}`, {
      method,
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  return { store, app, episode, base, send };
}

describe("mark routes", () => {
  it("marks a moment and a term, rates and deletes them", async () => {
    const { store, app, episode, base, send } = await setup();
    const segment = getSegments(store, episode.id)[3];
    const moment = await send("POST", "", { pass: 1, kind: "moment", startMs: 101_000, segmentId: segment?.id });
    expect(moment.status).toBe(201);
    const term = await send("POST", "", {
      pass: 2,
      kind: "term",
      startMs: 120_000,
      segmentId: segment?.id,
      selection: "base model",
      confidence: 2,
    });
    expect(term.status).toBe(201);
    const termMark = ((await term.json()) as { mark: MarkJson }).mark;
    expect(termMark.conceptName?.toLowerCase()).toBe("base model");
    expect(termMark.confidence).toBe(2);

    const listed = (await (await app.request(base)).json()) as MarksResponse;
    expect(listed.marks.map((m) => [m.kind, m.pass, m.startMs])).toEqual([
      ["moment", 1, 101_000],
      ["term", 2, 120_000],
    ]);

    expect((await send("PATCH", `/${termMark.id}`, { confidence: 4 })).status).toBe(200);
    expect(listMarks(store, episode.id).find((m) => m.id === termMark.id)?.confidence).toBe(4);
    expect((await send("PATCH", `/${termMark.id}`, { confidence: null })).status).toBe(200);
    expect(listMarks(store, episode.id).find((m) => m.id === termMark.id)?.confidence).toBeNull();

    expect((await app.request(`${base}/${termMark.id}`, { method: "DELETE" })).status).toBe(200);
    expect(listMarks(store, episode.id).map((m) => m.kind)).toEqual(["moment"]);
    expect((await app.request(`${base}/${termMark.id}`, { method: "DELETE" })).status).toBe(404);
  });

  it("refuses marks it cannot keep, with sentences", async () => {
    const { send, app } = await setup();
    const noWords = await send("POST", "", { pass: 1, kind: "term", startMs: 0 });
    expect(noWords.status).toBe(400);
    expect((await noWords.json()).error).toContain("selection");
    const badPass = await send("POST", "", { pass: 4, kind: "moment", startMs: 0 });
    expect(badPass.status).toBe(400);
    const badConfidence = await send("PATCH", "/1", { confidence: 9 });
    expect(badConfidence.status).toBe(400);
    const otherSegment = await send("POST", "", { pass: 1, kind: "moment", startMs: 0, segmentId: 999_999 });
    expect(otherSegment.status).toBe(400);
    expect((await app.request("/api/episodes/nope/marks")).status).toBe(404);
    expect((await send("PATCH", "/424242", { confidence: 3 })).status).toBe(404);
  });
});
