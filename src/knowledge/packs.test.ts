import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { hasCjk } from "../core/index.js";
import { bundledPacksDir, listPacks, loadPack, validatePack } from "./loader.js";

/** Every id the ai-2026 pack promises, by area: the pack's table of contents. */
const EXPECTED_IDS: Record<string, string[]> = {
  landscape: [
    "openai",
    "gpt-5",
    "o-series",
    "google-deepmind",
    "gemini",
    "anthropic",
    "claude",
    "xai",
    "grok",
    "meta-ai",
    "llama",
    "deepseek",
    "deepseek-v3",
    "deepseek-r1",
    "qwen",
    "kimi",
    "zai-glm",
    "minimax",
    "ai2",
    "olmo",
    "nvidia",
    "gpu",
    "tpu",
    "open-weights",
    "closed-models",
    "mistral",
    "hugging-face",
    "nathan-lambert",
    "sebastian-raschka",
    "export-controls",
  ],
  architecture: [
    "transformer",
    "attention",
    "self-attention",
    "multi-head-attention",
    "grouped-query-attention",
    "multi-query-attention",
    "multi-head-latent-attention",
    "kv-cache",
    "feed-forward-network",
    "mixture-of-experts",
    "router",
    "shared-experts",
    "load-balancing",
    "sparse-attention",
    "deepseek-sparse-attention",
    "sliding-window-attention",
    "linear-attention",
    "gated-deltanet",
    "state-space-models",
    "rope",
    "long-context",
    "text-diffusion",
    "tokenizer",
    "embeddings",
    "context-window",
    "parameters",
    "layer-normalization",
    "quantization",
  ],
  training: [
    "pre-training",
    "mid-training",
    "post-training",
    "supervised-fine-tuning",
    "rlhf",
    "reward-model",
    "ppo",
    "dpo",
    "grpo",
    "rlvr",
    "verifiable-rewards",
    "process-reward-model",
    "distillation",
    "synthetic-data",
    "scaling-laws",
    "chinchilla",
    "fp8-training",
    "data-quality",
    "character-training",
    "lora",
    "base-model",
    "instruction-tuning",
    "reinforcement-learning",
    "cold-start-data",
    "reward-hacking",
  ],
  inference: [
    "inference-time-scaling",
    "thinking-tokens",
    "reasoning-models",
    "system-1-system-2",
    "chain-of-thought",
    "in-context-learning",
    "tool-use",
    "agents",
    "continual-learning",
    "speculative-decoding",
    "hallucination",
    "benchmarks",
    "pass-at-k",
    "test-time-compute-cost",
    "context-engineering",
  ],
  debate: [
    "debate-pretraining-vs-posttraining-reasoning",
    "debate-scaling-laws-hold",
    "debate-open-vs-closed",
    "debate-agi-timelines",
    "debate-us-china-race",
  ],
};

const packDir = join(bundledPacksDir(), "ai-2026");

// The acceptance check of the bundled pack: it fails until every entry file is written.
describe("bundled pack ai-2026", () => {
  it("validates with zero problems", () => {
    const report = validatePack(packDir);
    expect(report.problems.map((p) => p.text)).toEqual([]);
    expect(report.manifest?.id).toBe("ai-2026");
  });

  it("has at least 100 entries and every promised id, each in its area", () => {
    const pack = loadPack(packDir);
    expect(pack.entries.length).toBeGreaterThanOrEqual(100);
    const areaById = new Map(pack.entries.map((e) => [e.id, e.area]));
    const missing: string[] = [];
    const misplaced: string[] = [];
    for (const [area, ids] of Object.entries(EXPECTED_IDS)) {
      for (const id of ids) {
        if (!areaById.has(id)) missing.push(id);
        else if (areaById.get(id) !== area) misplaced.push(`${id} is in ${areaById.get(id)}, expected ${area}`);
      }
    }
    expect(missing).toEqual([]);
    expect(misplaced).toEqual([]);
    expect(pack.entries.filter((e) => e.area === "debate").every((e) => e.kind === "debate")).toBe(true);
  });

  // Names are exempt: many products have no Chinese name (Chinese media write "Claude", "Grok").
  it("writes every entry in both languages, the Chinese side in Chinese", () => {
    const pack = loadPack(packDir);
    const notChinese: string[] = [];
    for (const entry of pack.entries) {
      const texts = [
        ["definition.zh", entry.definition.zh],
        ["explanation.zh", entry.explanation.zh],
        ...entry.misconceptions.map((m, i) => [`misconceptions[${i}].zh`, m.zh]),
        ...entry.checkQuestions.map((q, i) => [`checkQuestions[${i}].zh`, q.zh]),
        ...entry.rubric.keyPoints.map((k, i) => [`rubric.keyPoints[${i}].point.zh`, k.point.zh]),
      ];
      for (const [field, text] of texts) if (!hasCjk(text ?? "")) notChinese.push(`${entry.id}: ${field}`);
      expect(entry.names.en.length, entry.id).toBeGreaterThan(0);
      expect(entry.explanation.en.length, entry.id).toBeGreaterThan(0);
    }
    expect(notChinese).toEqual([]);
  });

  it("is listed among the bundled packs", () => {
    const summary = listPacks([]).find((p) => p.id === "ai-2026");
    expect(summary).toMatchObject({ source: "bundled", version: "1.0.0", ok: true });
    expect(summary?.title).toEqual({ en: "State of AI 2026", zh: "2026 AI 现状" });
  });
});
