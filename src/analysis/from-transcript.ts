import type { FinalTranscript } from "../ingest/index.js";
import type { AnalysisInput } from "./types.js";

/**
 * An AnalysisInput from a parsed transcript that is not in a library yet (tests, quality scripts,
 * benchmarks): segment ids are their positions, 1-based.
 */
export function analysisInputFromTranscript(t: FinalTranscript): AnalysisInput {
  return {
    title: t.title ?? "",
    language: t.language,
    segments: t.segments.map((s, i) => ({
      id: i + 1,
      startMs: s.startMs,
      endMs: s.endMs,
      speaker: s.speaker,
      text: s.text,
    })),
    chapters: t.chapters.map((c) => ({ title: c.title, startMs: c.startMs, endMs: c.endMs, source: c.source })),
    speakers: t.speakers,
  };
}
