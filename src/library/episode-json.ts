import type { EpisodeSummary } from "../store/index.js";

/**
 * The public shape of an episode: the CLI contract (`import`, `list`, `show --json`) and the JSON API
 * both print exactly this, so scripts and the web app see one shape.
 */
export function episodeJson(e: EpisodeSummary) {
  return {
    id: e.id,
    title: e.title,
    show: e.show,
    language: e.language,
    durationMs: e.durationMs,
    speakers: e.speakers,
    segmentCount: e.segmentCount,
    wordCount: e.wordCount,
    chapters: e.chapters,
    format: e.format,
    source: e.source,
    audioUrl: e.audioUrl,
    videoUrl: e.videoUrl,
    timingEstimated: e.timingEstimated,
    speakersAnonymous: e.speakersAnonymous,
    importedAt: e.importedAt,
  };
}
