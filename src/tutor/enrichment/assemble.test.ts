import { describe, expect, it } from "vitest";
import {
  conceptContents,
  isVerbatim,
  mergeChapterSummaries,
  readPartNotes,
  refinedMindMap,
  stanceDraft,
} from "./assemble.js";
import { ConceptItemSchema, MapNotesSchema } from "./schemas.js";

const lines = [
  { segmentId: 11, startMs: 1000 },
  { segmentId: 12, startMs: 2000 },
];
const texts = new Map([
  [11, "I think open models will catch up within a year, honestly."],
  [12, "No, the frontier labs keep a lead because of compute."],
]);

describe("reading a part's notes", () => {
  it("keeps claims whose quote is verbatim, maps line numbers to moments and matches names loosely", () => {
    const notes = MapNotesSchema.parse({
      chapters: [{ title: "open models", summary: "They argue about whether open models catch up." }],
      concepts: [
        { name: "open-weights", notes: "Said to catch up.", lines: [1, 9] },
        { name: "Unlisted", notes: "x", lines: [1] },
      ],
      claims: [
        { speaker: "Nathan", topic: "open", claim: "c", quote: "open models will catch up within a year", line: 1 },
        { speaker: "Seb", topic: "open", claim: "c", quote: "labs always win forever", line: 2 },
        { speaker: "Seb", topic: "open", claim: "c", quote: "the frontier labs keep a lead", line: 5 },
      ],
    });
    const part = readPartNotes(notes, { lines, texts, chapters: [{ title: "Open Models", startMs: 500 }] }, [
      "Open weights",
    ]);
    expect(part.chapters).toEqual([
      { title: "Open Models", startMs: 500, summary: "They argue about whether open models catch up." },
    ]);
    expect([...part.concepts.entries()]).toEqual([
      ["openweights", { text: "Said to catch up.", moments: [{ segmentId: 11, startMs: 1000 }] }],
    ]);
    expect(part.claims).toHaveLength(1);
    expect(part.claims[0]).toMatchObject({ speaker: "Nathan", segmentId: 11, startMs: 1000 });
    expect(part.droppedClaims).toBe(2);
  });

  it("checks quotes ignoring case, punctuation and curly quotes, but not invented words", () => {
    expect(isVerbatim("“Open models will catch up”", texts.get(11) ?? "")).toBe(true);
    expect(isVerbatim("open models will never catch up", texts.get(11) ?? "")).toBe(false);
    expect(isVerbatim("open", texts.get(11) ?? "")).toBe(false);
  });

  it("requires a chapter summary", () => {
    expect(MapNotesSchema.safeParse({ chapters: [] }).success).toBe(false);
  });
});

describe("assembling the results", () => {
  it("joins the pieces of a chapter split over parts", () => {
    const merged = mergeChapterSummaries([
      [{ title: "A", startMs: 0, summary: "First half." }],
      [
        { title: "A", startMs: 0, summary: "Second half." },
        { title: "B", startMs: 9, summary: "Other." },
      ],
    ]);
    expect(merged).toEqual([
      { title: "A", startMs: 0, summary: "First half. Second half." },
      { title: "B", startMs: 9, summary: "Other." },
    ]);
  });

  it("keeps both languages of a concept with a rubric of numbered ids", () => {
    const item = ConceptItemSchema.parse({
      name: "MoE",
      en: {
        explanation: "A router sends each token to a few experts.",
        examples: ["DeepSeek-V3"],
        checkQuestions: ["Why sparse?"],
      },
      zh: {
        explanation: "路由器把每个词元送到少数几个专家。",
        examples: ["DeepSeek-V3"],
        checkQuestions: ["为什么稀疏？"],
      },
      keyPoints: [{ en: "routing", zh: "路由" }],
      lines: [2, 2, 7],
    });
    const { en, zh } = conceptContents(item, lines, "ep1");
    expect(en.rubric.keyPoints).toEqual([{ id: "point-1", point: "routing", required: true }]);
    expect(zh.explanation).toContain("路由器");
    expect(en.moments).toEqual([{ segmentId: 12, startMs: 2000 }]);
  });

  it("refuses Chinese material that is not in Chinese", () => {
    const block = { explanation: "Only English here, twenty chars.", examples: ["x"], checkQuestions: ["Why is it?"] };
    const parsed = ConceptItemSchema.safeParse({
      name: "X",
      en: block,
      zh: block,
      keyPoints: [{ en: "abc", zh: "d" }],
    });
    expect(parsed.success).toBe(false);
  });

  it("groups claims by topic, each claim once, and links the mind map to real concepts and chapters", () => {
    const claims = [
      { speaker: "A", topic: "t", claim: "c1", quote: "q", segmentId: 1, startMs: 30 },
      { speaker: "B", topic: "t", claim: "c2", quote: "q", segmentId: 2, startMs: 10 },
    ];
    const draft = stanceDraft(
      {
        topics: [
          { topic: "T", claims: [1, 2, 9] },
          { topic: "U", claims: [1] },
        ],
      },
      claims,
    );
    expect(draft).toEqual([{ topic: "T", claims: [claims[1], claims[0]] }]);
    const map = refinedMindMap(
      {
        title: "Ep",
        children: [
          {
            title: "Theme",
            chapter: 2,
            children: [
              { title: "MoE", concept: "moe" },
              { title: "?", concept: "nope" },
            ],
          },
        ],
      },
      [
        { title: "c1", startMs: 0, summary: "" },
        { title: "c2", startMs: 500, summary: "" },
      ],
      [{ key: "mixture-of-experts", name: "MoE" }],
    );
    expect(map.children[0]).toMatchObject({ kind: "chapter", startMs: 500 });
    expect(map.children[0]?.children[0]).toMatchObject({ kind: "concept", conceptKey: "mixture-of-experts" });
    expect(map.children[0]?.children[1]?.conceptKey).toBeUndefined();
  });
});
