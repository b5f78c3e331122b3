import { describe, expect, it } from "vitest";
import { compilePhrase, findPhrase, type MatchTuning } from "./phrase-match.js";
import { KEY_POINT_TUNING, MISCONCEPTION_TUNING } from "./rubric-match.js";
import { analyseText } from "./units.js";

function matches(phrase: string, language: "en" | "zh", text: string, tuning: MatchTuning = KEY_POINT_TUNING) {
  return findPhrase(compilePhrase(phrase, language), analyseText(text), tuning) !== null;
}

describe("English phrasings", () => {
  it("match after stemming, in any order", () => {
    expect(matches("routes tokens", "en", "The layer is routing each token.")).toBe(true);
    expect(matches("routes tokens", "en", "Tokens are routed by a small network.")).toBe(true);
    expect(matches("sent to all experts", "en", "It sends the token to all the experts.")).toBe(true);
  });

  it("allow a few words between, but not many", () => {
    expect(matches("top-k experts", "en", "the top-k of the many experts")).toBe(true);
    expect(
      matches("top-k experts", "en", "the top-k tokens are kept in a cache that lives on the GPU next to the experts"),
    ).toBe(false);
  });

  it("stay within one sentence", () => {
    expect(matches("router picks experts", "en", "There is a router. It picks experts.")).toBe(false);
  });

  it("fold everyday synonyms and notations", () => {
    expect(matches("router picks experts", "en", "A router selects the experts.")).toBe(true);
    expect(matches("store keys and values", "en", "It saves the K/V of earlier tokens.")).toBe(true);
    expect(matches("top-k experts", "en", "the top two experts")).toBe(true);
  });

  it("do not count function words as ideas", () => {
    expect(matches("uses every expert", "en", "Each token uses a router.")).toBe(false);
  });

  it("are stricter for misconceptions", () => {
    const text = "It uses a router to pick two of all the experts.";
    expect(matches("all experts are used", "en", text, MISCONCEPTION_TUNING)).toBe(false);
  });
});

describe("Chinese phrasings", () => {
  it("match as text once spaces and fillers are removed", () => {
    expect(matches("部分 专家", "zh", "只激活部分专家。")).toBe(true);
    expect(matches("只激活一部分", "zh", "每个 token 只激活了一部分参数。")).toBe(true);
  });

  it("match a paraphrase by character pairs", () => {
    expect(matches("只激活少数专家", "zh", "每次只激活少数几个专家。")).toBe(true);
    expect(matches("只激活少数专家", "zh", "所有专家都要参与计算。")).toBe(false);
  });

  it("treat 不需要, 无需 and 没有 as the same negation", () => {
    expect(matches("不需要奖励模型", "zh", "DPO 无需奖励模型。")).toBe(true);
    expect(matches("不需要奖励模型", "zh", "DPO 没有奖励模型。")).toBe(true);
    expect(matches("不需要奖励模型", "zh", "DPO 需要奖励模型。")).toBe(false);
  });

  it("keep the English term of a mixed phrasing", () => {
    expect(matches("后训练就是RLHF", "zh", "后训练是在预训练之后进行的训练。", MISCONCEPTION_TUNING)).toBe(false);
    expect(matches("后训练就是RLHF", "zh", "后训练就是 RLHF。", MISCONCEPTION_TUNING)).toBe(true);
  });

  it("do not take 不同 for a negation", () => {
    expect(matches("路由器选择专家", "zh", "不同的 token 由路由器选择专家。")).toBe(true);
  });
});
