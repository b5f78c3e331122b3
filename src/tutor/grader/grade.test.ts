import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bundledPacksDir, loadPack, type PackEntry } from "../../knowledge/index.js";
import { gradeExplanation, VerdictSchema } from "./index.js";

const pack = loadPack(join(bundledPacksDir(), "ai-2026"));
function entry(id: string): PackEntry {
  const found = pack.entries.find((e) => e.id === id);
  if (!found) throw new Error(`no entry ${id}`);
  return found;
}
const moe = entry("mixture-of-experts");
const grade = (text: string, language?: "en" | "zh") =>
  gradeExplanation({ entry: moe, conceptName: "MoE", text, language });

describe("gradeExplanation: the three MoE examples of the issue", () => {
  it("the right words in a wrong statement are a misconception, quoted back to the learner", () => {
    const v = grade("every token is sent to all experts and the router averages their outputs");
    expect(v.verdict).toBe("misconception");
    expect(v.misconceptions).toContain("all-experts");
    expect(v.feedback).toContain("“every token is sent to all experts and the router averages their outputs”");
    expect(v.feedback).toMatch(/misconception/);
    expect(v.feedback).not.toMatch(/^Verified/);
  });

  it("a vague one-liner is partial, with what is missing and a hint", () => {
    const v = grade("many experts work together, so it is efficient");
    expect(v.verdict).toBe("partial");
    expect(v.missing).toEqual(expect.arrayContaining(["router-top-k", "sparse-activation"]));
    expect(v.misconceptions).toEqual([]);
    expect(v.feedback).toMatch(/Still missing: 2 key points\. Hint: say something about “A learned router picks …”/);
  });

  it("a correct explanation in the learner's own words is verified", () => {
    const v = grade(
      "Each MoE layer holds lots of small feed-forward networks, the experts, where a dense model has one. " +
        "A gating network looks at every token and picks just two of them, so the model stores hundreds of " +
        "billions of weights but each token only touches a small slice of them and compute per token stays cheap.",
    );
    expect(v.verdict).toBe("verified");
    expect(v.covered).toEqual(["many-expert-ffns", "router-top-k", "sparse-activation"]);
    expect(v.missing).toEqual([]);
    expect(v.feedback).toMatch(/^Verified: you explained Mixture of Experts in your own words/);
  });
});

describe("gradeExplanation in Chinese", () => {
  it("verifies a correct Chinese explanation and answers in Chinese", () => {
    const v = grade(
      "MoE 把每层原来那一个前馈网络换成很多个专家，路由器会为每个 token 挑出得分最高的两个专家来计算，" +
        "其余专家不参与，所以总参数很大，但每个 token 只激活一部分参数，计算量并没有变大。",
    );
    expect(v.verdict).toBe("verified");
    expect(v.language).toBe("zh");
    expect(v.feedback).toMatch(/^已通过：你用自己的话讲清楚了混合专家/);
  });

  it("keeps a vague Chinese one-liner partial and names the missing point in Chinese", () => {
    const v = grade("MoE 就是很多专家一起工作，大家分工合作，所以整个模型的效率很高。");
    expect(v.verdict).toBe("partial");
    expect(v.language).toBe("zh");
    expect(v.missing).toContain("router-top-k");
    expect(v.feedback).toContain("还缺 2 个要点。提示：想想“一个学出来的路由器……”");
  });

  it("detects the learner's language when none is given", () => {
    expect(grade("每个 token 都会被送到所有专家那里计算，然后把所有专家的输出取平均。").language).toBe("zh");
    expect(grade("Every token is processed by every expert in the layer.").language).toBe("en");
  });

  it("answers in the language asked for, even for an English explanation", () => {
    const v = grade("many experts work together, so it is efficient", "zh");
    expect(v.feedback).toMatch(/^还未通过/);
  });
});

describe("feedback never hands over the answer", () => {
  it("hints at a missing point without quoting it whole", () => {
    const v = grade("MoE has many expert FFNs in each layer instead of a single dense feed-forward block.");
    expect(v.verdict).toBe("partial");
    for (const id of v.missing) {
      const point = moe.rubric.keyPoints.find((p) => p.id === id);
      expect(v.feedback).not.toContain(point?.point.en);
    }
  });
});

describe("too short to judge", () => {
  it("asks for more in English", () => {
    const v = grade("MoE uses experts.");
    expect(v.verdict).toBe("partial");
    expect(v.feedback).toMatch(/^Too short to check/);
  });

  it("asks for more in Chinese", () => {
    const v = grade("就是很多专家。");
    expect(v.verdict).toBe("partial");
    expect(v.feedback).toMatch(/^太短，无法判断/);
  });

  it("still flags a short wrong statement as a misconception", () => {
    expect(grade("MoE averages all the experts.").verdict).toBe("misconception");
  });
});

describe("a concept without a pack entry", () => {
  it("is unknown when the transcript does not define it either, and says so honestly", () => {
    const v = gradeExplanation({
      entry: null,
      conceptName: "Muon optimizer",
      text: "It is an optimizer for the weights.",
    });
    expect(v.verdict).toBe("unknown-concept");
    expect(v.concept).toBe("Muon optimizer");
    expect(v.feedback).toMatch(/cannot be checked offline/);
    expect(v.feedback).toMatch(/configure a language model/i);
  });

  it("checks only the transcript's definitions and says that is all it checked", () => {
    const definitions = [
      "Muon is an optimizer that orthogonalizes the momentum update of each weight matrix before applying it.",
    ];
    const good = gradeExplanation({
      entry: null,
      conceptName: "Muon",
      text: "Muon is an optimizer: it takes the momentum update for a weight matrix and orthogonalizes it before applying it.",
      transcriptDefinitions: definitions,
    });
    expect(good.verdict).toBe("verified");
    expect(good.covered).toEqual(["definition-1"]);
    expect(good.feedback).toMatch(/only the transcript's own definitions were checked/);
    expect(good.feedback).toMatch(/configure a language model/);

    const off = gradeExplanation({
      entry: null,
      conceptName: "Muon",
      text: "Muon is a new kind of GPU made by a startup for training large models faster.",
      transcriptDefinitions: definitions,
    });
    expect(off.verdict).toBe("partial");
    expect(off.missing).toEqual(["definition-1"]);
  });

  it("checks Chinese definitions by character pairs", () => {
    const v = gradeExplanation({
      entry: null,
      conceptName: "Muon",
      text: "Muon 是一种优化器，在应用动量更新之前，先把每个权重矩阵的更新正交化。",
      transcriptDefinitions: ["Muon 是一种优化器，它在应用之前把每个权重矩阵的动量更新正交化。"],
    });
    expect(v.verdict).toBe("verified");
    expect(v.language).toBe("zh");
    expect(v.feedback).toMatch(/只对照了节目文字稿中的 1 处定义/);
    expect(v.feedback).toMatch(/配置一个语言模型/);
  });

  it("answers in Chinese for a Chinese learner", () => {
    const v = gradeExplanation({ entry: null, conceptName: "Muon", text: "Muon 是一种优化器，用来训练模型的权重。" });
    expect(v.verdict).toBe("unknown-concept");
    expect(v.feedback).toMatch(/配置一个语言模型/);
  });
});

describe("the verdict", () => {
  it("has exactly the shape `deeplisten grade --json` prints", () => {
    const v = grade("every token is sent to all experts and the router averages their outputs");
    expect(VerdictSchema.parse(v)).toEqual(v);
    expect(Object.keys(v).sort()).toEqual(
      ["concept", "covered", "feedback", "language", "misconceptions", "missing", "verdict"].sort(),
    );
    expect(v.concept).toBe("mixture-of-experts");
  });
});
