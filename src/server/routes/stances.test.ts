import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { corpusFile, HAS_CORPUS } from "../../../test/corpus.js";
import { freshStore } from "../../../test/helpers/store.js";
import { analyzeStoredEpisode, importEpisode, libraryGlossary, SAMPLE } from "../../library/index.js";
import { getSegments, relabelSegments, renameSpeaker } from "../../store/index.js";
import { createApp } from "../app.js";
import type { ClashesResponse, StanceCellResponse, StancesResponse, StanceTopicResponse } from "../contract/index.js";

const stores: ReturnType<typeof freshStore>[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.cleanup();
});

async function appWithSample({ analyse = true } = {}) {
  const store = freshStore();
  stores.push(store);
  const { episode } = await importEpisode(store, { source: SAMPLE.transcript, sourceKind: "sample" });
  if (analyse) await analyzeStoredEpisode(store, episode.id, libraryGlossary(store.dir));
  const app = createApp({ store, home: store.dir });
  const base = `/api/episodes/${episode.id}`;
  const send = (method: string, path: string, body?: unknown) =>
    app.request(`${base}${path}`, {
      method,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  return { app, store, episode, base, send };
}

const LENA_KEY = "reinforcement learning is a very good key, but it doesn't build the room";

describe("the clash playlist API", () => {
  it("lists the analysed clashes in order, and which one has a stance row", async () => {
    const { app, base, send } = await appWithSample();
    const first = (await (await app.request(`${base}/clashes`)).json()) as ClashesResponse;
    expect(first.analysed).toBe(true);
    expect(first.clashes.length).toBeGreaterThanOrEqual(2);
    const starts = first.clashes.map((c) => c.startMs);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(first.clashes[0]).toMatchObject({ idx: 0, topicId: null, speakers: ["Dr. Arjun Patel", "Dr. Lena Vogel"] });
    expect(first.clashes[0]?.quote).toContain("I disagree with the leap");

    const made = (await (
      await send("POST", "/stances", { title: first.clashes[1]?.topic, clashIdx: 1 })
    ).json()) as StanceTopicResponse;
    const again = (await (await app.request(`${base}/clashes`)).json()) as ClashesResponse;
    expect(again.clashes.map((c) => c.topicId)).toEqual(first.clashes.map((c) => (c.idx === 1 ? made.topic.id : null)));
  });

  it("says 'not analysed' rather than failing before the analysis, and 404 for an unknown episode", async () => {
    const { app, base } = await appWithSample({ analyse: false });
    expect(await (await app.request(`${base}/clashes`)).json()).toEqual({ analysed: false, clashes: [] });
    const missing = await app.request("/api/episodes/nope/clashes");
    expect(missing.status).toBe(404);
    expect((await missing.json()).error).toBe("no episode nope");
  });
});

describe("the stance table API", () => {
  it("has a column per speaker and creates, renames, fills and deletes rows", async () => {
    const { app, base, send } = await appWithSample();
    const empty = (await (await app.request(`${base}/stances`)).json()) as StancesResponse;
    expect(empty).toEqual({
      speakers: [
        { name: "Maya Chen", former: false },
        { name: "Dr. Arjun Patel", former: false },
        { name: "Dr. Lena Vogel", former: false },
      ],
      topics: [],
    });
    const created = await send("POST", "/stances", { title: "  Creates or unlocks?  " });
    expect(created.status).toBe(201);
    const { topic } = (await created.json()) as StanceTopicResponse;
    expect(topic).toMatchObject({ title: "Creates or unlocks?", clashIdx: null, synthesis: "", cells: [] });

    const renamed = (await (
      await send("PATCH", `/stances/${topic.id}`, { title: "Where reasoning comes from" })
    ).json()) as StanceTopicResponse;
    expect(renamed.topic.title).toBe("Where reasoning comes from");
    await send("PATCH", `/stances/${topic.id}`, { synthesis: "RL selects; pre-training supplies." });

    const saved = await send("PUT", `/stances/${topic.id}/cell`, {
      speaker: "Dr. Lena Vogel",
      position: "The capacity is built in pre-training.",
      quote: LENA_KEY,
      startMs: 75_000,
    });
    expect(saved.status).toBe(200);
    const { cell } = (await saved.json()) as StanceCellResponse;
    expect(cell).toMatchObject({
      speaker: "Dr. Lena Vogel",
      position: "The capacity is built in pre-training.",
      startMs: 75_000,
    });
    expect(cell.check).toMatchObject({
      quote: LENA_KEY,
      found: true,
      verdict: "ok",
      speaker: "Dr. Lena Vogel",
      startMs: 75_000,
      similarity: 1,
    });

    const table = (await (await app.request(`${base}/stances`)).json()) as StancesResponse;
    expect(table.topics).toHaveLength(1);
    expect(table.topics[0]).toMatchObject({
      title: "Where reasoning comes from",
      synthesis: "RL selects; pre-training supplies.",
    });
    expect(table.topics[0]?.cells[0]?.check?.verdict).toBe("ok");

    expect((await send("DELETE", `/stances/${topic.id}`)).status).toBe(200);
    expect(((await (await app.request(`${base}/stances`)).json()) as StancesResponse).topics).toEqual([]);
    const gone = await send("DELETE", `/stances/${topic.id}`);
    expect(gone.status).toBe(404);
    expect((await gone.json()).error).toContain(`no topic ${topic.id}`);
  });

  it("flags a quote put in another speaker's column with the right speaker, and one nobody said", async () => {
    const { base, send, app } = await appWithSample();
    const { topic } = (await (await send("POST", "/stances", { title: "RL" })).json()) as StanceTopicResponse;
    const wrong = (await (
      await send("PUT", `/stances/${topic.id}/cell`, {
        speaker: "Dr. Arjun Patel",
        position: "",
        quote: `“${LENA_KEY}.”`,
        startMs: null,
      })
    ).json()) as StanceCellResponse;
    expect(wrong.cell.check).toMatchObject({
      verdict: "wrong-speaker",
      correctSpeaker: "Dr. Lena Vogel",
      startMs: 75_000,
    });
    const absent = (await (
      await send("PUT", `/stances/${topic.id}/cell`, {
        speaker: "Maya Chen",
        position: "",
        quote: "Knowledge comes from pre-training, reasoning from post-training",
        startMs: null,
      })
    ).json()) as StanceCellResponse;
    expect(absent.cell.check).toMatchObject({
      verdict: "not-found",
      found: false,
      startMs: null,
      correctSpeaker: null,
    });
    const empty = (await (
      await send("PUT", `/stances/${topic.id}/cell`, {
        speaker: "Maya Chen",
        position: "only words",
        quote: "  ",
        startMs: null,
      })
    ).json()) as StanceCellResponse;
    expect(empty.cell.check).toBeNull();
    const table = (await (await app.request(`${base}/stances`)).json()) as StancesResponse;
    expect(table.topics[0]?.cells.map((c) => [c.speaker, c.check?.verdict ?? null])).toEqual([
      ["Dr. Arjun Patel", "wrong-speaker"],
      ["Maya Chen", null],
    ]);
  });

  it("follows a speaker correction of the transcript on the next answer", async () => {
    const { base, send, app, store, episode } = await appWithSample();
    const { topic } = (await (await send("POST", "/stances", { title: "RL" })).json()) as StanceTopicResponse;
    await send("PUT", `/stances/${topic.id}/cell`, {
      speaker: "Dr. Arjun Patel",
      position: "",
      quote: LENA_KEY,
      startMs: null,
    });
    const paragraph = getSegments(store, episode.id).find((s) => s.startMs === 75_000);
    relabelSegments(store, episode.id, { segmentIds: [paragraph?.id as number] }, "Dr. Arjun Patel");
    const table = (await (await app.request(`${base}/stances`)).json()) as StancesResponse;
    expect(table.topics[0]?.cells[0]?.check).toMatchObject({ verdict: "ok", speaker: "Dr. Arjun Patel" });
  });

  it("moves a cell with its renamed speaker, and keeps a merged-away name's column while it holds the learner's text", async () => {
    const { base, send, app, store, episode } = await appWithSample();
    const { topic } = (await (await send("POST", "/stances", { title: "RL" })).json()) as StanceTopicResponse;
    const write = (speaker: string, position: string) =>
      send("PUT", `/stances/${topic.id}/cell`, { speaker, position, quote: "", startMs: null });
    await write("Maya Chen", "She asks the questions.");
    await write("Dr. Arjun Patel", "RL builds reasoning.");
    const table = async () => (await (await app.request(`${base}/stances`)).json()) as StancesResponse;

    renameSpeaker(store, episode.id, "Maya Chen", "Maya");
    const renamed = await table();
    expect(renamed.speakers).toEqual([
      { name: "Maya", former: false },
      { name: "Dr. Arjun Patel", former: false },
      { name: "Dr. Lena Vogel", former: false },
    ]);
    expect(renamed.topics[0]?.cells.find((c) => c.speaker === "Maya")?.position).toBe("She asks the questions.");

    // Merged into Arjun, who has a cell of his own on this topic: hers stays, under her old name.
    renameSpeaker(store, episode.id, "Maya", "Dr. Arjun Patel");
    const merged = await table();
    expect(merged.speakers).toEqual([
      { name: "Dr. Arjun Patel", former: false },
      { name: "Dr. Lena Vogel", former: false },
      { name: "Maya", former: true },
    ]);
    expect(merged.topics[0]?.cells.map((c) => [c.speaker, c.position])).toEqual([
      ["Dr. Arjun Patel", "RL builds reasoning."],
      ["Maya", "She asks the questions."],
    ]);
    // The old name stays editable, so the learner can empty it or copy the text over.
    expect((await write("Maya", "")).status).toBe(200);
    expect((await table()).speakers.map((s) => s.name)).toEqual(["Dr. Arjun Patel", "Dr. Lena Vogel"]);
  });

  it("reorders rows, and answers bad requests with one sentence while changing nothing", async () => {
    const { base, send, app } = await appWithSample();
    const a = ((await (await send("POST", "/stances", { title: "A" })).json()) as StanceTopicResponse).topic;
    const b = ((await (await send("POST", "/stances", { title: "B" })).json()) as StanceTopicResponse).topic;
    expect((await send("PUT", "/stances/order", { topicIds: [b.id, a.id] })).status).toBe(200);
    const titles = async () =>
      ((await (await app.request(`${base}/stances`)).json()) as StancesResponse).topics.map((t) => t.title);
    expect(await titles()).toEqual(["B", "A"]);

    const cases: [string, string, unknown, number, string][] = [
      ["POST", "/stances", { title: "   " }, 400, "a new topic has a bad title: a title is needed"],
      ["POST", "/stances", { title: "x", clashIdx: 99 }, 400, "clash 99 is not one of this episode's clashes"],
      [
        "PATCH",
        `/stances/${a.id}`,
        {},
        400,
        "a topic change has a bad body: nothing to change: send title or synthesis",
      ],
      [
        "PATCH",
        "/stances/12345",
        { title: "x" },
        404,
        "no topic 12345 in this episode's stance table (it may have been deleted in another tab)",
      ],
      [
        "PUT",
        `/stances/${a.id}/cell`,
        { speaker: "Lex Fridman", position: "", quote: "", startMs: null },
        400,
        '"Lex Fridman" is not a speaker of this episode',
      ],
      [
        "PUT",
        `/stances/${a.id}/cell`,
        { speaker: "Maya Chen", position: "", quote: "", startMs: -5 },
        400,
        "a stance cell has a bad startMs: Too small: expected number to be >=0",
      ],
      [
        "PUT",
        `/stances/${a.id}/cell`,
        { speaker: "Maya Chen", position: "", quote: "", startMs: 0, segmentId: 999_999 },
        400,
        "segment 999999 is not part of this episode",
      ],
      [
        "PUT",
        `/stances/${a.id}/cell`,
        { speaker: "Maya Chen", position: "x".repeat(10_001), quote: "", startMs: null },
        400,
        "a stance cell has a bad position: Too big: expected string to have <=10000 characters",
      ],
      [
        "PUT",
        "/stances/order",
        { topicIds: [a.id] },
        400,
        `the topics were not reordered: the order leaves out topic ${b.id}`,
      ],
    ];
    for (const [method, path, body, status, error] of cases) {
      const r = await send(method, path, body);
      expect([path, r.status, (await r.json()).error]).toEqual([path, status, error]);
    }
    expect(await titles()).toEqual(["B", "A"]);
    const table = (await (await app.request(`${base}/stances`)).json()) as StancesResponse;
    expect(table.topics.flatMap((t) => t.cells)).toEqual([]);
  });
});

describe.skipIf(!HAS_CORPUS)("attribution in the stance table of Lex Fridman #490", () => {
  const store = freshStore();
  let base = "";
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    const { episode } = await importEpisode(store, {
      source: corpusFile("en/lex490-state-of-ai-2026.timestamped.txt"),
    });
    app = createApp({ store, home: store.dir });
    base = `/api/episodes/${episode.id}`;
  });
  afterAll(() => store.cleanup());

  it("flags Sebastian Raschka's skill-unlock quote credited to Nathan Lambert, with its moment 01:08:18", async () => {
    const send = (method: string, path: string, body: unknown) =>
      app.request(`${base}${path}`, {
        method,
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const { topic } = (await (
      await send("POST", "/stances", { title: "Where does knowledge come from?" })
    ).json()) as StanceTopicResponse;
    const { cell } = (await (
      await send("PUT", `/stances/${topic.id}/cell`, {
        speaker: "Nathan Lambert",
        position: "RL unlocks skills, pre-training gives knowledge",
        quote: "RL post-training is more like the skill unlock",
        startMs: null,
      })
    ).json()) as StanceCellResponse;
    expect(cell.check).toMatchObject({ found: true, verdict: "wrong-speaker", correctSpeaker: "Sebastian Raschka" });
    expect(Math.abs((cell.check?.startMs ?? 0) - (3600 + 8 * 60 + 18) * 1000)).toBeLessThanOrEqual(5_000);
    const { cell: nathan } = (await (
      await send("PUT", `/stances/${topic.id}/cell`, {
        speaker: "Nathan Lambert",
        position: "",
        quote: "I still disagree with the premise",
        startMs: null,
      })
    ).json()) as StanceCellResponse;
    expect(nathan.check).toMatchObject({ verdict: "ok", speaker: "Nathan Lambert" });
  });
});
