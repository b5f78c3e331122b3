import { describe, expect, it } from "vitest";
import { draftMindMap } from "./mindmap.js";
import type { AnalysisInput, ExtractedConcept } from "./types.js";

const input: AnalysisInput = {
  title: "State of AI",
  language: "en",
  speakers: ["Lex", "Nathan"],
  segments: [],
  chapters: [],
};

function concept(key: string, name: string, definitionMs: number | null, mentionMs: number[]): ExtractedConcept {
  return {
    key,
    name,
    aliases: [],
    kind: "term",
    packEntryId: null,
    score: 1,
    mentions: mentionMs.map((ms, i) => ({ segmentId: 100 + i, startMs: ms, start: 0, end: 3 })),
    definitions:
      definitionMs === null
        ? []
        : [
            {
              segmentId: 7,
              startMs: definitionMs,
              speaker: "Nathan",
              text: `${name} is where a router picks experts.`,
              score: 1,
            },
          ],
  };
}

describe("draftMindMap", () => {
  const chapters = [
    { title: "Intro", startMs: 0, endMs: 60_000, source: "published" as const },
    { title: "Architecture", startMs: 60_000, endMs: 600_000, source: "published" as const },
  ];

  it("hangs each concept under the chapter that explains it, with the defining moment", () => {
    const map = draftMindMap(
      input,
      [concept("mixture-of-experts", "Mixture of experts", 75_000, [10_000, 80_000])],
      chapters,
    );
    expect(map.title).toBe("State of AI");
    expect(map.children.map((c) => [c.title, c.children.map((k) => k.title)])).toEqual([
      ["Intro", []],
      ["Architecture", ["Mixture of experts"]],
    ]);
    const moment = map.children[1]?.children[0]?.children[0];
    expect(moment).toMatchObject({ kind: "moment", segmentId: 7, startMs: 75_000 });
    expect(moment?.title).toBe("00:01:15 Mixture of experts is where a router picks experts.");
  });

  it("uses the chapter where a concept is said most when nothing defines it, and its first mention", () => {
    const map = draftMindMap(input, [concept("gpu", "GPU", null, [5_000, 70_000, 90_000])], chapters);
    const node = map.children[1]?.children[0];
    expect(node?.title).toBe("GPU");
    expect(node?.children[0]).toMatchObject({ title: "00:00:05 first mention", startMs: 5_000, segmentId: 100 });
  });

  it("keeps the best-ranked concepts of a chapter, at most five", () => {
    const many = Array.from({ length: 8 }, (_, i) => concept(`c${i}`, `Concept ${i}`, 100_000 + i, [100_000 + i]));
    const map = draftMindMap(input, many, chapters);
    expect(map.children[1]?.children.map((c) => c.title)).toEqual([
      "Concept 0",
      "Concept 1",
      "Concept 2",
      "Concept 3",
      "Concept 4",
    ]);
  });

  it("makes one branch of the whole episode when there are no chapters", () => {
    const map = draftMindMap(input, [concept("gpu", "GPU", null, [5_000])], []);
    expect(map.children).toHaveLength(1);
    expect(map.children[0]?.children[0]?.title).toBe("GPU");
  });
});
