import { describe, expect, it } from "vitest";
import { detectChapters } from "./chapters.js";
import type { AnalysisChapter, AnalysisInput, AnalysisSegment } from "./types.js";

/** A deterministic pseudo-random source, so the fixture is the same on every run. */
function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

const FILLER = ["you know", "I think", "so basically", "and then", "which is", "kind of", "I mean", "right"];

/**
 * A conversation that spends `minutesEach` minutes on each topic, one segment every 20 seconds,
 * each segment a few sentences mixing the topic's words with talk fillers.
 */
function conversation(topics: string[][], minutesEach: number, language: "en" | "zh" = "en"): AnalysisInput {
  const rand = seeded(7);
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)] as T;
  const segments: AnalysisSegment[] = [];
  const perTopic = (minutesEach * 60) / 20;
  topics.forEach((words, t) => {
    for (let k = 0; k < perTopic; k++) {
      const i = segments.length;
      const text =
        language === "zh"
          ? `我觉得${pick(words)}非常重要，${pick(words)}和${pick(words)}的关系是这样的。其实${pick(words)}也是。`
          : `${pick(FILLER)} the ${pick(words)} and the ${pick(words)}, ${pick(FILLER)} ${pick(words)} matters. The ${pick(words)} is why ${pick(words)} works.`;
      segments.push({ id: i + 1, startMs: i * 20_000, endMs: (i + 1) * 20_000, speaker: t % 2 ? "Ana" : "Ben", text });
    }
  });
  return { title: "Test episode", language, segments, chapters: [], speakers: ["Ben", "Ana"] };
}

const GPU = ["GPU", "cluster", "datacenter", "NVIDIA", "interconnect", "bandwidth", "rack", "cooling"];
const PASTA = ["pasta", "tomato", "garlic", "basil", "sauce", "parmesan", "oven", "dough"];
const FOOTBALL = ["goalkeeper", "penalty", "stadium", "striker", "referee", "midfield", "tackle", "offside"];
const VIOLIN = ["violin", "orchestra", "bow", "concerto", "rehearsal", "conductor", "cello", "symphony"];

function starts(chapters: AnalysisChapter[]): number[] {
  return chapters.map((c) => c.startMs);
}

describe("detectChapters", () => {
  it("returns published chapters as they are", () => {
    const input = conversation([GPU, PASTA], 8);
    input.chapters = [
      { title: "Hardware", startMs: 0, endMs: 480_000, source: "published" },
      { title: "Cooking", startMs: 480_000, endMs: 960_000, source: "published" },
    ];
    expect(detectChapters(input)).toEqual(input.chapters);
  });

  it("finds where a conversation changes topic and titles each chapter by its own words", () => {
    const chapters = detectChapters(conversation([GPU, PASTA, FOOTBALL, VIOLIN], 8));
    expect(chapters).toHaveLength(4);
    // Each boundary lands within a minute of the real change of topic (8, 16, 24 minutes).
    starts(chapters)
      .slice(1)
      .forEach((t, k) => {
        expect(Math.abs(t - (k + 1) * 480_000)).toBeLessThanOrEqual(60_000);
      });
    expect(chapters.every((c) => c.source === "detected")).toBe(true);
    const vocab = [GPU, PASTA, FOOTBALL, VIOLIN].map((ws) => ws.map((w) => w.toLowerCase()));
    chapters.forEach((c, k) => {
      const title = c.title.toLowerCase();
      expect(vocab[k]?.some((w) => title.includes(w))).toBe(true);
      vocab.forEach((ws, other) => {
        if (other !== k) expect(ws.some((w) => title.includes(w))).toBe(false);
      });
      // Two to four terms joined the way a person writes them: "Pasta, garlic and sauce".
      expect(c.title).toMatch(/^[A-Z][^,]*(, [^,]+)* and [^,]+$|^[A-Z]\S*$/);
    });
  });

  it("covers the whole episode with contiguous chapters", () => {
    const input = conversation([GPU, PASTA, FOOTBALL], 9);
    const chapters = detectChapters(input);
    expect(chapters[0]?.startMs).toBe(0);
    expect(chapters.at(-1)?.endMs).toBe(input.segments.at(-1)?.endMs);
    chapters.slice(1).forEach((c, k) => {
      expect(c.startMs).toBe(chapters[k]?.endMs);
      // Boundaries sit on segment starts, so a click on a chapter plays from a whole sentence.
      expect(input.segments.some((s) => s.startMs === c.startMs)).toBe(true);
    });
  });

  it("moves a boundary to the question that opens the new topic", () => {
    const input = conversation([GPU, PASTA], 8);
    // The host's question sits 40 seconds after the vocabulary changes.
    const question = input.segments.find((s) => s.startMs === 520_000) as AnalysisSegment;
    question.text = "Let me ask you about cooking. What is the secret of a good sauce?";
    const chapters = detectChapters(input);
    expect(chapters).toHaveLength(2);
    expect(chapters[1]?.startMs).toBe(520_000);
  });

  it("titles chapters by the concepts the extractor names, when given", () => {
    const input = conversation([GPU, PASTA], 8);
    const chapters = detectChapters(input, (id) => (id <= 24 ? ["AI infrastructure"] : ["Italian cooking"]));
    expect(chapters[0]?.title).toContain("AI infrastructure");
    expect(chapters[1]?.title).toContain("Italian cooking");
  });

  it("keeps a short talk as one chapter, and an empty one as none", () => {
    const input = conversation([GPU, PASTA], 2);
    const chapters = detectChapters(input);
    expect(chapters).toHaveLength(1);
    expect(chapters[0]?.title).not.toBe("");
    expect(detectChapters({ ...input, segments: [] })).toEqual([]);
  });

  it("detects chapters in Chinese and names them with whole Chinese terms", () => {
    const chapters = detectChapters(
      conversation(
        [
          ["强化学习", "奖励模型", "策略梯度", "人类反馈"],
          ["数据中心", "电力供应", "冷却系统", "变压器"],
          ["出口管制", "芯片制造", "光刻机", "台积电"],
          ["开源模型", "许可证", "社区贡献", "权重发布"],
        ],
        8,
        "zh",
      ),
    );
    expect(chapters).toHaveLength(4);
    starts(chapters)
      .slice(1)
      .forEach((t, k) => {
        expect(Math.abs(t - (k + 1) * 480_000)).toBeLessThanOrEqual(60_000);
      });
    expect(chapters[1]?.title).toMatch(/数据中心|电力供应|冷却系统|变压器/);
    expect(chapters[2]?.title).toMatch(/出口管制|芯片制造|光刻机|台积电/);
    // Joined the Chinese way: 甲、乙和丙.
    expect(chapters[1]?.title).toMatch(/和/);
  });
});
