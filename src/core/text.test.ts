import { describe, expect, it } from "vitest";
import { detectLanguage } from "./language.js";
import { countWords, decodeEntities, normalizeSpace } from "./text.js";

describe("countWords", () => {
  it("counts English words, contractions once, and one word per Chinese character", () => {
    expect(countWords("It's a mixture-of-experts model, 671B params.")).toBe(8);
    expect(countWords("混合专家 MoE 模型")).toBe(7);
    expect(countWords("")).toBe(0);
  });
});

describe("text helpers", () => {
  it("normalises whitespace including full-width spaces", () => {
    expect(normalizeSpace("  a\u3000 b\n\tc ")).toBe("a b c");
  });
  it("decodes the entities transcripts carry", () => {
    expect(decodeEntities("Q&amp;A &lt;3 &#39;hi&#x27; &rsquo; &bogus;")).toBe("Q&A <3 'hi' ’ &bogus;");
  });
  it("detects the language of a sample", () => {
    expect(detectLanguage("so the router sends each token to a couple of experts")).toBe("en");
    expect(detectLanguage("所以路由器会把每个词元发给几个专家，这就是 MoE 的核心。")).toBe("zh");
    expect(detectLanguage("I am your father. Nooooo")).toBe("en");
    expect(detectLanguage("好的")).toBe("zh");
    expect(detectLanguage("12:00 — 3.5")).toBe("und");
  });
});
