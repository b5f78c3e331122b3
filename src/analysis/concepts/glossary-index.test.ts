import { describe, expect, it } from "vitest";
import type { Glossary } from "../types.js";
import { caseMatches, indexGlossary } from "./glossary-index.js";
import { variantKey } from "./variants.js";

const glossary: Glossary = {
  entries: [
    { id: "mixture-of-experts", kind: "term", names: { en: ["Mixture of Experts", "MoE"], zh: ["混合专家"] } },
    { id: "meta-ai", kind: "organisation", names: { en: ["Meta AI", "Meta"], zh: [] } },
    { id: "debate-x", kind: "debate", names: { en: ["Is scaling dead?", "the scaling wall"], zh: [] } },
  ],
};

describe("indexGlossary", () => {
  const index = indexGlossary(glossary);
  const name = (s: string) => index.byKey.get(variantKey(s));

  it("finds names in both languages by their variants", () => {
    expect(name("mixture-of-experts")?.entry.id).toBe("mixture-of-experts");
    expect(name("MoEs")?.entry.id).toBe("mixture-of-experts");
    expect(name("混合专家")?.entry.id).toBe("mixture-of-experts");
    expect(index.englishKeys.has(variantKey("MoE"))).toBe(true);
    expect(index.englishKeys.has(variantKey("混合专家"))).toBe(false);
  });

  it("skips a debate's question title but keeps its aliases", () => {
    expect(name("Is scaling dead?")).toBeUndefined();
    expect(name("the scaling wall")?.entry.id).toBe("debate-x");
  });

  it("asks for the capitals of a name, not of a term's title", () => {
    const meta = name("Meta");
    const moe = name("MoE");
    const title = name("Mixture of Experts");
    expect(meta && caseMatches("Meta", meta)).toBe(true);
    expect(meta && caseMatches("meta", meta)).toBe(false);
    expect(moe && caseMatches("MOEs", moe)).toBe(true);
    expect(moe && caseMatches("moe", moe)).toBe(false);
    expect(title && caseMatches("mixture of experts", title)).toBe(true);
  });
});
