import { type AnalysisInput, analyzeEpisode, type Glossary } from "../analysis/index.js";
import { ImportError } from "../core/index.js";
import type { JobHandler } from "../jobs/runner.js";
import { glossaryFromPacks } from "../knowledge/index.js";
import { getChapters, getEpisode, getSegments, type Store, saveAnalysis } from "../store/index.js";
import { ENRICH_JOB, enrichmentJobHandler } from "./enrichment/job.js";
import { libraryPacks } from "./packs.js";
import { TRANSCRIBE_JOB, transcribeJobHandler } from "./transcribe-job.js";

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

/** The names of every valid pack of the library, for the analysis. */
export function libraryGlossary(home: string): Glossary {
  return glossaryFromPacks(libraryPacks(home));
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
    // Audio uploaded or imported in the web app: transcribed, then the analysis job follows.
    [TRANSCRIBE_JOB]: transcribeJobHandler(store),
    // Enrichment the learner started on the web, after seeing its estimate.
    [ENRICH_JOB]: enrichmentJobHandler(store, home),
  };
}
