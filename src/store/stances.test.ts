import { afterEach, describe, expect, it } from "vitest";
import { freshStore } from "../../test/helpers/store.js";
import { importEpisode, SAMPLE } from "../library/index.js";
import {
  addStanceTopic,
  deleteStanceTopic,
  getStanceTopic,
  listStances,
  reorderStanceTopics,
  saveStanceCell,
  stanceTopicsByClash,
  updateStanceTopic,
} from "./stances.js";

const stores: ReturnType<typeof freshStore>[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.cleanup();
});

async function storeWithSample() {
  const store = freshStore();
  stores.push(store);
  const { episode } = await importEpisode(store, { source: SAMPLE.transcript, sourceKind: "sample" });
  return { store, id: episode.id };
}

describe("the stance table store", () => {
  it("keeps rows in the order they were added, with their cells and synthesis", async () => {
    const { store, id } = await storeWithSample();
    const a = addStanceTopic(store, id, { title: "Where reasoning comes from", clashIdx: 0 });
    const b = addStanceTopic(store, id, { title: "pass@k" });
    expect(
      saveStanceCell(store, id, a.id, {
        speaker: "Dr. Lena Vogel",
        position: "Pre-training builds it; RL unlocks it.",
        quote: "reinforcement learning is a very good key, but it doesn't build the room",
        startMs: 75_000,
        segmentId: null,
      }),
    ).toBe(true);
    expect(updateStanceTopic(store, id, a.id, { synthesis: "Both: RL selects what pre-training made." })).toBe(true);
    const table = listStances(store, id);
    expect(table.map((t) => [t.title, t.clashIdx, t.idx])).toEqual([
      ["Where reasoning comes from", 0, 0],
      ["pass@k", null, 1],
    ]);
    expect(table[0]?.synthesis).toBe("Both: RL selects what pre-training made.");
    expect(table[0]?.cells).toMatchObject([{ speaker: "Dr. Lena Vogel", startMs: 75_000 }]);
    expect(stanceTopicsByClash(store, id)).toEqual(new Map([[0, a.id]]));
    expect(getStanceTopic(store, id, b.id)?.title).toBe("pass@k");
  });

  it("overwrites a cell in place and renames without touching the synthesis", async () => {
    const { store, id } = await storeWithSample();
    const t = addStanceTopic(store, id, { title: "RL" });
    const cell = { speaker: "Dr. Arjun Patel", position: "first", quote: "", startMs: null, segmentId: null };
    saveStanceCell(store, id, t.id, cell);
    saveStanceCell(store, id, t.id, { ...cell, position: "second" });
    updateStanceTopic(store, id, t.id, { synthesis: "mine" });
    updateStanceTopic(store, id, t.id, { title: "RL creates" });
    const [row] = listStances(store, id);
    expect(row?.cells.map((c) => c.position)).toEqual(["second"]);
    expect([row?.title, row?.synthesis]).toEqual(["RL creates", "mine"]);
  });

  it("refuses rows of another episode and reorders only a complete list", async () => {
    const { store, id } = await storeWithSample();
    const a = addStanceTopic(store, id, { title: "A" });
    const b = addStanceTopic(store, id, { title: "B" });
    const c = addStanceTopic(store, id, { title: "C" });
    expect(updateStanceTopic(store, "other", a.id, { title: "x" })).toBe(false);
    expect(
      saveStanceCell(store, "other", a.id, { speaker: "x", position: "", quote: "", startMs: null, segmentId: null }),
    ).toBe(false);
    expect(deleteStanceTopic(store, "other", a.id)).toBe(false);
    expect(reorderStanceTopics(store, id, [c.id, a.id])).toEqual({
      ok: false,
      error: `the order leaves out topic ${b.id}`,
    });
    expect(reorderStanceTopics(store, id, [c.id, a.id, a.id])).toEqual({ ok: false, error: "a topic is listed twice" });
    expect(reorderStanceTopics(store, id, [c.id, a.id, 999])).toEqual({
      ok: false,
      error: "topic 999 is not part of this episode",
    });
    expect(listStances(store, id).map((t) => t.title)).toEqual(["A", "B", "C"]);
    expect(reorderStanceTopics(store, id, [c.id, a.id, b.id])).toEqual({ ok: true });
    expect(listStances(store, id).map((t) => t.title)).toEqual(["C", "A", "B"]);
    expect(deleteStanceTopic(store, id, a.id)).toBe(true);
    expect(listStances(store, id).map((t) => t.title)).toEqual(["C", "B"]);
    // A row added after a reorder and a deletion still goes to the end.
    addStanceTopic(store, id, { title: "D" });
    expect(listStances(store, id).map((t) => t.title)).toEqual(["C", "B", "D"]);
  });
});
