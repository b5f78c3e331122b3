import { momentUrl } from "./moments.js";
import type { EpisodeExportData } from "./types.js";

/** What the mind-map exporters need besides the tree. */
export interface MapExportOptions {
  /** The address that plays a moment, or null when there is none (then the node has no link). */
  momentLink?: (ms: number) => string | null;
  /** When the export was made (ISO), for formats that record it; the exporters read no clock. */
  createdAt?: string;
}

/** The options for an episode: moments link to its YouTube video when it has one. */
export function mapOptionsFor(data: EpisodeExportData): MapExportOptions {
  const { videoUrl } = data.episode;
  return { momentLink: (ms) => momentUrl(videoUrl, ms), createdAt: data.exportedAt };
}

/** The link of a node, if it points at a moment and the moment can be linked. */
export function nodeLink(node: { startMs?: number }, options: MapExportOptions): string | null {
  return node.startMs === undefined || !options.momentLink ? null : options.momentLink(node.startMs);
}
