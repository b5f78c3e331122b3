import { formatTimecode } from "../core/index.js";
import type { EpisodeSummary } from "../store/index.js";

export { episodeJson } from "../library/episode-json.js";

/** One line per episode for `list`. */
export function episodeLine(e: EpisodeSummary): string {
  const speakers = e.speakers.length ? e.speakers.join(", ") : "no speaker names";
  return `${e.id}  ${formatTimecode(e.durationMs)}  ${e.language}  ${e.title}  (${speakers}; ${e.wordCount.toLocaleString("en")} words, ${e.chapters.length} chapters)`;
}

/** A readable block about one episode, for `import` and `show`. */
export function episodeBlock(e: EpisodeSummary): string {
  const lines = [
    `${e.title}`,
    `  id        ${e.id}`,
    `  length    ${formatTimecode(e.durationMs)}${e.timingEstimated ? " (estimated from word counts)" : ""}`,
    `  language  ${e.language}`,
    `  speakers  ${e.speakers.join(", ") || "none named"}${e.speakersAnonymous ? " (anonymous: rename them)" : ""}`,
    `  text      ${e.segmentCount} segments, ${e.wordCount.toLocaleString("en")} words (${e.format})`,
  ];
  if (e.videoUrl) lines.push(`  video     ${e.videoUrl}`);
  if (e.audioUrl) lines.push(`  audio     ${e.audioUrl}`);
  if (e.chapters.length) {
    lines.push(`  chapters  ${e.chapters.length}`);
    for (const c of e.chapters) lines.push(`    ${formatTimecode(c.startMs)}  ${c.title}`);
  }
  return lines.join("\n");
}
