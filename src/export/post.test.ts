import { describe, expect, it } from "vitest";
import { FIXTURE_TREE, fixtureData, HOSTILE } from "../../test/helpers/export-fixture.js";
import { episodeToPost } from "./post.js";
import type { PostExtras } from "./post-types.js";

const extras: PostExtras = {
  map: FIXTURE_TREE,
  mapIsLearners: true,
  timeSpentMs: { 1: 3_900_000, 2: 0, 3: 0 },
  counts: { marks: 1, tutorAttempts: 2, pass3Attempts: 0, reviews: 0, stanceTopics: 1 },
  stances: [
    {
      title: `Topic ${HOSTILE}`,
      synthesis: HOSTILE,
      cells: [{ speaker: "Lex", position: HOSTILE, quote: HOSTILE, startMs: 60_000 }],
    },
  ],
  insights: [{ text: HOSTILE, concepts: ["MoE"], moments: [60_000] }],
  quoteProblems: [
    {
      place: { kind: "stance", topic: HOSTILE },
      speaker: "Lex",
      quote: HOSTILE,
      verdict: "not-found",
      correctSpeaker: null,
      startMs: null,
      similarity: 0.41,
    },
  ],
  learningPath: [{ name: HOSTILE, inEpisode: false, mastery: "new" }],
};

describe("the blog post of hostile text", () => {
  const text = episodeToPost(fixtureData(), extras);

  it("never lets transcript or learner text become HTML, links or a broken table", () => {
    // Front matter values are YAML strings and the map is a code block: text there is shown as typed.
    const body = text.slice(text.indexOf("\n---\n") + 5).replace(/```text[\s\S]*?```/, "");
    // Escaped (`\\<img`), never raw.
    expect(body).not.toMatch(/(?<!\\)<img/);
    expect(body).not.toMatch(/(?<!\\)<\/script/);
    expect(body).not.toMatch(/(?<!\\)\[\[link/);
    // Every table row keeps its column count: a `|` in the text is escaped.
    const tables: string[][] = [];
    let previous = "";
    for (const line of body.split("\n")) {
      if (line.startsWith("| ")) {
        if (!previous.startsWith("| ")) tables.push([]);
        tables.at(-1)?.push(line);
      }
      previous = line;
    }
    expect(tables.length).toBeGreaterThanOrEqual(3);
    for (const table of tables) {
      const widths = table.map((row) => row.split(/(?<!\\)\|/).length);
      expect(new Set(widths).size, table.join("\n")).toBe(1);
    }
  });

  it("keeps the front matter one line per key and the ASCII map inside its code block", () => {
    const front = text.slice(4, text.indexOf("\n---\n"));
    expect(front.split("\n").every((l) => /^[a-z]+: /.test(l))).toBe(true);
    expect(text).toContain("not found in the transcript (closest passage 0.41)");
    const fence = text.indexOf("```text");
    expect(text.indexOf("```", fence + 7)).toBeGreaterThan(text.indexOf("└── Second chapter"));
  });
});

describe("the quotes of the post", () => {
  const checked: PostExtras = {
    ...extras,
    stances: [
      {
        title: "Reasoning",
        synthesis: "",
        cells: [
          {
            speaker: "Nathan",
            position: "",
            quote: "the skill unlock",
            startMs: 4_098_000,
            accepted: { verdict: "wrong-speaker", correctSpeaker: "Sebastian" },
          },
          {
            speaker: "Lex",
            position: "",
            quote: "my own paraphrase",
            startMs: null,
            accepted: { verdict: "not-found", correctSpeaker: null },
          },
        ],
      },
    ],
    quoteProblems: [
      {
        place: { kind: "map", title: "Post-training" },
        speaker: null,
        quote: "reasoning comes from post-training",
        verdict: "not-found",
        correctSpeaker: null,
        startMs: null,
        similarity: 0.3,
      },
      {
        place: { kind: "mark", startMs: 65_000 },
        speaker: "Lex",
        quote: "the skill unlock",
        verdict: "wrong-speaker",
        correctSpeaker: "Sebastian",
        startMs: 4_098_000,
        similarity: 1,
      },
    ],
  };

  it("says where each flagged quote is, credited or not, in English and Chinese", () => {
    const en = episodeToPost(fixtureData(), checked);
    expect(en).toContain(
      "“reasoning comes from post-training” (map node: Post-training): not found in the transcript (closest passage 0.30).",
    );
    expect(en).toContain(
      "“the skill unlock” (the note of my mark at 00:01:05): credited to Lex, but the transcript has Sebastian saying it at",
    );
    expect(en).toContain("Check before publishing: 2 quote(s)");
    const zh = episodeToPost({ ...fixtureData(), language: "zh" }, checked);
    expect(zh).toContain(
      "“reasoning comes from post-training”（导图节点：Post-training）：文字稿中找不到（最接近的段落相似度 0.30）。",
    );
  });

  it("marks an accepted quote in place: who the transcript has, or a paraphrase", () => {
    const en = episodeToPost(fixtureData(), checked);
    expect(en).toMatch(/“the skill unlock” \(in the transcript: Sebastian\) \[/);
    expect(en).toContain("“my own paraphrase” (paraphrase)");
    const zh = episodeToPost({ ...fixtureData(), language: "zh" }, checked);
    expect(zh).toContain("“my own paraphrase”（意译）");
  });
});
