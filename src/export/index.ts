/**
 * Exports: one module per output format, each a pure function from data to text or bytes, over
 * `EpisodeExportData` (loaded once from the library) or a generic `MapNode` tree (so the learner's
 * own map plugs in beside the analysis' draft).
 */
export { ANKI_COLUMNS, type AnkiNote, ankiDeckName, ankiNotes, clozeSentence, episodeToAnki } from "./anki.js";
export { APKG_BASIC_MODEL_ID, APKG_CLOZE_MODEL_ID, episodeToApkg } from "./apkg.js";
export { mapToAscii } from "./ascii.js";
export { mapToFreeMind } from "./freemind.js";
export { type MapExportOptions, mapOptionsFor } from "./map-options.js";
export { MARKMAP_DATA_ID, type MarkmapAssets, type MarkmapNode, mapToMarkmapHtml, markmapTree } from "./markmap.js";
export { loadMarkmapAssets } from "./markmap-assets.js";
export { episodeToMarkdown } from "./md.js";
export { mapToMermaid, mermaidLabel } from "./mermaid.js";
export { isYouTubeUrl, momentUrl } from "./moments.js";
export { MAX_UNKNOWN_CONCEPTS, notableConcepts } from "./notable.js";
export { CONCEPTS_FOLDER, episodeToObsidian, type VaultFile, wikilink } from "./obsidian.js";
export { mapToOpml } from "./opml.js";
export { episodeToPost } from "./post.js";
export type * from "./post-types.js";
export { relatedConcepts } from "./related.js";
export {
  EXPORT_FORMATS,
  ExportError,
  type ExportFormat,
  type ExportOutput,
  isExportFormat,
  renderExport,
} from "./render.js";
export type * from "./types.js";
export { mapToXMind, type XMindSheet, type XMindTopic, xmindSheet } from "./xmind.js";
