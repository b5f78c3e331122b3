import { describe, expect, it } from "vitest";
import { conceptKind, type KindEvidence, kindCues } from "./kind.js";
import { tokeniseSegments } from "./tokens.js";

const base: KindEvidence = {
  forms: [],
  isName: false,
  isAcronym: false,
  isModelLike: false,
  speakers: ["Lex Fridman", "Nathan Lambert"],
  cues: { person: 0, organisation: 0, model: 0 },
};

describe("conceptKind", () => {
  it("takes the glossary's kind first, a debate being a term", () => {
    expect(conceptKind({ ...base, forms: ["DeepSeek"], isName: true, packKind: "organisation" })).toBe("organisation");
    expect(conceptKind({ ...base, forms: ["open vs closed"], packKind: "debate" })).toBe("term");
  });

  it("knows the speakers and their first names", () => {
    expect(conceptKind({ ...base, forms: ["Nathan"], isName: true })).toBe("person");
    expect(conceptKind({ ...base, forms: ["Nathan Lambert"], isName: true })).toBe("person");
  });

  it("reads the shape of a name", () => {
    expect(conceptKind({ ...base, forms: ["GPT-5"], isName: true, isModelLike: true })).toBe("model");
    expect(conceptKind({ ...base, forms: ["Allen Institute"], isName: true })).toBe("organisation");
    expect(conceptKind({ ...base, forms: ["Sam Altman"], isName: true })).toBe("person");
    expect(conceptKind({ ...base, forms: ["Mixture of Experts"], isName: true })).toBe("term");
    expect(conceptKind({ ...base, forms: ["distillation"] })).toBe("term");
    expect(conceptKind({ ...base, forms: ["RLHF"], isName: true, isAcronym: true })).toBe("term");
    expect(conceptKind({ ...base, forms: ["Boston Dynamics"], isName: true })).toBe("organisation");
  });

  it("reads the words around the mentions", () => {
    const cues = { person: 0, organisation: 0, model: 2 };
    expect(conceptKind({ ...base, forms: ["Gemini"], isName: true, cues })).toBe("model");
    const org = { person: 0, organisation: 2, model: 0 };
    expect(conceptKind({ ...base, forms: ["Anthropic"], isName: true, cues: org })).toBe("organisation");
  });
});

describe("kindCues", () => {
  it("counts versions and model words after, and 'at' or a release verb around", () => {
    const text = "Gemini 3 is good. I work at Anthropic. Anthropic released Claude.";
    const segs = tokeniseSegments([{ id: 1, startMs: 0, endMs: 1, speaker: null, text }]);
    const byId = new Map(segs.map((s) => [s.segment.id, s]));
    const at = (from: number) => {
      const start = text.indexOf("Anthropic", from);
      return { segmentId: 1, start, end: start + "Anthropic".length };
    };
    expect(kindCues([{ segmentId: 1, start: 0, end: 6 }], byId).model).toBe(1);
    expect(kindCues([at(0), at(30)], byId).organisation).toBe(2);
  });
});
