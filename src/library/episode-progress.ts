import type { MasteryState } from "../core/index.js";
import { type Calibration, type CalibrationAttempt, computeCalibration } from "../learning/calibration.js";
import { listenedCoverage } from "../learning/listened-coverage.js";
import {
  getEpisode,
  getEpisodePass,
  isEpisodeAnalysed,
  listListenSpans,
  listMarks,
  type Mark,
  type PassNumber,
  type Store,
  timeSpentPerPass,
} from "../store/index.js";

/** A concept of the episode with where the learner stands on it. */
export interface ProgressConcept {
  id: number;
  name: string;
  kind: string;
  state: MasteryState;
  marked: boolean;
}

/** What the learner listened to in one pass, and the time they spent in it. */
export interface PassListening {
  pass: PassNumber;
  timeMs: number;
  listenedMs: number;
  /** 0..1 of the episode. */
  coverage: number;
  stretches: { startMs: number; endMs: number }[];
}

/** Everything the progress page and `deeplisten progress` show about one episode. */
export interface EpisodeProgress {
  episodeId: string;
  title: string;
  durationMs: number;
  /** The pass the learner is on. */
  pass: PassNumber;
  analysed: boolean;
  mastery: { counts: Record<MasteryState, number>; concepts: ProgressConcept[] };
  calibration: Omit<Calibration, "points"> & {
    points: (Calibration["points"][number] & { conceptName: string | null })[];
  };
  marks: (Mark & { conceptName: string | null })[];
  /** Always three: passes 1, 2 and 3. */
  passes: PassListening[];
}

/** The progress of the learner on an episode; null when there is no such episode. */
export function episodeProgress(store: Store, episodeId: string): EpisodeProgress | null {
  const episode = getEpisode(store, episodeId);
  if (!episode) return null;
  const concepts = progressConcepts(store, episodeId);
  const counts: Record<MasteryState, number> = { new: 0, marked: 0, learning: 0, verified: 0 };
  for (const concept of concepts) counts[concept.state] += 1;
  const attempts = episodeAttempts(store, episodeId);
  const names = new Map(attempts.map((a) => [a.id, a.conceptName]));
  const calibration = computeCalibration(attempts);
  const spans = listListenSpans(store, episodeId);
  const time = timeSpentPerPass(store, episodeId);
  const passes = ([1, 2, 3] as const).map((pass): PassListening => {
    const coverage = listenedCoverage(
      spans.filter((s) => s.pass === pass),
      episode.durationMs,
    );
    return {
      pass,
      timeMs: time[pass],
      listenedMs: coverage.listenedMs,
      coverage: coverage.fraction,
      stretches: coverage.merged,
    };
  });
  return {
    episodeId,
    title: episode.title,
    durationMs: episode.durationMs,
    pass: getEpisodePass(store, episodeId),
    analysed: isEpisodeAnalysed(store, episodeId),
    mastery: { counts, concepts },
    calibration: {
      ...calibration,
      points: calibration.points.map((p) => ({
        ...p,
        conceptName: (p.attemptId !== null ? names.get(p.attemptId) : null) ?? null,
      })),
    },
    marks: listMarks(store, episodeId),
    passes,
  };
}

/**
 * The episode's concepts (in the analysis' rank order) and then the ones only the learner named in
 * a mark, each with its mastery state. One query: #490 has hundreds of concepts, and the page needs
 * neither their mentions nor their definitions.
 */
function progressConcepts(store: Store, episodeId: string): ProgressConcept[] {
  const rows = store.db
    .prepare(
      `SELECT c.id, COALESCE(ec.name, c.name) AS name, c.kind, COALESCE(m.state, 'new') AS state,
         EXISTS (SELECT 1 FROM mark k WHERE k.episode_id = @episodeId AND k.concept_id = c.id) AS marked,
         ec.rank AS rank
       FROM concept c
       LEFT JOIN episode_concept ec ON ec.concept_id = c.id AND ec.episode_id = @episodeId
       LEFT JOIN mastery m ON m.concept_id = c.id
       WHERE ec.episode_id IS NOT NULL
          OR c.id IN (SELECT concept_id FROM mark WHERE episode_id = @episodeId AND concept_id IS NOT NULL)
       ORDER BY ec.rank IS NULL, ec.rank, c.name`,
    )
    .all({ episodeId }) as (Omit<ProgressConcept, "marked"> & { marked: number; rank: number | null })[];
  return rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind, state: r.state, marked: r.marked === 1 }));
}

/** The explanation attempts given for this episode, oldest first, with their concept's name. */
function episodeAttempts(store: Store, episodeId: string): (CalibrationAttempt & { conceptName: string })[] {
  return store.db
    .prepare(
      `SELECT a.id, a.concept_id AS conceptId, c.name AS conceptName, a.confidence, a.verdict,
         a.created_at AS createdAt, a.context
       FROM explanation_attempt a JOIN concept c ON c.id = a.concept_id
       WHERE a.episode_id = ? ORDER BY a.created_at, a.id`,
    )
    .all(episodeId) as (CalibrationAttempt & { conceptName: string })[];
}
