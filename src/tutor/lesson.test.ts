import { describe, expect, it } from "vitest";
import { bundledPacksDir, loadPack } from "../knowledge/index.js";
import { buildLesson, prerequisiteChain } from "./lesson.js";

const pack = loadPack(`${bundledPacksDir()}ai-2026`);
const entry = (id: string) => pack.entries.find((e) => e.id === id) ?? null;
const moments = [
  {
    segmentId: 12,
    startMs: 3_000_000,
    speaker: "Sebastian Raschka",
    text: "MLA compresses keys and values into a latent.",
  },
];

describe("buildLesson", () => {
  it("gives the English card, the episode's moments, prerequisites before the concept, and check questions", () => {
    const lesson = buildLesson({
      conceptName: "MLA",
      language: "en",
      entry: entry("multi-head-latent-attention"),
      packEntries: pack.entries,
      definitions: moments,
    });
    expect(lesson.conceptName).toBe("Multi-head latent attention");
    expect(lesson.episodeSays).toEqual(moments);
    expect(lesson.card?.definition).toMatch(/latent/i);
    const chain = lesson.prerequisites.map((p) => p.entryId);
    expect(chain).toContain("kv-cache");
    expect(chain).toContain("multi-head-attention");
    // What a prerequisite rests on is learned before it.
    expect(chain.indexOf("attention")).toBeLessThan(chain.indexOf("multi-head-attention"));
    expect(lesson.checkQuestions.length).toBeGreaterThanOrEqual(2);
  });

  it("speaks Chinese to a Chinese learner", () => {
    const lesson = buildLesson({
      conceptName: "MLA",
      language: "zh",
      entry: entry("multi-head-latent-attention"),
      packEntries: pack.entries,
      definitions: moments,
    });
    expect(lesson.conceptName).toBe("多头潜在注意力");
    expect(lesson.card?.explanation).toMatch(/[\u4e00-\u9fff]/);
    expect(lesson.checkQuestions[0]).toMatch(/[\u4e00-\u9fff]/);
  });

  it("still teaches from the episode when no pack knows the concept", () => {
    const lesson = buildLesson({
      conceptName: "Tülu",
      language: "en",
      entry: null,
      packEntries: pack.entries,
      definitions: moments,
    });
    expect(lesson.card).toBeNull();
    expect(lesson.episodeSays).toHaveLength(1);
    expect(lesson.prerequisites).toEqual([]);
  });

  it("cuts prerequisite cycles", () => {
    const a = { ...pack.entries[0], id: "a", prerequisites: ["b"] } as (typeof pack.entries)[number];
    const b = { ...pack.entries[0], id: "b", prerequisites: ["a"] } as (typeof pack.entries)[number];
    expect(
      prerequisiteChain(
        "a",
        new Map([
          ["a", a],
          ["b", b],
        ]),
      ),
    ).toEqual(["b"]);
  });
});
