import { describe, expect, it } from "vitest";
import { bundledPacksDir, loadPack } from "../../knowledge/index.js";
import { gradeExplanation } from "./grade.js";
import { copiedShare, isKeywordList } from "./own-words.js";

const moe = loadPack(`${bundledPacksDir()}ai-2026`).entries.find((e) => e.id === "mixture-of-experts") ?? null;

describe("own words", () => {
  it("refuses the card pasted back, in English and in Chinese", () => {
    for (const language of ["en", "zh"] as const) {
      const pasted = `${moe?.definition[language]} ${moe?.explanation[language]}`;
      const verdict = gradeExplanation({ entry: moe, conceptName: "MoE", text: pasted, language });
      expect(verdict.verdict, language).toBe("partial");
      expect(verdict.feedback).toMatch(language === "en" ? /your own words/ : /你自己的话/);
    }
  });

  it("refuses a list of the right terms", () => {
    const list =
      "many experts, router picks top-k experts, sparse activation, active parameters, less compute per token";
    expect(isKeywordList(list)).toBe(true);
    const verdict = gradeExplanation({ entry: moe, conceptName: "MoE", text: list, language: "en" });
    expect(verdict.verdict).not.toBe("verified");
  });

  it("does not take a short plain sentence for a list", () => {
    expect(isKeywordList("路由器为每个词元挑选两个专家其余专家不参与计算所以总参数很大但每次计算量很小")).toBe(false);
    expect(isKeywordList("A learned router sends every token to two experts only.")).toBe(false);
  });

  it("accepts prose in the learner's own words", () => {
    const prose =
      "Instead of one big feed-forward block, the layer has many expert networks, and a small router looks at each token and sends it to only the top two of them, so most of the parameters sit idle for any given token and the compute per token stays low even though the model is huge.";
    expect(isKeywordList(prose)).toBe(false);
    expect(copiedShare(prose, [moe?.explanation.en ?? ""])).toBeLessThan(0.5);
    expect(gradeExplanation({ entry: moe, conceptName: "MoE", text: prose, language: "en" }).verdict).toBe("verified");
  });
});
