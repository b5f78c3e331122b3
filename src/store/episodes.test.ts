import { afterEach, describe, expect, it } from "vitest";
import { freshStore } from "../../test/helpers/store.js";
import {
  deleteEpisode,
  findEpisodes,
  getChapters,
  getEpisode,
  getSegments,
  insertEpisode,
  listEpisodes,
  type NewEpisode,
} from "./episodes.js";
import { searchSegments } from "./search.js";

const stores: ReturnType<typeof freshStore>[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.cleanup();
});
function store() {
  const s = freshStore();
  stores.push(s);
  return s;
}

function episode(overrides: Partial<NewEpisode> = {}): NewEpisode {
  return {
    title: "State of AI",
    show: "Sample Show",
    language: "en",
    durationMs: 9000,
    wordCount: 21,
    format: "srt",
    source: { kind: "file", ref: "/tmp/a.srt", sha256: "abc" },
    audioUrl: null,
    videoUrl: null,
    timingEstimated: false,
    speakersAnonymous: false,
    people: [{ name: "Lex", role: "host", anonymous: false }],
    segments: [
      { startMs: 0, endMs: 3000, speaker: "Lex", text: "What is a mixture of experts?" },
      { startMs: 3000, endMs: 6000, speaker: "Nathan", text: "A router sends each token to a few experts." },
      { startMs: 6000, endMs: 9000, speaker: "Lex", text: "And the rest stay idle." },
    ],
    chapters: [
      { title: "Intro", startMs: 0, endMs: 3000, source: "published" },
      { title: "MoE", startMs: 3000, endMs: 9000, source: "published" },
    ],
    ...overrides,
  };
}

describe("episodes in the library", () => {
  it("writes an episode with its speakers, segments and chapters, and reads it back", () => {
    const s = store();
    const id = insertEpisode(s, episode());
    expect(id).toBe("ep1");
    const summary = getEpisode(s, id);
    expect(summary).toMatchObject({
      id: "ep1",
      title: "State of AI",
      language: "en",
      durationMs: 9000,
      speakers: ["Lex", "Nathan"],
      segmentCount: 3,
      wordCount: 21,
      chapters: [
        { title: "Intro", startMs: 0 },
        { title: "MoE", startMs: 3000 },
      ],
      importedAt: "2026-01-02T03:04:05.000Z",
    });
    expect(getSegments(s, id).map((x) => `${x.speaker}: ${x.text}`)).toEqual([
      "Lex: What is a mixture of experts?",
      "Nathan: A router sends each token to a few experts.",
      "Lex: And the rest stay idle.",
    ]);
    expect(getChapters(s, id).at(-1)).toEqual({ title: "MoE", startMs: 3000, endMs: 9000, source: "published" });
  });

  it("lists newest first and finds an episode by id or a unique piece of its title", () => {
    const s = store();
    insertEpisode(s, episode());
    insertEpisode(s, episode({ title: "DeepSeek moment", source: { kind: "file", ref: "b", sha256: "def" } }));
    expect(listEpisodes(s).map((e) => e.title)).toEqual(["DeepSeek moment", "State of AI"]);
    expect(findEpisodes(s, "ep1").map((e) => e.id)).toEqual(["ep1"]);
    expect(findEpisodes(s, "deepseek").map((e) => e.id)).toEqual(["ep2"]);
    expect(findEpisodes(s, "100%")).toEqual([]);
  });

  it("leaves the library unchanged when any part of an episode fails to write", () => {
    const s = store();
    const bad = episode({ segments: [{ startMs: 5000, endMs: 1000, speaker: null, text: "end before start" }] });
    expect(() => insertEpisode(s, bad)).toThrow(/CHECK constraint/);
    expect(listEpisodes(s)).toEqual([]);
    expect(s.db.prepare("SELECT count(*) AS n FROM speaker").get()).toEqual({ n: 0 });
    expect(s.db.prepare("SELECT count(*) AS n FROM segment_fts").get()).toEqual({ n: 0 });
  });

  it("deletes an episode with everything hanging off it, search index included", () => {
    const s = store();
    const id = insertEpisode(s, episode());
    expect(deleteEpisode(s, id)).toBe(true);
    for (const table of ["segment", "speaker", "chapter", "segment_fts"]) {
      expect(s.db.prepare(`SELECT count(*) AS n FROM ${table}`).get()).toEqual({ n: 0 });
    }
  });
});

describe("searchSegments", () => {
  it("finds English words by their stem", () => {
    const s = store();
    insertEpisode(s, episode());
    const hits = searchSegments(s, "expert");
    expect(hits.map((h) => h.text)).toEqual([
      "What is a mixture of experts?",
      "A router sends each token to a few experts.",
    ]);
    expect(hits[1]?.snippet).toContain("[experts]");
    expect(hits[1]?.speaker).toBe("Nathan");
  });

  it("finds Chinese terms of three characters and more, and of two characters", () => {
    const s = store();
    insertEpisode(
      s,
      episode({
        language: "zh",
        segments: [
          { startMs: 0, endMs: 1000, speaker: null, text: "路由器为每个词元挑选两个专家。" },
          { startMs: 1000, endMs: 2000, speaker: null, text: "其余的专家这一步不参与计算。" },
        ],
        chapters: [],
      }),
    );
    expect(searchSegments(s, "路由器").map((h) => h.startMs)).toEqual([0]);
    expect(searchSegments(s, "专家").map((h) => h.startMs)).toEqual([0, 1000]);
    expect(searchSegments(s, "   ")).toEqual([]);
  });
});
