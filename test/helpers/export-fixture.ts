import type { EpisodeExportData, ExportConcept, MapNode } from "../../src/export/index.js";

/**
 * Transcript text that tries every way out of its format: HTML that runs script, a CDATA end,
 * XML/HTML/Markdown/Obsidian/Mermaid/Anki syntax, a tab and a line break.
 */
export const HOSTILE =
  "<img src=x onerror=alert(1)> ]]> & \"q\" 'a' *b* _u_ [[link]] #tag $x$ %%c%% ==hl== | {{c1::x}} [sound:a.mp3] `t` style: #35; &lt; </script>\tafter\nline";

/** The text as every format shows it: one line, whitespace collapsed. */
export function shown(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** A small map shaped like the analysis' draft, with hostile, Chinese and emoji titles. */
export const FIXTURE_TREE: MapNode = {
  id: "episode",
  kind: "episode",
  title: `Episode ${HOSTILE}`,
  children: [
    {
      id: "chapter-1",
      kind: "chapter",
      title: "Intro (part 1) [draft] -- a:b",
      startMs: 0,
      children: [
        {
          id: "concept-moe",
          kind: "concept",
          title: "Mixture of Experts",
          conceptKey: "mixture-of-experts",
          startMs: 163_000,
          children: [
            {
              id: "moment-moe",
              kind: "moment",
              title: `00:02:43 ${HOSTILE}`,
              conceptKey: "mixture-of-experts",
              startMs: 163_000,
              children: [],
            },
          ],
        },
        { id: "concept-zh", kind: "concept", title: "混合专家 😀 ((circle))", conceptKey: "zh", children: [] },
      ],
    },
    { id: "chapter-2", kind: "chapter", title: "Second\nchapter", startMs: 3_723_000, children: [] },
  ],
};

/** A plain tree of titles, for comparing what a parser read back with the source. */
export interface TitleTree {
  title: string;
  children: TitleTree[];
}

/** The source tree as every format should give it back: titles on one line. */
export function titleTree(node: MapNode): TitleTree {
  return { title: shown(node.title), children: node.children.map(titleTree) };
}

function concept(over: Partial<ExportConcept> & Pick<ExportConcept, "id" | "key" | "name">): ExportConcept {
  return {
    aliases: [],
    kind: "term",
    mentionCount: 1,
    firstMs: 0,
    segmentIds: [],
    definitions: [],
    mastery: "new",
    bestExplanation: null,
    pack: null,
    ...over,
  };
}

/** Three concepts: one verified with a pack card, one the learner marked, one with hostile text everywhere. */
export function fixtureData(videoUrl: string | null = "https://www.youtube.com/watch?v=abc123"): EpisodeExportData {
  return {
    episode: {
      id: "ep1",
      title: `State of AI ${HOSTILE}`,
      show: "Show",
      language: "en",
      durationMs: 4 * 3_600_000 + 25 * 60_000,
      speakers: ["Lex", "Nathan"],
      videoUrl,
      audioUrl: null,
    },
    chapters: [
      { title: "Intro", startMs: 0, endMs: 60_000, source: "published" },
      { title: `Hostile ${HOSTILE}`, startMs: 60_000, endMs: 4_000_000, source: "detected" },
    ],
    concepts: [
      concept({
        id: 1,
        key: "mixture-of-experts",
        name: "Mixture of Experts",
        aliases: ["MoE", "混合专家"],
        mentionCount: 3,
        firstMs: 163_000,
        segmentIds: [10, 11, 12],
        definitions: [
          {
            segmentId: 10,
            startMs: 163_000,
            speaker: "Nathan",
            text: "A mixture of experts model routes each token to only a few expert networks.",
          },
        ],
        mastery: "verified",
        bestExplanation: {
          text: "Many expert FFNs; a router picks the top-k for each token, so compute stays small.",
          language: "en",
          createdAt: "2026-01-02T03:04:05.000Z",
          coveredCount: 3,
        },
        pack: { entryId: "mixture-of-experts", definition: "Sparse experts with a router.", related: ["router"] },
      }),
      concept({
        id: 2,
        key: "router",
        name: "Router",
        mentionCount: 1,
        firstMs: 170_000,
        segmentIds: [11],
        mastery: "marked",
        pack: { entryId: "router", definition: "Picks experts for a token.", related: [] },
      }),
      concept({
        id: 3,
        key: "hostile",
        name: `Hostile ${HOSTILE}`,
        aliases: [`alias ${HOSTILE}`],
        mentionCount: 2,
        firstMs: 3_723_000,
        segmentIds: [12, 40],
        definitions: [
          {
            segmentId: 40,
            startMs: 3_723_000,
            speaker: `Speaker ${HOSTILE}`,
            text: `So Hostile ${HOSTILE} means this.`,
          },
        ],
        mastery: "learning",
      }),
    ],
    clashes: [
      {
        startMs: 3_723_000,
        endMs: 3_760_000,
        speakers: ["Nathan", "Lex"],
        topic: `topic ${HOSTILE}`,
        quote: `I disagree: ${HOSTILE}`,
        conceptKeys: ["hostile"],
      },
    ],
    marks: [
      {
        pass: 1,
        kind: "term",
        startMs: 163_000,
        conceptName: "Mixture of Experts",
        selection: "MoE",
        confidence: 2,
        note: `note ${HOSTILE}`,
      },
    ],
    map: FIXTURE_TREE,
    language: "en",
    exportedAt: "2026-01-02T03:04:05.000Z",
  };
}
