import { detectChapters } from "./chapters.js";
import { findClashes } from "./clashes.js";
import { extractConcepts } from "./concepts/index.js";
import { draftMindMap } from "./mindmap.js";
import type { AnalysisInput, EpisodeAnalysis, ExtractedConcept, Glossary } from "./types.js";

export interface AnalyzeOptions {
  glossary?: Glossary;
  /** Called between steps with a fraction 0..1 and what comes next. */
  onProgress?: (fraction: number, step: string) => void;
}

/** How many of the best-ranked concepts name chapters and clash topics. */
const TOPIC_CONCEPTS = 150;

/**
 * The whole offline analysis of one episode: concepts (with mentions and definitions), chapters
 * (published ones kept, others detected), clash moments and the mind-map draft. Pure: the same
 * input gives the same analysis.
 */
export function analyzeEpisode(input: AnalysisInput, options: AnalyzeOptions = {}): EpisodeAnalysis {
  const progress = options.onProgress ?? (() => {});
  progress(0, "finding concepts");
  const concepts = extractConcepts(input, options.glossary);

  progress(0.6, "finding chapters");
  const conceptsAt = conceptsBySegment(concepts.slice(0, TOPIC_CONCEPTS));
  // One detected chapter spanning the whole episode tells the learner nothing: keep none then.
  const detected = input.chapters.length ? [] : detectChapters(input, (id) => conceptsAt.get(id)?.names ?? []);
  const chapters = input.chapters.length ? input.chapters : detected.length > 1 ? detected : [];

  progress(0.75, "finding where the speakers clash");
  const clashes = findClashes(input, (id) => conceptsAt.get(id)?.names ?? []).map((clash) => ({
    ...clash,
    conceptKeys: clash.conceptKeys.length
      ? clash.conceptKeys
      : [...new Set(clash.segmentIds.flatMap((id) => conceptsAt.get(id)?.keys ?? []))],
  }));

  progress(0.9, "drafting the mind map");
  const mindmap = draftMindMap(input, concepts, chapters);
  progress(1, "done");
  return { concepts, chapters, clashes, mindmap };
}

/** segment id -> the concepts said in it, best-ranked first. */
function conceptsBySegment(concepts: ExtractedConcept[]): Map<number, { names: string[]; keys: string[] }> {
  const map = new Map<number, { names: string[]; keys: string[] }>();
  for (const concept of concepts) {
    for (const m of concept.mentions) {
      let entry = map.get(m.segmentId);
      if (!entry) {
        entry = { names: [], keys: [] };
        map.set(m.segmentId, entry);
      }
      if (!entry.keys.includes(concept.key)) {
        entry.keys.push(concept.key);
        entry.names.push(concept.name);
      }
    }
  }
  return map;
}
