import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bundledPacksDir, loadPack, type PackEntry } from "../../knowledge/index.js";
import { gradeExplanation } from "./index.js";

const pack = loadPack(join(bundledPacksDir(), "ai-2026"));
function entry(id: string): PackEntry {
  const found = pack.entries.find((e) => e.id === id);
  if (!found) throw new Error(`no entry ${id}`);
  return found;
}
const grade = (id: string, text: string) => gradeExplanation({ entry: entry(id), conceptName: id, text });

describe("a negated misconception is not a misconception", () => {
  it.each([
    "MoE does not send every token to all experts; each layer has many expert FFNs.",
    "A token is never sent to all experts in an MoE layer with many expert FFNs.",
    "MoE doesn't send every token to all experts, which is what makes it cheap.",
    "Instead of sending every token to all experts, a router picks two of the many expert FFNs.",
    "Rather than averaging all the experts, the router picks the top-2 of many expert FFNs.",
    "The layer works without sending each token to all experts.",
    "MoE 并不是让每个 token 都经过所有专家，而是只选其中几个。",
    "在 MoE 里，每个 token 不会经过所有专家。",
    "MoE 没有把所有专家取平均，它只用路由器选出的两个专家。",
    "路由器只选少数几个专家，而不是所有专家都激活。",
  ])("%s", (text) => {
    expect(grade("mixture-of-experts", text).misconceptions).toEqual([]);
  });
});

describe("a negated key point is not covered", () => {
  it("'does not use a router' does not cover the router point", () => {
    const denied = grade(
      "mixture-of-experts",
      "The model does not use a router that picks the top-2 experts for each token; it has many expert FFNs.",
    );
    expect(denied.covered).not.toContain("router-top-k");
    const said = grade(
      "mixture-of-experts",
      "The model uses a router that picks the top-2 experts for each token; it has many expert FFNs.",
    );
    expect(said.covered).toContain("router-top-k");
  });

  it("Chinese 没有 / 不是 deny the point in their clause only", () => {
    expect(grade("mixture-of-experts", "这个模型没有路由器选专家，每一层里有很多专家 FFN。").covered).not.toContain(
      "router-top-k",
    );
    // 不是 A，而是 B: B is affirmed.
    const v = grade("mixture-of-experts", "不是所有专家都参与计算，而是路由器为每个 token 选少数专家。");
    expect(v.covered).toContain("router-top-k");
    expect(v.misconceptions).toEqual([]);
  });

  it("a negation does not reach past a comma into the next clause", () => {
    const v = grade(
      "mixture-of-experts",
      "It does not average the experts, the router picks the top-2 of many expert FFNs for each token.",
    );
    expect(v.covered).toContain("router-top-k");
  });

  it("'not only' does not negate", () => {
    const v = grade(
      "mixture-of-experts",
      "Not only does it have many expert FFNs, a router picks the top-2 experts per token, so only a fraction of the parameters is active.",
    );
    expect(v.verdict).toBe("verified");
  });
});

describe("negations that belong to the point itself", () => {
  it("'no critic needed' is said in many ways", () => {
    for (const text of [
      "GRPO needs no value model.",
      "GRPO works without a critic.",
      "GRPO doesn't need a critic at all.",
      "GRPO 不需要 critic 模型。",
      "GRPO 去掉了 critic。",
    ]) {
      expect(grade("grpo", text).covered, text).toContain("no-critic");
    }
  });

  it("a critic that belongs to PPO is not GRPO's misconception", () => {
    const v = grade(
      "grpo",
      "GRPO samples a group of answers to the same prompt and scores each one; the advantage is the reward minus " +
        "the group mean, divided by the standard deviation. Unlike PPO, which trains a critic, it needs no value model.",
    );
    expect(v.misconceptions).toEqual([]);
    expect(v.verdict).toBe("verified");
  });

  it("stating the critic outright is the misconception", () => {
    const v = grade(
      "grpo",
      "GRPO samples a group of answers and compares them to the group mean, and it still trains a value model like PPO.",
    );
    expect(v.verdict).toBe("misconception");
    expect(v.misconceptions).toContain("grpo-has-critic");
  });
});

describe("hedges", () => {
  it("'almost as good as the teacher' is not the claim that the student equals the teacher", () => {
    const base =
      "A big teacher model generates answers and a small student model is trained on the teacher's outputs, so the student is ";
    expect(
      grade("distillation", `${base}almost as good as the teacher but much cheaper to run.`).misconceptions,
    ).toEqual([]);
    expect(grade("distillation", `${base}as good as the teacher and much cheaper to run.`).misconceptions).toContain(
      "equal-to-teacher",
    );
  });
});
