import type { Language, MasteryState } from "../core/index.js";

/**
 * What every exporter reads: one plain object, loaded once from the library
 * (`loadEpisodeExportData`) so the exporters stay pure functions from data to text or bytes.
 */

/**
 * A mind-map tree, as generic as the formats allow: the analysis' draft (`MindMapNode`) fits it as
 * is, and so will the learner's own map. Only `title` and `children` are required.
 */
export interface MapNode {
  /** Stable id when the source has one (kept in formats that carry ids: FreeMind, XMind). */
  id?: string;
  title: string;
  /** What the node is, where the source says (the draft: episode, chapter, concept, moment). */
  kind?: string;
  /** A moment of the episode the node points to. */
  startMs?: number;
  /** The library concept the node stands for. */
  conceptKey?: string;
  /** The learner's note on the node (shown as a note where the format has notes). */
  note?: string;
  children: readonly MapNode[];
}

export interface ExportEpisode {
  id: string;
  title: string;
  show: string | null;
  language: Language;
  durationMs: number;
  speakers: string[];
  videoUrl: string | null;
  audioUrl: string | null;
}

export interface ExportChapter {
  title: string;
  startMs: number;
  endMs: number;
  source: "published" | "detected";
}

/** A transcript sentence that explains a concept, with its moment. */
export interface ExportDefinition {
  segmentId: number;
  startMs: number;
  speaker: string | null;
  text: string;
}

/** The learner's own explanation that the grader verified. */
export interface VerifiedExplanation {
  text: string;
  language: "en" | "zh";
  createdAt: string;
  /** How many key points of the rubric it covered (how "best" was chosen). */
  coveredCount: number;
}

/** The knowledge-pack card behind a concept, in the export's language. */
export interface ExportPackCard {
  entryId: string;
  definition: string;
  /** Pack entry ids the card names as related or prerequisite. */
  related: string[];
}

export interface ExportConcept {
  id: number;
  key: string;
  name: string;
  aliases: string[];
  kind: string;
  mentionCount: number;
  firstMs: number;
  /** Segment ids where the concept is said, for finding concepts that go together. */
  segmentIds: number[];
  definitions: ExportDefinition[];
  mastery: MasteryState;
  bestExplanation: VerifiedExplanation | null;
  pack: ExportPackCard | null;
}

export interface ExportClash {
  startMs: number;
  endMs: number;
  speakers: string[];
  topic: string;
  quote: string;
  conceptKeys: string[];
}

export interface ExportMark {
  pass: number;
  kind: "moment" | "term";
  startMs: number;
  conceptName: string | null;
  selection: string | null;
  confidence: number | null;
  note: string | null;
}

export interface EpisodeExportData {
  episode: ExportEpisode;
  chapters: ExportChapter[];
  /** Ranked as the analysis ranked them. */
  concepts: ExportConcept[];
  clashes: ExportClash[];
  marks: ExportMark[];
  /** The map to export: the learner's own map when they have one, else the analysis' draft; null when the episode was never analysed. */
  map: MapNode | null;
  /** The language of pack texts and generated labels' content. */
  language: "en" | "zh";
  /** When the export was made (ISO), so the output does not depend on a clock. */
  exportedAt: string;
}
