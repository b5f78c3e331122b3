import { describe, expect, it } from "vitest";
import { draftToEditorMap, editorMapToMapNode, emptyEditorMap } from "./mindmap-to-editor.js";
import type { MindMapNode } from "./types.js";

const DRAFT: MindMapNode = {
  id: "episode",
  title: "State of AI",
  kind: "episode",
  children: [
    {
      id: "chapter-1",
      title: "Attention",
      kind: "chapter",
      startMs: 0,
      children: [
        {
          id: "concept-reinforcement learning run",
          title: "RL run",
          kind: "concept",
          conceptKey: "reinforcement learning run",
          segmentId: 3,
          startMs: 41_000,
          children: [
            {
              id: "moment-reinforcement learning run",
              title: "00:00:41 a run",
              kind: "moment",
              conceptKey: "reinforcement learning run",
              segmentId: 3,
              startMs: 41_000,
              children: [],
            },
          ],
        },
        // A second node whose cleaned id would collide with the first.
        { id: "concept-reinforcement_learning_run", title: "Twin", kind: "concept", children: [] },
      ],
    },
  ],
};

describe("the draft as the editor's map", () => {
  it("keeps the tree and titles, carries concepts and moments as links, folds concept branches", () => {
    const map = draftToEditorMap(DRAFT);
    expect(map.direction).toBe(2);
    const root = map.nodeData;
    expect(root.topic).toBe("State of AI");
    expect(root.metadata?.deeplisten).toEqual({ kind: "episode" });
    const chapter = root.children?.[0];
    expect(chapter?.topic).toBe("Attention");
    expect(chapter?.metadata?.deeplisten).toEqual({ kind: "chapter", startMs: 0 });
    const [concept, twin] = chapter?.children ?? [];
    expect(concept?.metadata?.deeplisten).toEqual({
      kind: "concept",
      conceptKey: "reinforcement learning run",
      startMs: 41_000,
      segmentId: 3,
    });
    expect(concept?.expanded).toBe(false);
    expect(twin?.expanded).toBeUndefined();
    // Ids the editor can put in a selector, never twice.
    expect(concept?.id).toBe("concept-reinforcement_learning_run");
    expect(twin?.id).toBe("concept-reinforcement_learning_run-2");
    expect(concept?.children?.[0]?.id).toBe("moment-reinforcement_learning_run");
  });

  it("opens a long episode's draft on its outline: the chapters folded when they and their concepts fill more than a screen", () => {
    const chapters = (count: number): MindMapNode[] =>
      Array.from({ length: count }, (_, c) => ({
        id: `chapter-${c}`,
        title: `Chapter ${c}`,
        kind: "chapter" as const,
        children: Array.from({ length: 5 }, (_, k) => ({
          id: `concept-${c}-${k}`,
          title: `Concept ${c}.${k}`,
          kind: "concept" as const,
          children: [],
        })),
      }));
    const long = draftToEditorMap({ ...DRAFT, children: chapters(26) });
    expect(long.nodeData.children).toHaveLength(26);
    expect(long.nodeData.children?.every((chapter) => chapter.expanded === false)).toBe(true);
    // Folded, not cut: every concept is still there, one click away.
    expect(long.nodeData.children?.flatMap((chapter) => chapter.children ?? [])).toHaveLength(130);

    const short = draftToEditorMap({ ...DRAFT, children: chapters(6) });
    expect(short.nodeData.children?.some((chapter) => chapter.expanded === false)).toBe(false);
  });

  it("comes back as the exporters' tree with the same titles, moments and concepts", () => {
    const node = editorMapToMapNode(draftToEditorMap(DRAFT));
    const strip = (n: MindMapNode): unknown => ({
      title: n.title,
      kind: n.kind,
      startMs: n.startMs,
      conceptKey: n.conceptKey,
      children: n.children.map(strip),
    });
    const again = (n: NonNullable<typeof node>): unknown => ({
      title: n.title,
      kind: n.kind,
      startMs: n.startMs,
      conceptKey: n.conceptKey,
      children: n.children.map(again),
    });
    expect(node && again(node)).toEqual(strip(DRAFT));
  });
});

describe("the learner's map for export", () => {
  it("reads the learner's nodes, links and notes and ignores the editor's own fields", () => {
    const node = editorMapToMapNode({
      nodeData: {
        id: "root",
        topic: "My map",
        style: { color: "red" },
        children: [
          { id: "a", topic: "Why RL works", note: "my note", tags: [{ text: "▶ 0:41" }], children: [] },
          { id: "b", topic: "MLA", metadata: { deeplisten: { conceptKey: "mla", startMs: 90_000 } } },
          "not a node",
        ],
      },
      theme: { name: "x" },
    });
    expect(node).toEqual({
      id: "root",
      title: "My map",
      children: [
        { id: "a", title: "Why RL works", note: "my note", children: [] },
        { id: "b", title: "MLA", conceptKey: "mla", startMs: 90_000, children: [] },
      ],
    });
  });

  it("is null for something that is not a map", () => {
    expect(editorMapToMapNode(null)).toBeNull();
    expect(editorMapToMapNode({ nodes: [] })).toBeNull();
    expect(editorMapToMapNode([1, 2])).toBeNull();
  });

  it("starts an unanalysed episode from its title", () => {
    expect(editorMapToMapNode(emptyEditorMap("Lecture 1"))).toEqual({
      id: "episode",
      title: "Lecture 1",
      kind: "episode",
      children: [],
    });
  });
});
