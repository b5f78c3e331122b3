import { episodeToAnki } from "./anki.js";
import { episodeToApkg } from "./apkg.js";
import { mapToAscii } from "./ascii.js";
import { mapToFreeMind } from "./freemind.js";
import { mapOptionsFor } from "./map-options.js";
import { type MarkmapAssets, mapToMarkmapHtml } from "./markmap.js";
import { episodeToMarkdown } from "./md.js";
import { mapToMermaid } from "./mermaid.js";
import { episodeToObsidian, type VaultFile } from "./obsidian.js";
import { mapToOpml } from "./opml.js";
import { episodeToPost, notesOnlyPostExtras } from "./post.js";
import type { PostExtras } from "./post-types.js";
import type { EpisodeExportData } from "./types.js";
import { mapToXMind } from "./xmind.js";

/** The formats `deeplisten export --format` takes: the usual file name ending, a short name, what it is. */
export const EXPORT_FORMATS = {
  md: { extension: ".md", label: "Markdown notes", what: "notes in one Markdown file" },
  post: {
    extension: ".md",
    label: "blog post",
    what: "a Markdown blog post from your own verified work, in your language",
  },
  obsidian: {
    extension: "",
    label: "Obsidian vault",
    what: "an Obsidian vault folder: one note per concept and one for the episode",
  },
  opml: { extension: ".opml", label: "OPML outline", what: "the mind map as an OPML 2.0 outline" },
  freemind: { extension: ".mm", label: "FreeMind map", what: "the mind map for FreeMind / Freeplane" },
  mermaid: { extension: ".mmd", label: "Mermaid mind map", what: "the mind map in Mermaid's mindmap syntax" },
  markmap: {
    extension: ".html",
    label: "markmap page",
    what: "the mind map as a self-contained interactive HTML page",
  },
  ascii: { extension: ".txt", label: "ASCII tree", what: "the mind map as a tree of box-drawing lines" },
  xmind: { extension: ".xmind", label: "XMind map", what: "the mind map for XMind" },
  json: {
    extension: ".json",
    label: "episode backup",
    what: "the episode and all your work on it (deeplisten restore-episode)",
  },
  apkg: { extension: ".apkg", label: "Anki package", what: "a real Anki package (.apkg) to import as a deck" },
  anki: { extension: ".txt", label: "Anki cards", what: "cards in Anki's text import format" },
} as const;

export type ExportFormat = keyof typeof EXPORT_FORMATS;

/** What an export produces: one file's text or bytes, or the files of a folder. */
export type ExportOutput = { kind: "file"; content: string | Uint8Array } | { kind: "folder"; files: VaultFile[] };

/** An export that cannot be made from what the library holds; the message says what to do. */
export class ExportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ExportError";
  }
}

/** True for a format name `renderExport` knows. */
export function isExportFormat(name: string): name is ExportFormat {
  return Object.hasOwn(EXPORT_FORMATS, name);
}

/**
 * Renders one format. Pure apart from `markmapAssets`, called only for markmap (it reads the
 * installed JavaScript). Mind-map formats need a map: an episode that was never analysed has none.
 */
export function renderExport(
  format: ExportFormat,
  data: EpisodeExportData,
  deps: {
    markmapAssets?: () => MarkmapAssets;
    /** The learner's work beyond the notes (post only). */
    post?: PostExtras;
    /** The episode backup document (json only); it reads the library, so the caller loads it. */
    episodeBackup?: () => unknown;
  } = {},
): ExportOutput {
  switch (format) {
    case "apkg":
      return { kind: "file", content: episodeToApkg(data) };
    case "post":
      // Without the learner's work loaded, the post is built from the notes' data alone.
      return { kind: "file", content: episodeToPost(data, deps.post ?? notesOnlyPostExtras(data)) };
    case "json":
      if (!deps.episodeBackup) throw new ExportError("the episode backup is read from the library");
      return { kind: "file", content: `${JSON.stringify(deps.episodeBackup(), null, 2)}\n` };
    case "md":
      return { kind: "file", content: episodeToMarkdown(data) };
    case "obsidian":
      return { kind: "folder", files: episodeToObsidian(data) };
    case "anki":
      return { kind: "file", content: episodeToAnki(data) };
  }
  const map = data.map;
  if (!map) {
    throw new ExportError(
      `"${data.episode.title}" has no mind map yet: run \`deeplisten analyze ${data.episode.id}\` first`,
    );
  }
  const options = mapOptionsFor(data);
  switch (format) {
    case "opml":
      return { kind: "file", content: mapToOpml(map, options) };
    case "freemind":
      return { kind: "file", content: mapToFreeMind(map, options) };
    case "mermaid":
      return { kind: "file", content: mapToMermaid(map) };
    case "ascii":
      return { kind: "file", content: mapToAscii(map) };
    case "xmind":
      return { kind: "file", content: mapToXMind(map, options) };
    case "markmap": {
      if (!deps.markmapAssets) throw new ExportError("the markmap export needs markmap's JavaScript");
      return { kind: "file", content: mapToMarkmapHtml(map, deps.markmapAssets(), options) };
    }
  }
}
