import { Hono } from "hono";
import { afterEach, describe, expect, it } from "vitest";
import { freshStore } from "../../../test/helpers/store.js";
import { analyzeStoredEpisode, importEpisode, SAMPLE } from "../../library/index.js";
import { getSegments, listJobs } from "../../store/index.js";
import type {
  SegmentJson,
  SpeakerChangeResponse,
  SpeakerSuggestionsResponse,
  SpeakersResponse,
} from "../contract/index.js";
import { speakerRoutes } from "./speakers.js";

const stores: ReturnType<typeof freshStore>[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.cleanup();
});

async function setup() {
  const store = freshStore();
  stores.push(store);
  const { episode } = await importEpisode(store, { source: SAMPLE.transcript, sourceKind: "sample" });
  let kicks = 0;
  const app = new Hono().route(
    "/api/episodes",
    speakerRoutes({ store, home: store.dir, kickJobs: () => void kicks++ }),
  );
  const base = `/api/episodes/${episode.id}/speakers`;
  const post = (path: string, body: unknown) =>
    app.request(`${base}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  const speakerOf = (id: number) => getSegments(store, episode.id).find((s) => s.id === id)?.speaker;
  return { store, app, episode, base, post, speakerOf, kicks: () => kicks };
}

describe("speaker routes", () => {
  it("lists the speakers with paragraph counts", async () => {
    const { app, base } = await setup();
    const body = (await (await app.request(base)).json()) as SpeakersResponse;
    expect(body.speakers.map((s) => s.name)).toEqual(["Maya Chen", "Dr. Arjun Patel", "Dr. Lena Vogel"]);
    expect(body.speakers.every((s) => s.paragraphs > 0)).toBe(true);
    expect(body.changes).toEqual([]);
    expect((await app.request("/api/episodes/nope/speakers")).status).toBe(404);
  });

  it("relabels one paragraph, and undo restores it", async () => {
    const { store, app, base, post, episode, speakerOf } = await setup();
    const first = getSegments(store, episode.id)[0] as SegmentJson;
    expect(first.speaker).toBe("Maya Chen");
    const res = await post("/relabel", { segmentId: first.id, scope: "paragraph", to: "Dr. Lena Vogel" });
    expect(res.status).toBe(200);
    const body = (await res.json()) as SpeakerChangeResponse;
    expect(body.change?.kind).toBe("relabel");
    expect(body.change?.segmentIds).toEqual([first.id]);
    expect(speakerOf(first.id)).toBe("Dr. Lena Vogel");
    const listed = (await (await app.request(base)).json()) as SpeakersResponse;
    expect(listed.changes).toHaveLength(1);

    const undone = (await (await post("/undo", {})).json()) as SpeakerChangeResponse;
    expect(undone.change?.undoneAt).not.toBeNull();
    expect(speakerOf(first.id)).toBe("Maya Chen");
    const nothing = (await (await post("/undo", {})).json()) as SpeakerChangeResponse;
    expect(nothing.change).toBeNull();
  });

  it("relabels a whole turn and up to the next speaker change", async () => {
    const { store, post, episode, speakerOf } = await setup();
    const segments = getSegments(store, episode.id);
    const [a, b, c] = segments as [SegmentJson, SegmentJson, SegmentJson];
    // Give paragraphs 2 and 3 to the first speaker, so the first paragraphs are one turn of hers.
    await post("/relabel", { segmentId: b.id, scope: "paragraph", to: a.speaker });
    await post("/relabel", { segmentId: c.id, scope: "paragraph", to: a.speaker });
    const relabelled = getSegments(store, episode.id);
    const run: number[] = [];
    for (const s of relabelled) {
      if (s.speaker !== a.speaker) break;
      run.push(s.id);
    }
    expect(run.length).toBeGreaterThanOrEqual(3);
    const turn = (await (
      await post("/relabel", { segmentId: b.id, scope: "turn", to: "Guest X" })
    ).json()) as SpeakerChangeResponse;
    expect(turn.change?.segmentIds).toEqual(run);
    expect(turn.speakers.map((s) => s.name)).toContain("Guest X");
    await post("/undo", {});
    expect(speakerOf(a.id)).toBe("Maya Chen");
    const rest = (await (
      await post("/relabel", { segmentId: b.id, scope: "until-change", to: "Guest X" })
    ).json()) as SpeakerChangeResponse;
    expect(rest.change?.segmentIds).toEqual(run.slice(1));
    expect(speakerOf(a.id)).toBe("Maya Chen");
    expect(speakerOf(c.id)).toBe("Guest X");
  });

  it("renames a speaker everywhere, and merges two", async () => {
    const { store, post, episode } = await setup();
    const renamed = (await (
      await post("/rename", { from: "Dr. Arjun Patel", to: "Arjun" })
    ).json()) as SpeakerChangeResponse;
    expect(renamed.change?.kind).toBe("rename");
    expect(renamed.speakers.map((s) => s.name)).toEqual(["Maya Chen", "Arjun", "Dr. Lena Vogel"]);
    const merged = await post("/merge", { from: "Arjun", into: "Dr. Lena Vogel" });
    expect(merged.status).toBe(200);
    const body = (await merged.json()) as SpeakerChangeResponse;
    expect(body.change?.kind).toBe("merge");
    expect(body.speakers.map((s) => s.name)).toEqual(["Maya Chen", "Dr. Lena Vogel"]);
    expect(new Set(getSegments(store, episode.id).map((s) => s.speaker))).toEqual(
      new Set(["Maya Chen", "Dr. Lena Vogel"]),
    );
    const undone = (await (await post("/undo", {})).json()) as SpeakerChangeResponse;
    expect(undone.speakers.map((s) => s.name)).toEqual(["Maya Chen", "Arjun", "Dr. Lena Vogel"]);
  });

  it("answers bad requests with sentences", async () => {
    const { post } = await setup();
    const unknown = await post("/rename", { from: "Nobody", to: "X" });
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).error).toContain('no speaker "Nobody"');
    const intoNobody = await post("/merge", { from: "Maya Chen", into: "Nobody" });
    expect(intoNobody.status).toBe(400);
    const badScope = await post("/relabel", { segmentId: 1, scope: "chapter", to: "X" });
    expect(badScope.status).toBe(400);
    expect((await badScope.json()).error).toContain("scope");
    const otherParagraph = await post("/relabel", { segmentId: 999_999, scope: "paragraph", to: "X" });
    expect(otherParagraph.status).toBe(400);
    expect((await otherParagraph.json()).error).toContain("not in this episode");
    const empty = await post("/relabel", { segmentId: 1, scope: "paragraph", to: "  " });
    expect(empty.status).toBe(400);
  });

  it("suggests labels to review", async () => {
    const { app, base } = await setup();
    const res = await app.request(`${base}/suggestions`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as SpeakerSuggestionsResponse;
    expect(Array.isArray(body.suggestions)).toBe(true);
    for (const s of body.suggestions) expect(s.suggested).not.toBe(s.labelled);
  });

  it("analyses an analysed episode again after a correction", async () => {
    const { store, post, episode, kicks } = await setup();
    analyzeStoredEpisode(store, episode.id, { entries: [] });
    const before = listJobs(store, { episodeId: episode.id }).length;
    await post("/rename", { from: "Maya Chen", to: "Maya" });
    expect(listJobs(store, { episodeId: episode.id }).length).toBe(before + 1);
    expect(kicks()).toBe(1);
  });
});
