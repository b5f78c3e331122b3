import { afterEach, describe, expect, it } from "vitest";
import { freshStore } from "../../test/helpers/store.js";
import type { EpisodeAnalysis, ExtractedConcept } from "../analysis/types.js";
import {
  episodesOfConcept,
  getAnalysis,
  getClashes,
  getEpisodeConcept,
  getEpisodeConcepts,
  saveAnalysis,
} from "./analysis.js";
import { getChapters, getSegments, insertEpisode, type NewEpisode } from "./episodes.js";

const stores: ReturnType<typeof freshStore>[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.cleanup();
});

function episode(title: string, sha: string, chapters: NewEpisode["chapters"] = []): NewEpisode {
  return {
    title,
    show: null,
    language: "en",
    durationMs: 9000,
    wordCount: 20,
    format: "srt",
    source: { kind: "file", ref: title, sha256: sha },
    audioUrl: null,
    videoUrl: null,
    timingEstimated: false,
    speakersAnonymous: false,
    people: [],
    segments: [
      { startMs: 0, endMs: 3000, speaker: "Lex", text: "What is MoE?" },
      {
        startMs: 3000,
        endMs: 6000,
        speaker: "Nathan",
        text: "Mixture of experts: a router sends each token to a few experts.",
      },
      { startMs: 6000, endMs: 9000, speaker: "Sebastian", text: "I disagree that MoE is always cheaper." },
    ],
    chapters,
  };
}

function concept(key: string, name: string, aliases: string[], segmentIds: number[]): ExtractedConcept {
  return {
    key,
    name,
    aliases,
    kind: "term",
    packEntryId: null,
    score: 3.5,
    mentions: segmentIds.map((segmentId, i) => ({ segmentId, startMs: i * 3000, start: 0, end: 3 })),
    definitions: [
      {
        segmentId: segmentIds[1] ?? segmentIds[0] ?? 0,
        startMs: 3000,
        speaker: "Nathan",
        text: "a router sends each token to a few experts",
        score: 2,
      },
    ],
  };
}

function analysis(concepts: ExtractedConcept[], segmentIds: number[]): EpisodeAnalysis {
  return {
    concepts,
    chapters: [
      { title: "MoE basics", startMs: 0, endMs: 6000, source: "detected" },
      { title: "Costs", startMs: 6000, endMs: 9000, source: "detected" },
    ],
    clashes: [
      {
        startMs: 6000,
        endMs: 9000,
        segmentIds: [segmentIds[1] ?? 0, segmentIds[2] ?? 0],
        speakers: ["Sebastian", "Nathan"],
        topic: "MoE cost",
        quote: "I disagree that MoE is always cheaper.",
        conceptKeys: ["mixture of experts"],
        confidence: 0.8,
      },
    ],
    mindmap: { id: "episode", title: "t", kind: "episode", children: [] },
  };
}

describe("saveAnalysis", () => {
  it("stores concepts in rank order with mentions, definitions, clashes and detected chapters", () => {
    const s = freshStore();
    stores.push(s);
    const id = insertEpisode(s, episode("A", "a"));
    const seg = getSegments(s, id).map((x) => x.id);
    saveAnalysis(s, id, analysis([concept("mixture of experts", "mixture of experts", ["MoE"], seg)], seg), 12);
    const stored = getAnalysis(s, id);
    expect(stored?.analysedAt).toBe("2026-01-02T03:04:06.000Z");
    expect(stored?.concepts).toEqual([
      {
        id: expect.any(Number),
        key: "mixture of experts",
        name: "mixture of experts",
        aliases: ["MoE"],
        kind: "term",
        score: 3.5,
        mentionCount: 3,
        firstMs: 0,
        mentions: seg.map((segmentId, i) => ({ segmentId, startMs: i * 3000 })),
        definitions: [
          { segmentId: seg[1], startMs: 3000, speaker: "Nathan", text: "a router sends each token to a few experts" },
        ],
        pack: null,
      },
    ]);
    expect(getChapters(s, id).map((c) => [c.title, c.source])).toEqual([
      ["MoE basics", "detected"],
      ["Costs", "detected"],
    ]);
    expect(getClashes(s, id)[0]).toMatchObject({ speakers: ["Sebastian", "Nathan"], topic: "MoE cost" });
  });

  it("keeps published chapters and replaces a previous analysis instead of adding to it", () => {
    const s = freshStore();
    stores.push(s);
    const id = insertEpisode(
      s,
      episode("A", "a", [{ title: "Published", startMs: 0, endMs: 9000, source: "published" }]),
    );
    const seg = getSegments(s, id).map((x) => x.id);
    const result = analysis([concept("mixture of experts", "mixture of experts", ["MoE"], seg)], seg);
    saveAnalysis(s, id, result, 10);
    saveAnalysis(s, id, result, 11);
    expect(getChapters(s, id).map((c) => c.title)).toEqual(["Published"]);
    expect(getEpisodeConcepts(s, id)).toHaveLength(1);
    expect(getEpisodeConcepts(s, id)[0]?.mentionCount).toBe(3);
    expect(getClashes(s, id)).toHaveLength(1);
    expect(getAnalysis(s, id)?.tookMs).toBe(11);
  });

  it("makes a concept found in two episodes under different names one library concept", () => {
    const s = freshStore();
    stores.push(s);
    const a = insertEpisode(s, episode("A", "a"));
    const b = insertEpisode(s, episode("B", "b"));
    const segA = getSegments(s, a).map((x) => x.id);
    const segB = getSegments(s, b).map((x) => x.id);
    saveAnalysis(s, a, analysis([concept("mixture of experts", "mixture of experts", ["MoE"], segA)], segA), 1);
    // Episode B only ever says "MoE": the alias joins it to the same concept.
    saveAnalysis(s, b, analysis([concept("moe", "MoE", [], segB)], segB), 1);
    expect(episodesOfConcept(s, "mixture of experts")).toEqual([
      { episodeId: a, mentionCount: 3 },
      { episodeId: b, mentionCount: 3 },
    ]);
    expect(getEpisodeConcepts(s, b)[0]?.key).toBe("mixture of experts");
    const one = getEpisodeConcept(s, b, getEpisodeConcepts(s, b)[0]?.id ?? -1);
    expect(one).toEqual(getEpisodeConcepts(s, b)[0]);
    expect(getEpisodeConcept(s, b, 999_999)).toBeNull();
  });

  it("is gone with its episode", () => {
    const s = freshStore();
    stores.push(s);
    const id = insertEpisode(s, episode("A", "a"));
    const seg = getSegments(s, id).map((x) => x.id);
    saveAnalysis(s, id, analysis([concept("mixture of experts", "mixture of experts", [], seg)], seg), 1);
    s.db.prepare("DELETE FROM episode WHERE id = ?").run(id);
    for (const table of ["episode_concept", "mention", "definition", "clash", "mindmap_draft", "episode_analysis"]) {
      expect(s.db.prepare(`SELECT count(*) AS n FROM ${table}`).get()).toEqual({ n: 0 });
    }
  });
});
