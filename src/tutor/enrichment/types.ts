/** The data enrichment works on: plain values read from the library, so this module never sees the store. */

/** A segment of the transcript, with its library id. */
export interface EnrichSegment {
  id: number;
  startMs: number;
  speaker: string | null;
  text: string;
}

/** A chapter (published or detected). */
export interface EnrichChapter {
  title: string;
  startMs: number;
  endMs: number;
}

/** A concept to write study material for, with the episode's passages about it. */
export interface EnrichConcept {
  id: number;
  key: string;
  name: string;
  aliases: string[];
  definitions: { segmentId: number; startMs: number; speaker: string | null; text: string }[];
  mentions: { segmentId: number; startMs: number }[];
}

/** A moment of the episode the material relies on. */
export interface EnrichMoment {
  segmentId: number;
  startMs: number;
}

/** What the map step learned about one concept in one part of the transcript. */
export interface ConceptNote {
  text: string;
  moments: EnrichMoment[];
}

/** A speaker's claim on a topic, with a quote checked against the transcript. */
export interface SpeakerClaim {
  speaker: string;
  topic: string;
  claim: string;
  quote: string;
  segmentId: number;
  startMs: number;
}

/** The study material of a concept in one language, as kept in concept_enrichment.content. */
export interface ConceptEnrichmentContent {
  version: 1;
  /** The episode whose passages it was written from. */
  episodeId: string;
  explanation: string;
  examples: string[];
  checkQuestions: string[];
  rubric: {
    keyPoints: { id: string; point: string; required: boolean }[];
    misconceptions: { id: string; description: string }[];
  };
  /** Names of concepts to learn first. */
  prerequisites: string[];
  moments: EnrichMoment[];
}

/** A chapter with the model's summary. */
export interface ChapterSummary {
  title: string;
  startMs: number;
  summary: string;
}

/** A draft of the stance table: per topic, each speaker's claims with verbatim quotes and times. */
export interface StanceDraftTopic {
  topic: string;
  claims: SpeakerClaim[];
}

/** A node of the refined mind map (the same shape as the analysis' draft). */
export interface RefinedMapNode {
  id: string;
  title: string;
  kind: "episode" | "chapter" | "concept" | "moment";
  conceptKey?: string;
  startMs?: number;
  children: RefinedMapNode[];
}
