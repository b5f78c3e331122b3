import { describe, expect, it } from "vitest";
import { englishTermCandidates, isAcronymToken, isModelLikeToken } from "./candidates-en.js";
import { tokeniseSegments } from "./tokens.js";

const segments = (...texts: string[]) =>
  tokeniseSegments(
    texts.map((text, i) => ({ id: i + 1, startMs: i * 1000, endMs: i * 1000 + 1000, speaker: null, text })),
  );

const surfaces = (texts: string[]) => englishTermCandidates(segments(...texts)).map((c) => c.surface);

describe("englishTermCandidates", () => {
  it("finds repeated noun phrases bounded by small words, with a connector inside", () => {
    const found = surfaces([
      "The mixture of experts is a lot of people's favourite.",
      "A mixture of experts has a router.",
      "Each router picks experts.",
    ]);
    expect(found).toContain("mixture of experts");
    expect(found).toContain("router");
    expect(found).not.toContain("lot of people");
    expect(found).not.toContain("lot");
  });

  it("finds acronyms and model names from their first mention", () => {
    const found = surfaces(["We used PPO on GPT-5 and on Qwen 3, then o1."]);
    expect(found).toEqual(expect.arrayContaining(["PPO", "GPT-5", "Qwen 3", "o1"]));
  });

  it("leaves out a term only ever said inside a longer one", () => {
    const found = surfaces(["Multi-head latent attention saves memory.", "They kept multi-head latent attention."]);
    expect(found).toContain("Multi-head latent attention");
    expect(found).not.toContain("latent attention");
  });

  it("gives every occurrence with its span, and folds plural and case variants", () => {
    const c = englishTermCandidates(segments("Reward models score answers.", "A reward model is trained."));
    const rm = c.find((x) => x.surface.toLowerCase().startsWith("reward model"));
    expect(rm?.occurrences).toEqual([
      { segmentId: 1, start: 0, end: 13 },
      { segmentId: 2, start: 2, end: 14 },
    ]);
    expect(rm?.forms).toEqual(expect.arrayContaining(["Reward models", "reward model"]));
  });

  it("rates a rare term above an everyday word said as often", () => {
    const c = englishTermCandidates(
      segments("Distillation helps. The users like it.", "Distillation again, and users again.", "distillation, users"),
    );
    const th = (s: string) => c.find((x) => x.surface.toLowerCase() === s)?.termhood ?? 0;
    expect(th("distillation")).toBeGreaterThan(th("users"));
  });

  it("lets an everyday noun bound a term beside a specific word, never alone or beside another", () => {
    const found = surfaces([
      "A world model learns physics. So does common sense, and the whole world knows it.",
      "The world model predicts; common sense helps. The whole world agrees.",
    ]);
    expect(found).toEqual(expect.arrayContaining(["world model", "common sense"]));
    expect(found).not.toContain("whole world");
    expect(found).not.toContain("world");
  });

  it("keeps a name written with an all-caps small word, but not an amount", () => {
    const found = surfaces([
      "I moved from VS Code to Cursor, hundreds of languages later.",
      "VS Code has hundreds of languages.",
    ]);
    expect(found).toContain("VS Code");
    expect(found).not.toContain("hundreds of languages");
  });

  it("leaves out a rare adjective said alone, but not a name shaped like one", () => {
    const found = surfaces([
      "It is very agentic. Anthropic agrees.",
      "Agentic or not, Anthropic ships, and it feels agentic.",
    ]);
    expect(found).not.toContain("agentic");
    expect(found).toContain("Anthropic");
  });

  it("does not hold a rare process noun to be an everyday word", () => {
    const c = englishTermCandidates(
      segments(
        "Distillation helps. The podcast likes it.",
        "Distillation again, the podcast again.",
        "distillation, podcast",
      ),
    );
    const th = (s: string) => c.find((x) => x.surface.toLowerCase() === s)?.termhood ?? 0;
    expect(th("distillation")).toBeGreaterThan(th("podcast"));
  });

  it("reads the Latin terms of a Chinese transcript", () => {
    const found = surfaces(["我们用 DeepSeek R1 训练，GPU 很贵。", "DeepSeek R1 很强，GPU 不够。"]);
    expect(found).toEqual(expect.arrayContaining(["DeepSeek R1", "GPU"]));
  });
});

describe("token shapes", () => {
  it("tells acronyms and model names", () => {
    expect(isAcronymToken("RLHF")).toBe(true);
    expect(isAcronymToken("MoEs")).toBe(true);
    expect(isAcronymToken("Claude")).toBe(false);
    expect(isModelLikeToken("GPT-5")).toBe(true);
    expect(isModelLikeToken("o1")).toBe(true);
    expect(isModelLikeToken("2025")).toBe(false);
    expect(isModelLikeToken("100x")).toBe(false);
  });
});

describe("englishTermCandidates: amounts and clauses", () => {
  it("takes no spelled-out amount for a term, nor a clause with a verb inside", () => {
    const found = surfaces([
      "It took fifty-six attempts. The o1 announcement showed two curves.",
      "Again fifty-six attempts, and the o1 announcement showed two curves.",
    ]);
    expect(found).not.toContain("fifty-six attempts");
    expect(found).not.toContain("fifty-six");
    expect(found).not.toContain("o1 announcement showed two curves");
    expect(found).toContain("o1 announcement");
  });

  it("counts a model's name from its first mention, but not a phrase said once around it", () => {
    const found = surfaces(["A critical analysis of R1-Zero style training by Claude Opus 4.5 came later."]);
    expect(found).toEqual(expect.arrayContaining(["R1-Zero", "Claude Opus 4.5"]));
    expect(found).not.toContain("critical analysis of R1-Zero");
  });

  it("rates a proper name said mid-sentence like an acronym, however common the word is", () => {
    const c = englishTermCandidates(
      segments("We tried Gemini and then Meta.", "Then Gemini again, and Meta again.", "People like Gemini."),
    );
    const th = (s: string) => c.find((x) => x.surface === s)?.termhood ?? 0;
    expect(th("Gemini")).toBeGreaterThanOrEqual(0.8);
    expect(th("Meta")).toBeGreaterThanOrEqual(0.8);
  });
});
