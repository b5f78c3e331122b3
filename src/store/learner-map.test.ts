import { afterEach, describe, expect, it } from "vitest";
import { freshStore } from "../../test/helpers/store.js";
import { deleteEpisode, insertEpisode } from "./episodes.js";
import { getLearnerMap, StaleMapError, saveLearnerMap } from "./learner-map.js";

const stores: ReturnType<typeof freshStore>[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.cleanup();
});

function libraryWithEpisode() {
  const s = freshStore();
  stores.push(s);
  const episodeId = insertEpisode(s, {
    title: "State of AI",
    show: null,
    language: "en",
    durationMs: 5000,
    wordCount: 5,
    format: "srt",
    source: { kind: "file", ref: "a", sha256: "a" },
    audioUrl: null,
    videoUrl: null,
    timingEstimated: false,
    speakersAnonymous: false,
    people: [],
    segments: [{ startMs: 0, endMs: 5000, speaker: "Nathan", text: "MLA compresses the KV cache." }],
    chapters: [],
  });
  return { store: s, episodeId };
}

const tree = (topic: string) => ({ nodeData: { id: "root", topic, children: [] } });

describe("the learner's map", () => {
  it("is absent until the first save, then grows one revision per save", () => {
    const { store, episodeId } = libraryWithEpisode();
    expect(getLearnerMap(store, episodeId)).toBeNull();
    expect(saveLearnerMap(store, episodeId, tree("first"), 0).revision).toBe(1);
    const second = saveLearnerMap(store, episodeId, tree("second"), 1);
    expect(second.revision).toBe(2);
    expect(getLearnerMap(store, episodeId)).toEqual({ tree: tree("second"), revision: 2, updatedAt: second.updatedAt });
  });

  it("refuses a save from a stale revision and keeps the newer map", () => {
    const { store, episodeId } = libraryWithEpisode();
    saveLearnerMap(store, episodeId, tree("mine"), 0);
    saveLearnerMap(store, episodeId, tree("other tab"), 1);
    expect(() => saveLearnerMap(store, episodeId, tree("stale"), 1)).toThrow(StaleMapError);
    // A first save from a tab that never saw any map is stale too.
    expect(() => saveLearnerMap(store, episodeId, tree("stale"), 0)).toThrow(/revision 2/);
    expect(getLearnerMap(store, episodeId)?.tree).toEqual(tree("other tab"));
    expect(getLearnerMap(store, episodeId)?.revision).toBe(2);
  });

  it("goes with its episode", () => {
    const { store, episodeId } = libraryWithEpisode();
    saveLearnerMap(store, episodeId, tree("mine"), 0);
    deleteEpisode(store, episodeId);
    expect(getLearnerMap(store, episodeId)).toBeNull();
  });
});
