import { editorMapToMapNode } from "../analysis/mindmap-to-editor.js";
import type { EpisodeExportData, ExportConcept, MapNode, VerifiedExplanation } from "../export/types.js";
import { findPackEntry, type LoadedPack } from "../knowledge/index.js";
import {
  type Attempt,
  getChapters,
  getClashes,
  getEpisode,
  getEpisodeConcepts,
  getLearnerMap,
  getMasteryState,
  getMindMapDraft,
  listAttempts,
  listMarks,
  type Store,
} from "../store/index.js";

export interface ExportDataOptions {
  /** The library's knowledge packs, for the definitions on cards and notes. */
  packs?: LoadedPack[];
  /** The language of pack texts; by default the episode's (Chinese for zh, else English). */
  language?: "en" | "zh";
  /** When the export is made; by default the store's clock. */
  now?: Date;
}

/**
 * Everything an export needs, read from the library in one go: the episode, its chapters, its
 * concepts with mentions, definitions, the learner's mastery and best verified explanation, its
 * clash moments, the learner's marks and the map (the learner's own when they have drawn one, else
 * the analysis' draft). Null when there is no such episode. The
 * exporters then work on this plain object alone.
 */
export function loadEpisodeExportData(
  store: Store,
  episodeId: string,
  options: ExportDataOptions = {},
): EpisodeExportData | null {
  const episode = getEpisode(store, episodeId);
  if (!episode) return null;
  const language = options.language ?? (episode.language === "zh" ? "zh" : "en");
  const packs = options.packs ?? [];

  const concepts = getEpisodeConcepts(store, episodeId).map((c): ExportConcept => {
    const entry = c.pack ? findPackEntry(packs, c.pack) : null;
    return {
      id: c.id,
      key: c.key,
      name: c.name,
      aliases: c.aliases,
      kind: c.kind,
      mentionCount: c.mentionCount,
      firstMs: c.firstMs,
      segmentIds: [...new Set(c.mentions.map((m) => m.segmentId))],
      definitions: c.definitions.map((d) => ({
        segmentId: d.segmentId,
        startMs: d.startMs,
        speaker: d.speaker,
        text: d.text,
      })),
      mastery: getMasteryState(store, c.id),
      bestExplanation: bestVerified(listAttempts(store, c.id)),
      pack: entry
        ? {
            entryId: entry.id,
            definition: entry.definition[language],
            related: [...new Set([...entry.related, ...entry.prerequisites])],
          }
        : null,
    };
  });

  return {
    episode: {
      id: episode.id,
      title: episode.title,
      show: episode.show,
      language: episode.language,
      durationMs: episode.durationMs,
      speakers: episode.speakers,
      videoUrl: episode.videoUrl,
      audioUrl: episode.audioUrl,
    },
    chapters: getChapters(store, episodeId),
    concepts,
    clashes: getClashes(store, episodeId).map(({ startMs, endMs, speakers, topic, quote, conceptKeys }) => ({
      startMs,
      endMs,
      speakers,
      topic,
      quote,
      conceptKeys,
    })),
    marks: listMarks(store, episodeId).map((m) => ({
      pass: m.pass,
      kind: m.kind,
      startMs: m.startMs,
      conceptName: m.conceptName,
      selection: m.selection,
      confidence: m.confidence,
      note: m.note,
    })),
    map: exportMap(store, episodeId),
    language,
    exportedAt: (options.now ?? store.now()).toISOString(),
  };
}

/** The map an export shows: what the learner drew, or the analysis' draft before they edit it. */
function exportMap(store: Store, episodeId: string): MapNode | null {
  const learner = getLearnerMap(store, episodeId);
  return (learner && editorMapToMapNode(learner.tree)) ?? getMindMapDraft(store, episodeId);
}

/**
 * The explanation to show as the learner's own: among the verified attempts (at this concept in
 * any episode: understanding is library-wide), the one that covered most key points, the latest on
 * a tie. Null when none was verified.
 */
export function bestVerified(attempts: readonly Attempt[]): VerifiedExplanation | null {
  let best: Attempt | null = null;
  for (const a of attempts) {
    if (a.verdict !== "verified") continue;
    if (!best || a.covered.length >= best.covered.length) best = a;
  }
  return best
    ? { text: best.text, language: best.language, createdAt: best.createdAt, coveredCount: best.covered.length }
    : null;
}
