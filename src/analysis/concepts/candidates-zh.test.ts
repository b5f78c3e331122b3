import { describe, expect, it } from "vitest";
import type { AnalysisSegment, Glossary } from "../types.js";
import type { TermCandidate } from "./candidate.js";
import { chineseTermCandidates, splitChineseSentences } from "./candidates-zh.js";
import { glossaryMatcher } from "./zh-glossary-match.js";

const segments = (...texts: string[]): AnalysisSegment[] =>
  texts.map((text, i) => ({ id: i + 1, startMs: i * 1000, endMs: i * 1000 + 1000, speaker: null, text }));

/** A short conversation about MoE and RL, as a translated podcast says it. */
const EPISODE = segments(
  "我们今天聊聊混合专家。混合专家就是说，模型里面有很多专家，然后路由器会选择其中几个专家。",
  "这个路由器其实就是一个小网络。你知道，路由器决定每个词元去哪个专家。",
  "DeepSeek R1 用了强化学习。强化学习的奖励来自可验证的答案，然后模型自己学会推理。",
  "他们用GPU训练，KV 缓存也很重要。KV缓存能让推理更快！",
  "那么混合专家模型和强化学习有什么关系呢？其实强化学习是在后训练阶段做的。",
  "所以我觉得路由器和混合专家都很有意思；强化学习也是。我们下次再聊 KV 缓存和 DeepSeek R1，还有GPU。",
);

const surfaces = (candidates: TermCandidate[]) => candidates.map((c) => c.surface);
const find = (candidates: TermCandidate[], surface: string) => candidates.find((c) => c.surface === surface);

describe("splitChineseSentences", () => {
  it("splits at Chinese stops, semicolons, ellipses and line breaks, with spans into the text", () => {
    const text = "混合专家是什么？就是很多专家。路由器选专家；然后……\n下一句！";
    const sentences = splitChineseSentences(text);
    expect(sentences.map((s) => s.text)).toEqual([
      "混合专家是什么？",
      "就是很多专家。",
      "路由器选专家；",
      "然后……",
      "下一句！",
    ]);
    for (const s of sentences) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it("keeps version numbers and closing quotes with their sentence", () => {
    expect(splitChineseSentences("他说“GPT-3.5 很好。”然后 o3-mini 来了. 对的")).toEqual([
      { text: "他说“GPT-3.5 很好。”", start: 0, end: 15 },
      { text: "然后 o3-mini 来了.", start: 15, end: 29 },
      { text: "对的", start: 30, end: 32 },
    ]);
  });
});

describe("chineseTermCandidates", () => {
  const candidates = chineseTermCandidates(EPISODE);

  it("finds Chinese terms whole, including those the segmenter cuts into characters", () => {
    // Intl.Segmenter cuts 路由器 into 路|由|器 and 强化学习 into 强化|学习.
    expect(surfaces(candidates)).toEqual(expect.arrayContaining(["混合专家", "路由器", "强化学习"]));
    for (const piece of ["路", "由", "器", "由器", "路由", "强化", "学习", "混合"]) {
      expect(surfaces(candidates)).not.toContain(piece);
    }
    expect(find(candidates, "路由器")?.occurrences).toHaveLength(4);
  });

  it("counts a term said inside a longer one (混合专家 in 混合专家模型)", () => {
    expect(find(candidates, "混合专家")?.occurrences).toHaveLength(4);
  });

  it("finds a mixed Chinese-Latin term in both spellings as one candidate", () => {
    const kv = find(candidates, "KV 缓存");
    expect(kv?.occurrences).toHaveLength(3);
    expect(kv?.forms).toEqual(["KV 缓存", "KV缓存"]);
  });

  it("never returns function words, fillers or single characters", () => {
    for (const stop of [
      "我们",
      "就是",
      "然后",
      "其实",
      "这个",
      "所以",
      "觉得",
      "知道",
      "你知道",
      "什么",
      "的",
      "很多",
    ]) {
      expect(surfaces(candidates)).not.toContain(stop);
    }
    expect(candidates.every((c) => [...c.surface].length > 1)).toBe(true);
  });

  it("gives spans that point at the surface in the segment text", () => {
    const text = new Map(EPISODE.map((s) => [s.id, s.text]));
    for (const c of candidates) {
      expect(c.forms?.[0]).toBe(c.surface);
      for (const o of c.occurrences) {
        const said = (text.get(o.segmentId) ?? "").slice(o.start, o.end).replace(/\s+/g, " ");
        expect(c.forms).toContain(said);
      }
    }
  });

  it("leaves pure Latin names to the English extractor unless asked", () => {
    expect(surfaces(candidates)).not.toContain("GPU");
    const withLatin = chineseTermCandidates(EPISODE, undefined, { includeLatin: true });
    const r1 = find(withLatin, "DeepSeek R1");
    expect(r1?.isModelLike).toBe(true);
    expect(r1?.isName).toBe(true);
    // Glued to Chinese characters on both sides: "用GPU训练", "还有GPU。".
    const gpu = find(withLatin, "GPU");
    expect(gpu?.occurrences.map((o) => EPISODE[o.segmentId - 1]?.text.slice(o.start, o.end))).toEqual(["GPU", "GPU"]);
  });

  it("rates a rebuilt technical term above an everyday word", () => {
    expect(find(candidates, "路由器")?.termhood ?? 0).toBeGreaterThan(find(candidates, "模型")?.termhood ?? 1);
  });
});

describe("chineseTermCandidates with a glossary", () => {
  const glossary: Glossary = {
    entries: [
      {
        id: "mixture-of-experts",
        kind: "term",
        names: { en: ["Mixture of Experts", "MoE"], zh: ["混合专家", "混合专家模型"] },
      },
      {
        id: "multi-head-latent-attention",
        kind: "term",
        names: { en: ["Multi-head latent attention"], zh: ["多头潜在注意力"] },
      },
      { id: "parameters", kind: "term", names: { en: ["Parameters"], zh: ["参数"] } },
      { id: "kv-cache", kind: "term", names: { en: ["KV cache"], zh: ["KV 缓存"] } },
      { id: "debate-moe", kind: "debate", names: { en: ["Is MoE worth it?"], zh: ["混合专家值得吗"] } },
    ],
  };
  const episode = segments(...EPISODE.map((s) => s.text), "它还用了多头潜在注意力，调了很多超参数。");
  const candidates = chineseTermCandidates(episode, glossary);

  it("matches the glossary's names longest first and tags them with the pack entry", () => {
    expect(find(candidates, "混合专家模型")?.packEntryId).toBe("mixture-of-experts");
    expect(find(candidates, "混合专家")?.packEntryId).toBe("mixture-of-experts");
    // Said once: only the glossary makes it a candidate.
    expect(find(candidates, "多头潜在注意力")?.packEntryId).toBe("multi-head-latent-attention");
    expect(find(chineseTermCandidates(episode), "多头潜在注意力")).toBeUndefined();
  });

  it("keeps a mixed Chinese-Latin name of the glossary, in both spellings", () => {
    const kv = find(candidates, "KV 缓存");
    expect(kv?.packEntryId).toBe("kv-cache");
    expect(kv?.forms).toEqual(["KV 缓存", "KV缓存"]);
  });

  it("does not match a short name inside a longer word", () => {
    expect(find(candidates, "参数")).toBeUndefined();
  });

  it("still finds terms the glossary does not know", () => {
    expect(find(candidates, "路由器")?.packEntryId).toBeUndefined();
    expect(find(candidates, "强化学习")?.occurrences).toHaveLength(5);
  });
});

describe("glossaryMatcher", () => {
  const matcher = glossaryMatcher({
    entries: [
      { id: "kv-cache", kind: "term", names: { en: ["KV cache"], zh: ["KV 缓存"] } },
      { id: "deepseek-r1", kind: "model", names: { en: ["DeepSeek-R1", "R1"], zh: [] } },
      { id: "reinforcement-learning", kind: "term", names: { en: ["RL"], zh: ["强化学习"] } },
    ],
  });

  it("matches across spaces and hyphens, case-insensitively, longest first", () => {
    const text = "DeepSeek R1用KV缓存和强化学习";
    expect(matcher.find(text, 0).map((m) => [text.slice(m.start, m.end), m.packEntryId])).toEqual([
      ["DeepSeek R1", "deepseek-r1"],
      ["KV缓存", "kv-cache"],
      ["强化学习", "reinforcement-learning"],
    ]);
  });

  it("matches Latin names only as whole words", () => {
    expect(matcher.find("URL 和 RLHF 不是 RL", 10)).toEqual([
      { start: 24, end: 26, packEntryId: "reinforcement-learning", chineseChars: 0 },
    ]);
  });
});
