import { join } from "node:path";
import { type AnalysisInput, analyzeEpisode, type Glossary } from "../analysis/index.js";
import { ImportError } from "../core/index.js";
import type { JobHandler } from "../jobs/runner.js";
import { bundledPacksDir, glossaryFromPacks, listPacks, loadPack } from "../knowledge/index.js";
import { getChapters, getEpisode, getSegments, type Store, saveAnalysis } from "../store/index.js";

export const ANALYSIS_JOB = "analysis";

/** The episode as the analysis reads it: its segments with their library ids, and its published chapters. */
export function analysisInputFromStore(store: Store, episodeId: string): AnalysisInput {
  const episode = getEpisode(store, episodeId);
  if (!episode) throw new ImportError(`no episode ${episodeId} in the library`);
  return {
    title: episode.title,
    language: episode.language,
    segments: getSegments(store, episodeId),
    chapters: getChapters(store, episodeId).filter((c) => c.source === "published"),
    speakers: episode.speakers,
  };
}

let cachedGlossary: { home: string; glossary: Glossary } | null = null;

/** The names of every valid pack: the bundled ones and the learner's own under `<home>/packs`. */
export function libraryGlossary(home: string): Glossary {
  if (cachedGlossary?.home === home) return cachedGlossary.glossary;
  const packs = listPacks([join(home, "packs")])
    .filter((p) => p.ok)
    .map((p) => loadPack(p.dir));
  const glossary = glossaryFromPacks(packs.length ? packs : [loadPack(join(bundledPacksDir(), "ai-2026"))]);
  cachedGlossary = { home, glossary };
  return glossary;
}

/** Analyses one episode and stores the result, reporting progress. */
export function analyzeStoredEpisode(
  store: Store,
  episodeId: string,
  glossary: Glossary,
  onProgress: (fraction: number, step: string) => void = () => {},
): void {
  const started = performance.now();
  const input = analysisInputFromStore(store, episodeId);
  // Reading and saving are part of the job too: the analysis proper gets 90% of the bar.
  const analysis = analyzeEpisode(input, { glossary, onProgress: (f, step) => onProgress(f * 0.9, step) });
  onProgress(0.95, "saving");
  saveAnalysis(store, episodeId, analysis, performance.now() - started);
  onProgress(1, "done");
}

/** The job handlers of the library, by job kind. */
export function libraryJobHandlers(store: Store, home: string): Record<string, JobHandler> {
  return {
    [ANALYSIS_JOB]: (job, progress) => {
      if (!job.episodeId) throw new Error("an analysis job needs an episode");
      analyzeStoredEpisode(store, job.episodeId, libraryGlossary(home), progress);
    },
  };
}
