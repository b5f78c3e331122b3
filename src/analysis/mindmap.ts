import { formatTimecode } from "../core/index.js";
import type { AnalysisChapter, AnalysisInput, ExtractedConcept, MindMapNode } from "./types.js";

/** How many concepts a chapter branch shows: a draft to edit, not an index. */
const CONCEPTS_PER_CHAPTER = 5;

/**
 * The first draft of the learner's mind map: episode -> chapters -> the key concepts of each
 * chapter -> the moment that defines each one (or its first mention). Every node but the root
 * links to a moment. A concept sits under the chapter where it is explained (or said most), once.
 */
export function draftMindMap(
  input: AnalysisInput,
  concepts: ExtractedConcept[],
  chapters: AnalysisChapter[],
): MindMapNode {
  const branches: AnalysisChapter[] = chapters.length
    ? chapters
    : [{ title: input.title, startMs: 0, endMs: Number.MAX_SAFE_INTEGER, source: "detected" }];
  const chapterOf = (ms: number) => {
    let found = 0;
    branches.forEach((c, i) => {
      if (c.startMs <= ms) found = i;
    });
    return found;
  };

  const placed = branches.map(() => [] as { concept: ExtractedConcept; rank: number }[]);
  concepts.forEach((concept, rank) => {
    const anchor = concept.definitions[0]?.startMs ?? busiestChapterMs(concept, chapterOf, branches);
    if (anchor === undefined) return;
    placed[chapterOf(anchor)]?.push({ concept, rank });
  });

  const children = branches.map((chapter, i): MindMapNode => {
    const keyConcepts = (placed[i] ?? []).sort((a, b) => a.rank - b.rank).slice(0, CONCEPTS_PER_CHAPTER);
    return {
      id: `chapter-${i + 1}`,
      title: chapter.title,
      kind: "chapter",
      startMs: chapter.startMs,
      children: keyConcepts.map(({ concept }) => conceptNode(concept)),
    };
  });
  return { id: "episode", title: input.title, kind: "episode", children };
}

function conceptNode(concept: ExtractedConcept): MindMapNode {
  const definition = concept.definitions[0];
  const first = concept.mentions[0];
  const moment: MindMapNode | null = definition
    ? {
        id: `moment-${concept.key}`,
        title: `${formatTimecode(definition.startMs)} ${trimQuote(definition.text)}`,
        kind: "moment",
        conceptKey: concept.key,
        segmentId: definition.segmentId,
        startMs: definition.startMs,
        children: [],
      }
    : first
      ? {
          id: `moment-${concept.key}`,
          title: `${formatTimecode(first.startMs)} first mention`,
          kind: "moment",
          conceptKey: concept.key,
          segmentId: first.segmentId,
          startMs: first.startMs,
          children: [],
        }
      : null;
  return {
    id: `concept-${concept.key}`,
    title: concept.name,
    kind: "concept",
    conceptKey: concept.key,
    segmentId: moment?.segmentId,
    startMs: moment?.startMs,
    children: moment ? [moment] : [],
  };
}

/** The start of the chapter where the concept is said most, or undefined when it is never said. */
function busiestChapterMs(
  concept: ExtractedConcept,
  chapterOf: (ms: number) => number,
  chapters: AnalysisChapter[],
): number | undefined {
  if (concept.mentions.length === 0) return undefined;
  const counts = new Map<number, number>();
  for (const m of concept.mentions) counts.set(chapterOf(m.startMs), (counts.get(chapterOf(m.startMs)) ?? 0) + 1);
  let best = 0;
  let bestCount = -1;
  for (const [chapter, count] of counts) {
    if (count > bestCount) {
      best = chapter;
      bestCount = count;
    }
  }
  return chapters[best]?.startMs;
}

function trimQuote(text: string, max = 90): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}
