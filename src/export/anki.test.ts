import { describe, expect, it } from "vitest";
import { fixtureData, HOSTILE, shown } from "../../test/helpers/export-fixture.js";
import { parseAnkiText, ankiFieldText as shownText } from "../../test/helpers/export-readers.js";
import { ankiDeckName, clozeSentence, episodeToAnki } from "./anki.js";

describe("episodeToAnki", () => {
  const data = fixtureData();
  const text = episodeToAnki(data);
  const { headers, notes } = parseAnkiText(text);

  it("writes the header lines Anki reads", () => {
    expect(headers.get("separator")).toBe("tab");
    expect(headers.get("html")).toBe("true");
    expect(headers.get("deck")).toBe(ankiDeckName(data.episode.title));
    expect(headers.get("deck")?.startsWith("deeplisten::State of AI")).toBe(true);
    expect(headers.get("deck")?.split("::")).toHaveLength(2);
    expect(headers.get("notetype column")).toBe("2");
    expect(headers.get("tags column")).toBe("5");
    expect(headers.get("guid column")).toBe("1");
  });

  it("gives every note exactly five columns, no quote that would start a CSV field, unique guids", () => {
    for (const note of notes) {
      expect(note.cells).toHaveLength(5);
      expect(note.cells.join("")).not.toContain('"');
      expect(["Basic", "Cloze"]).toContain(note.notetype);
      for (const tag of note.tags) expect(tag).toMatch(/^\S+$/);
    }
    expect(new Set(notes.map((n) => n.guid)).size).toBe(notes.length);
  });

  it("asks to explain each concept, backed by the pack definition and the verified explanation", () => {
    const explain = notes.filter((n) => n.notetype === "Basic");
    expect(explain.map((n) => shownText(n.fields[0] as string).split("\n")[0])).toEqual([
      "Explain Mixture of Experts in your own words.",
      "Explain Router in your own words.",
      `Explain ${shown(`Hostile ${HOSTILE}`)} in your own words.`,
    ]);
    const back = shownText(explain[0]?.fields[1] as string);
    expect(back).toContain("Definition: Sparse experts with a router.");
    expect(back).toContain("My verified explanation (2026-01-02): Many expert FFNs");
    expect(explain[0]?.fields[1]).toContain("<a href='https://www.youtube.com/watch?v=abc123&amp;t=163s'>");
    expect(shownText(explain[1]?.fields[1] as string)).toContain("Not verified yet (marked).");
  });

  it("hides the term in the episode's defining sentence, once, with the moment on the back", () => {
    const cloze = notes.filter((n) => n.notetype === "Cloze");
    expect(cloze).toHaveLength(2);
    const [moe, hostile] = cloze as [(typeof cloze)[0], (typeof cloze)[0]];
    expect(moe.fields[0]).toBe("A {{c1::mixture of experts}} model routes each token to only a few expert networks.");
    expect(shownText(moe.fields[1] as string)).toContain("[00:02:43] Nathan");
    // The hostile sentence: one cloze of ours, nothing Anki would read as a cloze, a sound or a tag.
    const field = hostile.fields[0] as string;
    expect(field.match(/\{\{c1::/g)).toHaveLength(1);
    expect(field.match(/\{\{|\}\}/g)).toHaveLength(2);
    expect(field).not.toContain("[sound:");
    expect(field).not.toContain("<img");
    const unclozed = field.replace(/\{\{c1::(.*?)\}\}/, "$1");
    expect(shownText(unclozed)).toBe(shown(`So Hostile ${HOSTILE} means this.`));
  });

  it("finds the term as a whole word, preferring the longest name at the same place", () => {
    const concept = { ...(data.concepts[0] as (typeof data.concepts)[0]) };
    concept.definitions = [
      { segmentId: 1, startMs: 0, speaker: null, text: "MoEs aside, the MoE layer and 混合专家 matter." },
    ];
    expect(clozeSentence(concept)?.text).toBe("MoEs aside, the {{c1::MoE}} layer and 混合专家 matter.");
    concept.definitions = [{ segmentId: 1, startMs: 0, speaker: null, text: "这是混合专家模型。" }];
    expect(clozeSentence(concept)?.text).toBe("这是{{c1::混合专家}}模型。");
    concept.definitions = [{ segmentId: 1, startMs: 0, speaker: null, text: "No name here." }];
    expect(clozeSentence(concept)).toBeNull();
  });
});
