import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseOpml } from "../../../test/helpers/export-readers.js";
import { freshStore } from "../../../test/helpers/store.js";
import { mapOptionsFor, mapToOpml } from "../../export/index.js";
import {
  analyzeStoredEpisode,
  importEpisode,
  libraryGlossary,
  loadEpisodeExportData,
  SAMPLE,
} from "../../library/index.js";
import { getChapters } from "../../store/index.js";
import type { MapResponse, MapTreeJson } from "../contract/index.js";
import { mapRoutes } from "./map.js";

let store: ReturnType<typeof freshStore>;
let app: Hono;
let analysedId: string;
let plainId: string;

beforeAll(async () => {
  store = freshStore();
  analysedId = (await importEpisode(store, { source: SAMPLE.transcript })).episode.id;
  analyzeStoredEpisode(store, analysedId, libraryGlossary(store.dir));
  const text = "Alice [00:00:01]: Hello there.\nBob [00:00:05]: Hello, Alice.\n";
  plainId = (await importEpisode(store, { source: "chat.txt", title: "Not analysed yet", bytes: Buffer.from(text) }))
    .episode.id;
  app = new Hono().route("/api/episodes", mapRoutes({ store, home: store.dir, kickJobs: () => {} }));
});

afterAll(() => store.cleanup());

const getMap = async (id: string) => (await (await app.request(`/api/episodes/${id}/map`)).json()) as MapResponse;

function put(id: string, body: unknown) {
  return app.request(`/api/episodes/${id}/map`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

const myMap = (topic: string): MapTreeJson => ({
  nodeData: {
    id: "root",
    topic: "My map",
    children: [
      { id: "a", topic, metadata: { deeplisten: { conceptKey: "post-training", startMs: 41_000 } }, children: [] },
    ],
  },
  direction: 2,
});

describe("GET /api/episodes/:id/map", () => {
  it("gives no map yet, the analysis' draft in the editor's form and the concepts to link to", async () => {
    const body = await getMap(analysedId);
    expect(body.map).toBeNull();
    expect(body.analysed).toBe(true);
    expect(body.draft.nodeData.topic).toBe("Where Does Reasoning Come From? Pre-training vs. Post-training");
    const chapters = getChapters(store, analysedId).map((c) => c.title);
    expect(body.draft.nodeData.children?.map((c) => c.topic)).toEqual(chapters);
    const concept = body.draft.nodeData.children?.[0]?.children?.[0];
    expect(concept?.topic).toBe("Post-training");
    expect(concept?.metadata?.deeplisten).toMatchObject({ kind: "concept", conceptKey: "post-training" });
    expect(body.concepts.find((c) => c.key === "post-training")?.name).toBe("Post-training");
  });

  it("gives the episode's title alone as the draft before any analysis", async () => {
    const body = await getMap(plainId);
    expect(body.analysed).toBe(false);
    expect(body.draft.nodeData.children).toEqual([]);
    expect(body.concepts).toEqual([]);
  });

  it("answers 404 for an episode that does not exist", async () => {
    const response = await app.request("/api/episodes/nope/map");
    expect(response.status).toBe(404);
  });
});

describe("PUT /api/episodes/:id/map", () => {
  it("saves the learner's map and refuses a save from a stale revision, changing nothing", async () => {
    const first = await put(analysedId, { tree: myMap("mine"), baseRevision: 0 });
    expect(first.status).toBe(200);
    expect((await first.json()).revision).toBe(1);
    expect((await getMap(analysedId)).map).toMatchObject({ tree: myMap("mine"), revision: 1 });

    // A second tab that opened the map before the first save.
    const stale = await put(analysedId, { tree: myMap("other tab"), baseRevision: 0 });
    expect(stale.status).toBe(409);
    const body = await stale.json();
    expect(body.error).toMatch(/changed in another tab or window.*Reload/);
    expect(body.revision).toBe(1);
    expect((await getMap(analysedId)).map).toMatchObject({ tree: myMap("mine"), revision: 1 });

    const next = await put(analysedId, { tree: myMap("mine, edited"), baseRevision: 1 });
    expect((await next.json()).revision).toBe(2);
  });

  it("refuses a bad map with one sentence and keeps what was saved", async () => {
    const before = (await getMap(analysedId)).map;
    const cases: [unknown, number, RegExp][] = [
      ["{not json", 400, /must be sent as a JSON object/],
      [{ tree: myMap("x") }, 400, /bad baseRevision/],
      [{ tree: { nodeData: { id: "root" } }, baseRevision: 2 }, 400, /bad tree\.nodeData\.topic/],
      [
        { tree: { nodeData: { id: "r", topic: "r", children: [{ id: "r", topic: "again" }] } }, baseRevision: 2 },
        400,
        /two nodes with the id "r"/,
      ],
      [
        {
          tree: {
            nodeData: {
              id: "r",
              topic: "r",
              children: [{ id: "c", topic: "c", metadata: { deeplisten: { startMs: -5 } } }],
            },
          },
          baseRevision: 2,
        },
        400,
        /bad tree\.nodeData\.children\.0\.metadata\.deeplisten\.startMs/,
      ],
      [{ tree: { nodeData: { id: "r", topic: "x".repeat(3_000_000) } }, baseRevision: 2 }, 413, /larger than 2 MB/],
    ];
    for (const [body, status, message] of cases) {
      const response = await put(analysedId, body);
      expect(response.status).toBe(status);
      const { error } = await response.json();
      expect(error).toMatch(/^the map was not saved: it /);
      expect(error).toMatch(message);
    }
    // Deeper than any map a person draws: refused without overflowing the stack.
    const levels = Array.from({ length: 5000 }, (_, i) => i);
    const deep = `${levels.map((i) => `{"id":"n${i}","topic":"n","children":[`).join("")}{"id":"leaf","topic":"leaf"}${"]}".repeat(levels.length)}`;
    const tooDeep = await put(analysedId, `{"tree":{"nodeData":${deep}},"baseRevision":2}`);
    expect(tooDeep.status).toBe(400);
    expect((await tooDeep.json()).error).toMatch(/nested deeper than 200 levels/);
    expect((await getMap(analysedId)).map).toEqual(before);
  });
});

describe("exports after the learner saved a map", () => {
  it("export the learner's map, not the draft, with its links as moments", async () => {
    const before = (await getMap(analysedId)).map?.revision ?? 0;
    const tree = myMap("Why RL only unlocks reasoning");
    expect((await put(analysedId, { tree, baseRevision: before })).status).toBe(200);
    const data = loadEpisodeExportData(store, analysedId);
    expect(data?.map).toEqual({
      id: "root",
      title: "My map",
      children: [
        { id: "a", title: "Why RL only unlocks reasoning", conceptKey: "post-training", startMs: 41_000, children: [] },
      ],
    });
    const opml = parseOpml(mapToOpml(data?.map as never, mapOptionsFor(data as never)));
    const root = opml.outlines[0] as unknown as { text: string; outline?: { text: string }[] };
    expect(root.text).toBe("My map");
    expect(root.outline?.map((o) => o.text)).toEqual(["Why RL only unlocks reasoning"]);
  });
});
