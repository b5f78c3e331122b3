import { describe, expect, it } from "vitest";
import type { ConceptMention } from "../types.js";
import { definitionContext, findDefinitions } from "./definitions.js";
import { tokeniseSegments } from "./tokens.js";

function setup(texts: string[], name: string) {
  const segs = tokeniseSegments(
    texts.map((text, i) => ({ id: i + 1, startMs: i * 1000, endMs: i * 1000 + 1000, speaker: "A", text })),
  );
  const mentions: ConceptMention[] = [];
  for (const s of segs) {
    const re = new RegExp(name, "gi");
    for (const m of s.segment.text.matchAll(re)) {
      const start = m.index ?? 0;
      mentions.push({ segmentId: s.segment.id, startMs: s.segment.startMs, start, end: start + m[0].length });
    }
  }
  return findDefinitions([name], mentions, definitionContext(segs));
}

describe("findDefinitions", () => {
  it("ranks the sentence that says what the concept is first", () => {
    const defs = setup(
      [
        "I like distillation a lot these days, honestly.",
        "Distillation is when a small model learns from the outputs of a big teacher model.",
        "We talked about distillation yesterday.",
      ],
      "distillation",
    );
    expect(defs[0]?.text).toMatch(/^Distillation is when a small model/);
    expect(defs[0]?.segmentId).toBe(2);
    expect(defs[0]?.speaker).toBe("A");
  });

  it("knows 'called X', 'X means' and the Chinese 'X是指'", () => {
    expect(
      setup(["This trick is called speculative decoding and it is fast."], "speculative decoding")[0],
    ).toBeDefined();
    expect(setup(["So MoE means you have many experts and a router."], "MoE")[0]?.text).toMatch(/MoE means/);
    expect(setup(["蒸馏是指用大模型的输出来训练小模型。"], "蒸馏")[0]?.text).toMatch(/^蒸馏是指/);
  });

  it("counts the concept's companion words, so an explaining sentence without its name is found", () => {
    const defs = setup(
      [
        "A mixture of experts has a router and many experts. There is a router that picks which experts get each token. Lunch was fine.",
        "The mixture of experts router sends tokens to experts.",
        "Some people like the mixture of experts design.",
      ],
      "mixture of experts",
    );
    expect(defs.some((d) => d.text.includes("router that picks which experts"))).toBe(true);
    expect(defs.some((d) => d.text.includes("Lunch"))).toBe(false);
  });

  it("counts an acronym glossed by its expansion as explained", () => {
    const segs = tokeniseSegments([
      {
        id: 1,
        startMs: 0,
        endMs: 1000,
        speaker: "A",
        text: "There is Proximal Policy Optimization, PPO, the classic one. We used PPO later, in another project.",
      },
    ]);
    const text = segs[0]?.segment.text ?? "";
    const mentions = [...text.matchAll(/PPO|Proximal Policy Optimization/g)].map((m) => ({
      segmentId: 1,
      startMs: 0,
      start: m.index ?? 0,
      end: (m.index ?? 0) + m[0].length,
    }));
    const defs = findDefinitions(["PPO", "Proximal Policy Optimization"], mentions, definitionContext(segs));
    expect(defs[0]?.text).toMatch(/^There is Proximal Policy Optimization, PPO/);
    expect(defs[0]?.score).toBeGreaterThanOrEqual(4);
    // Said once under one name only, the same sentence explains nothing.
    expect(findDefinitions(["PPO"], mentions.slice(1, 2), definitionContext(segs))).toEqual([]);
  });

  it("gives nothing for a concept only named in passing", () => {
    expect(setup(["Yeah, tokens.", "Right."], "tokens")).toEqual([]);
  });
});
