import { Hono } from "hono";
import { type CalibrationAttempt, computeCalibration } from "../../learning/calibration.js";
import { listenedCoverage } from "../../learning/listened-coverage.js";
import {
  getEpisode,
  getEpisodePass,
  listListenSpans,
  listMarks,
  type Store,
  timeSpentPerPass,
} from "../../store/index.js";
import type {
  MarkJson,
  MasteryStateJson,
  PassListeningJson,
  PassNumber,
  ProgressConceptJson,
  ProgressResponse,
} from "../contract/index.js";
import type { RouteDeps } from "../route-deps.js";

/** `GET /api/episodes/:id/progress`: everything the progress page shows, in one answer. */
export function progressRoutes(deps: RouteDeps): Hono {
  const app = new Hono();
  app.get("/:id/progress", (c) => {
    const id = c.req.param("id");
    const episode = getEpisode(deps.store, id);
    if (!episode) return c.json({ error: `no episode ${id}` }, 404);
    const concepts = progressConcepts(deps.store, id);
    const counts: Record<MasteryStateJson, number> = { new: 0, marked: 0, learning: 0, verified: 0 };
    for (const concept of concepts) counts[concept.state] += 1;
    const attempts = episodeAttempts(deps.store, id);
    const names = new Map(attempts.map((a) => [a.id, a.conceptName]));
    const calibration = computeCalibration(attempts);
    const spans = listListenSpans(deps.store, id);
    const time = timeSpentPerPass(deps.store, id);
    const passes = ([1, 2, 3] as const).map((pass: PassNumber): PassListeningJson => {
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
    const body: ProgressResponse = {
      episodeId: id,
      durationMs: episode.durationMs,
      pass: getEpisodePass(deps.store, id),
      analysed: isAnalysed(deps.store, id),
      mastery: { counts, concepts },
      calibration: {
        ...calibration,
        points: calibration.points.map((p) => ({
          ...p,
          conceptName: (p.attemptId !== null ? names.get(p.attemptId) : null) ?? null,
        })),
      },
      marks: listMarks(deps.store, id) as MarkJson[],
      passes,
    };
    return c.json(body);
  });
  return app;
}

/**
 * The episode's concepts (in the analysis' rank order) and then the ones only the learner named in
 * a mark, each with its mastery state. One query: #490 has hundreds of concepts, and the page needs
 * neither their mentions nor their definitions.
 */
function progressConcepts(store: Store, episodeId: string): ProgressConceptJson[] {
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
    .all({ episodeId }) as (Omit<ProgressConceptJson, "marked"> & { marked: number; rank: number | null })[];
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

function isAnalysed(store: Store, episodeId: string): boolean {
  return !!store.db.prepare("SELECT 1 FROM episode_analysis WHERE episode_id = ?").get(episodeId);
}
