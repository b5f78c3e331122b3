import type { Language } from "../core/index.js";

/**
 * The analysis works on an episode as the library stores it: segments with their ids (so every
 * concept mention, definition, clash and mind-map node links back to a moment) and chapters.
 * Every step is a pure function over these types: no database, no clock, no network.
 */

export interface AnalysisSegment {
  /** The segment's id in the library (stable: mentions point to it). */
  id: number;
  startMs: number;
  endMs: number;
  speaker: string | null;
  text: string;
}

export interface AnalysisChapter {
  title: string;
  startMs: number;
  endMs: number;
  source: "published" | "detected";
}

export interface AnalysisInput {
  title: string;
  language: Language;
  segments: AnalysisSegment[];
  /** Published chapters; empty when the transcript has none (they are then detected). */
  chapters: AnalysisChapter[];
  /** The voices of the episode, host first where known. */
  speakers: string[];
}

export type ConceptKind = "term" | "model" | "organisation" | "person";

/**
 * Canonical names the knowledge packs know (optional: the analysis works on any topic without
 * them, and uses them for canonical names, aliases and kinds when present).
 */
export interface GlossaryEntry {
  /** The pack entry id, e.g. `mixture-of-experts`. */
  id: string;
  kind: ConceptKind | "debate";
  /** Display name first, then aliases, per language. */
  names: { en: string[]; zh: string[] };
}

export interface Glossary {
  entries: GlossaryEntry[];
}

/** Where a concept is said: a segment and the character span of the words in its text. */
export interface ConceptMention {
  segmentId: number;
  startMs: number;
  /** Character offsets in the segment's text, end exclusive. */
  start: number;
  end: number;
}

/** A transcript sentence that defines or explains a concept. */
export interface ConceptDefinition {
  segmentId: number;
  startMs: number;
  speaker: string | null;
  /** The sentence (or two) as said. */
  text: string;
  /** Higher is a better explanation; definitions are returned best first. */
  score: number;
}

export interface ExtractedConcept {
  /**
   * The library-wide identity of the concept: the pack entry id when a pack knows it, else a
   * normalised form of its main name (`mixture of experts`), so MoE in #459 and #490 is one concept.
   */
  key: string;
  /** The display name: the pack's name, or the form most often said. */
  name: string;
  /** Other names it goes by in this episode or in the pack (MoE, mixture-of-experts, 混合专家). */
  aliases: string[];
  kind: ConceptKind;
  packEntryId: string | null;
  /** How much a learner needs it; concepts are returned best first. */
  score: number;
  mentions: ConceptMention[];
  definitions: ConceptDefinition[];
}

export interface ClashMoment {
  startMs: number;
  endMs: number;
  /** The segments of the exchange: the claim and the pushback. */
  segmentIds: number[];
  /** Who pushes back on whom: the speaker who pushes back comes first. */
  speakers: string[];
  /** What it is about, in a few words (the concepts around it). */
  topic: string;
  /** The words of the pushback. */
  quote: string;
  /** Keys of the concepts the exchange is about. */
  conceptKeys: string[];
  /** How sure we are this is a real disagreement (0..1); clashes are returned in time order. */
  confidence: number;
}

export interface MindMapNode {
  id: string;
  title: string;
  kind: "episode" | "chapter" | "concept" | "moment";
  conceptKey?: string;
  segmentId?: number;
  startMs?: number;
  children: MindMapNode[];
}

export interface EpisodeAnalysis {
  concepts: ExtractedConcept[];
  chapters: AnalysisChapter[];
  clashes: ClashMoment[];
  mindmap: MindMapNode;
}
