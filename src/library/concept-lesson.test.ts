import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshStore } from "../../test/helpers/store.js";
import { analyzeStoredEpisode, importEpisode, libraryGlossary, libraryPacks, SAMPLE } from "../library/index.js";
import { addMark, findConcept, findOrCreateConcept, isEpisodeAnalysed } from "../store/index.js";
import { conceptLesson, snippet } from "./concept-lesson.js";
import { episodeConceptTable } from "./concept-table.js";
import { explainBack } from "./explain-back.js";

const store = freshStore();
let episodeId = "";
beforeAll(async () => {
  const { episode } = await importEpisode(store, { source: SAMPLE.transcript, sourceKind: "sample" });
  episodeId = episode.id;
  analyzeStoredEpisode(store, episodeId, libraryGlossary(store.dir));
});
afterAll(() => store.cleanup());

const packs = () => libraryPacks(store.dir);
const idOf = (name: string) => findConcept(store, name, episodeId)?.id ?? -1;

describe("conceptLesson", () => {
  it("gives what the episode says, the card, prerequisites with their mastery, and questions", () => {
    const lesson = conceptLesson(store, packs(), { episodeId, conceptId: idOf("GRPO"), language: "en" });
    expect(lesson).not.toBeNull();
    if (!lesson) return;
    expect(lesson.concept.name).toBe("GRPO");
    expect(lesson.state).toBe("new");
    expect(lesson.episodeSays.length).toBeGreaterThan(0);
    expect(lesson.episodeSays[0]?.speaker).toBeTruthy();
    expect(lesson.mentions.length).toBeGreaterThan(0);
    for (const m of lesson.mentions) expect(m.term.toLowerCase()).toContain("grpo");
    expect(lesson.card?.definition).toMatch(/group/i);
    expect(lesson.checkQuestions.length).toBeGreaterThanOrEqual(2);
    const ppo = lesson.prerequisites.find((p) => p.entryId === "ppo");
    expect(ppo).toMatchObject({ name: "PPO", inEpisode: true, conceptId: idOf("PPO"), state: "new" });
  });

  it("speaks Chinese when asked and shows the learner's marks and attempts with their points named", () => {
    const grpo = idOf("GRPO");
    const ref = findConcept(store, "GRPO", episodeId);
    if (!ref) throw new Error("no GRPO");
    addMark(store, {
      episodeId,
      pass: 1,
      kind: "term",
      startMs: 428_000,
      segmentId: null,
      selection: "GRPO",
      conceptId: grpo,
      confidence: 2,
      note: null,
    });
    explainBack(store, {
      concept: ref,
      episodeId,
      confidence: 4,
      text: "GRPO 就是让模型更聪明的强化学习。",
      language: "zh",
      packs: packs(),
    });
    const lesson = conceptLesson(store, packs(), { episodeId, conceptId: grpo, language: "zh" });
    expect(lesson?.card?.definition).toContain("组相对策略优化");
    expect(lesson?.checkQuestions[0]).toMatch(/[\u4e00-\u9fff]/);
    expect(lesson?.state).toBe("learning");
    expect(lesson?.marks).toEqual([expect.objectContaining({ pass: 1, startMs: 428_000, confidence: 2 })]);
    const attempt = lesson?.attempts.at(-1);
    expect(attempt?.verdict).toBe("partial");
    expect(attempt?.calibration).toBe("overconfident");
    expect(attempt?.missing.length).toBeGreaterThan(0);
    for (const m of attempt?.missing ?? []) expect(m.text).toMatch(/[\u4e00-\u9fff]/);
  });

  it("is null for a concept the episode neither says nor marks", () => {
    const other = findOrCreateConcept(store, "flux capacitor");
    expect(conceptLesson(store, packs(), { episodeId, conceptId: other.id, language: "en" })).toBeNull();
    expect(conceptLesson(store, packs(), { episodeId, conceptId: 987654, language: "en" })).toBeNull();
  });
});

describe("episodeConceptTable", () => {
  it("lists the analysis' concepts in rank order, with mastery, marks and pack names, then marked-only terms", () => {
    const term = findOrCreateConcept(store, "aha moment", episodeId);
    addMark(store, {
      episodeId,
      pass: 1,
      kind: "term",
      startMs: 516_000,
      segmentId: null,
      selection: "aha moment",
      conceptId: term.id,
      confidence: 1,
      note: null,
    });
    expect(isEpisodeAnalysed(store, episodeId)).toBe(true);
    const rows = episodeConceptTable(store, packs(), episodeId);
    expect(rows[0]?.name).toBe("Reinforcement learning");
    expect(rows[0]?.packNames).toEqual({ en: "Reinforcement learning", zh: "强化学习" });
    const grpo = rows.find((r) => r.name === "GRPO");
    expect(grpo).toMatchObject({ marked: true, state: "learning", kind: "term", hasPackEntry: true });
    expect(grpo?.mentionCount).toBeGreaterThan(3);
    expect(rows.find((r) => r.name === "PPO")).toMatchObject({ marked: false, state: "new" });
    expect(rows.at(-1)).toMatchObject({ name: "aha moment", marked: true, mentionCount: 0, firstMs: 516_000 });
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
  });
});

describe("snippet", () => {
  it("cuts the context at word boundaries and marks where the paragraph goes on", () => {
    const text = `${"word ".repeat(40)}GRPO${" more".repeat(40)}`;
    const start = text.indexOf("GRPO");
    const s = snippet(text, start, start + 4);
    expect(s.term).toBe("GRPO");
    expect(s.before.startsWith("…word")).toBe(true);
    expect(s.after.endsWith("more…")).toBe(true);
    expect(snippet("Say GRPO.", 4, 8)).toEqual({ before: "Say ", term: "GRPO", after: "." });
  });
});
