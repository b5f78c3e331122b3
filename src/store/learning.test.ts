import { afterEach, describe, expect, it } from "vitest";
import { freshStore } from "../../test/helpers/store.js";
import { insertEpisode } from "./episodes.js";
import {
  addMark,
  findConcept,
  findOrCreateConcept,
  getMasteryState,
  listAttempts,
  listMarks,
  masteryHistory,
  recordAttempt,
} from "./learning.js";

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
    wordCount: 8,
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
  const id = Number(
    s.db
      .prepare(
        "INSERT INTO concept (key, name, kind, pack_entry_id) VALUES ('multi-head-latent-attention', 'Multi-head latent attention', 'term', 'multi-head-latent-attention')",
      )
      .run().lastInsertRowid,
  );
  for (const alias of ["MLA", "多头潜在注意力"]) {
    s.db
      .prepare("INSERT INTO concept_alias (concept_id, alias, alias_key) VALUES (?, ?, ?)")
      .run(id, alias, alias.toLowerCase());
  }
  return { s, episodeId, conceptId: id };
}

const attempt = (conceptId: number, episodeId: string, verdict: "verified" | "partial", text: string) => ({
  conceptId,
  episodeId,
  language: "en" as const,
  confidence: 4,
  text,
  verdict,
  covered: verdict === "verified" ? ["latent", "smaller-cache"] : ["latent"],
  missing: verdict === "verified" ? [] : ["smaller-cache"],
  misconceptions: [],
  feedback: "…",
  grader: "offline",
});

describe("the learner's marks, attempts and mastery", () => {
  it("finds a concept by any of its names, in both languages", () => {
    const { s, conceptId } = libraryWithEpisode();
    for (const name of ["MLA", "mla", "多头潜在注意力", "multi-head-latent-attention"]) {
      expect(findConcept(s, name)?.id, name).toBe(conceptId);
    }
    expect(findConcept(s, "flash attention")).toBeNull();
    const created = findOrCreateConcept(s, "flash attention");
    expect(findConcept(s, "Flash Attention")?.id).toBe(created.id);
  });

  it("takes a concept from marked to verified through attempts, keeping every step", () => {
    const { s, episodeId, conceptId } = libraryWithEpisode();
    addMark(s, {
      episodeId,
      pass: 1,
      kind: "term",
      startMs: 0,
      segmentId: null,
      selection: "MLA",
      conceptId,
      confidence: 2,
      note: null,
    });
    expect(getMasteryState(s, conceptId)).toBe("marked");
    expect(listMarks(s, episodeId)[0]).toMatchObject({ selection: "MLA", conceptName: "Multi-head latent attention" });

    const first = recordAttempt(s, attempt(conceptId, episodeId, "partial", "It makes attention cheaper."));
    expect(first.state).toBe("learning");
    const second = recordAttempt(
      s,
      attempt(conceptId, episodeId, "verified", "Keys and values are compressed into a small latent that is cached."),
    );
    expect(second.state).toBe("verified");

    expect(listAttempts(s, conceptId).map((a) => [a.verdict, a.state, a.missing])).toEqual([
      ["partial", "learning", ["smaller-cache"]],
      ["verified", "verified", []],
    ]);
    expect(masteryHistory(s, conceptId).map((h) => `${h.event}: ${h.from} -> ${h.to}`)).toEqual([
      "mark: new -> marked",
      "explain: marked -> learning",
      "explain: learning -> verified",
    ]);
  });
});
