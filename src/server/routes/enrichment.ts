import { Hono } from "hono";
import { z } from "zod";
import { draftToEditorMap } from "../../analysis/mindmap-to-editor.js";
import {
  ENRICH_JOB,
  type EnrichmentPlan,
  getConceptEnrichment,
  getEpisodeEnrichment,
  NO_MODEL_FOR_ENRICHMENT,
  planEnrichment,
  queueEnrichment,
} from "../../library/enrichment/index.js";
import { conceptPackEntry } from "../../library/explain-back.js";
import { libraryPacks } from "../../library/packs.js";
import { readModelChoice } from "../../llm/index.js";
import { getEpisode, getEpisodeConcept, listJobs, type Store } from "../../store/index.js";
import type {
  ConceptEnrichmentResponse,
  EnrichmentEstimateJson,
  EnrichmentModeJson,
  EnrichmentStartResponse,
  EpisodeEnrichmentResponse,
  JobJson,
  MapTreeJson,
  ModelMapResponse,
} from "../contract/index.js";
import { readJsonBody } from "../read-json-body.js";
import type { RouteDeps } from "../route-deps.js";

const StartBody = z.object({
  conceptIds: z.array(z.number().int().positive()).max(200).optional(),
  limit: z.number().int().min(1).max(500).optional(),
});

/**
 * `/api/episodes/:id/enrichment`: the estimate (GET …/estimate), starting it as a background job
 * (POST, only with a model), the episode's results (GET), the model's map in the editor's form
 * (GET …/map), and a concept's model-written material
 * (GET /api/episodes/:id/concepts/:conceptId/enrichment). The model is read on every request.
 */
export function enrichmentRoutes(deps: RouteDeps): Hono {
  const app = new Hono();
  const { store } = deps;

  app.get("/:id/enrichment/estimate", (c) => {
    const episodeId = c.req.param("id");
    if (!getEpisode(store, episodeId)) return c.json({ error: `no episode ${episodeId} in this library` }, 404);
    const conceptId = Number(c.req.query("conceptId"));
    const limit = Number(c.req.query("limit"));
    const choice = readModelChoice(process.env, deps.home);
    const plan = planEnrichment(
      store,
      deps.home,
      episodeId,
      {
        ...(Number.isInteger(conceptId) && conceptId > 0 ? { conceptIds: [conceptId] } : {}),
        ...(Number.isInteger(limit) && limit > 0 ? { limit } : {}),
      },
      choice.config,
    );
    return c.json(estimateJson(plan, modeOf(deps.home)));
  });

  app.post("/:id/enrichment", async (c) => {
    const episodeId = c.req.param("id");
    if (!getEpisode(store, episodeId)) return c.json({ error: `no episode ${episodeId} in this library` }, 404);
    const parsed = await readJsonBody(c, StartBody);
    if (!parsed.ok) return c.json({ error: `the enrichment request ${parsed.error}` }, 400);
    const mode = modeOf(deps.home);
    if (!mode.online) return c.json({ error: mode.problem ?? NO_MODEL_FOR_ENRICHMENT }, 409);
    for (const id of parsed.value.conceptIds ?? []) {
      if (!getEpisodeConcept(store, episodeId, id)) {
        return c.json({ error: `concept ${id} is not a concept of this episode` }, 404);
      }
    }
    const job = queueEnrichment(store, episodeId, parsed.value);
    deps.kickJobs();
    const body: EnrichmentStartResponse = { job: job as JobJson };
    return c.json(body, 202);
  });

  app.get("/:id/enrichment", (c) => {
    const episodeId = c.req.param("id");
    if (!getEpisode(store, episodeId)) return c.json({ error: `no episode ${episodeId} in this library` }, 404);
    const record = getEpisodeEnrichment(store, episodeId);
    const body: EpisodeEnrichmentResponse = {
      mode: modeOf(deps.home),
      job: latestJob(store, episodeId),
      record: record
        ? {
            provider: record.provider,
            model: record.model,
            updatedAt: record.updatedAt,
            chapters: record.chapters,
            stances: record.stances.map((t) => ({
              topic: t.topic,
              claims: t.claims.map(({ speaker, claim, quote, segmentId, startMs }) => ({
                speaker,
                claim,
                quote,
                segmentId,
                startMs,
              })),
            })),
            concepts: record.concepts,
            problems: record.problems,
            tokens: record.tokens,
            costUsd: record.costUsd,
            hasMindMap: record.mindmap !== null,
          }
        : null,
    };
    return c.json(body);
  });

  app.get("/:id/enrichment/map", (c) => {
    const episodeId = c.req.param("id");
    if (!getEpisode(store, episodeId)) return c.json({ error: `no episode ${episodeId} in this library` }, 404);
    const record = getEpisodeEnrichment(store, episodeId);
    if (!record?.mindmap) {
      return c.json({ error: "the model has not drawn a map of this episode yet: enrich the episode first" }, 404);
    }
    const body: ModelMapResponse = {
      provider: record.provider,
      model: record.model,
      updatedAt: record.updatedAt,
      tree: draftToEditorMap(record.mindmap) as MapTreeJson,
    };
    return c.json(body);
  });

  app.get("/:id/concepts/:conceptId/enrichment", (c) => {
    const episodeId = c.req.param("id");
    const conceptId = Number(c.req.param("conceptId"));
    if (!getEpisode(store, episodeId)) return c.json({ error: `no episode ${episodeId} in this library` }, 404);
    const concept = Number.isInteger(conceptId)
      ? (store.db.prepare("SELECT id, name, pack_entry_id AS packEntryId FROM concept WHERE id = ?").get(conceptId) as
          | { id: number; name: string; packEntryId: string | null }
          | undefined)
      : undefined;
    if (!concept) return c.json({ error: `no concept ${c.req.param("conceptId")} in this library` }, 404);
    const language = (c.req.query("lang") ?? "en").toLowerCase().startsWith("zh") ? "zh" : "en";
    const stored = getConceptEnrichment(store, concept.id, language);
    const skipped = getEpisodeEnrichment(store, episodeId)?.concepts.find(
      (o) => o.conceptId === concept.id && o.status === "skipped",
    );
    const body: ConceptEnrichmentResponse = {
      conceptId: concept.id,
      hasPack: conceptPackEntry(libraryPacks(deps.home), concept) !== null,
      material: stored
        ? {
            language,
            explanation: stored.content.explanation,
            examples: stored.content.examples,
            checkQuestions: stored.content.checkQuestions,
            keyPoints: stored.content.rubric.keyPoints,
            misconceptions: stored.content.rubric.misconceptions,
            prerequisites: stored.content.prerequisites,
            moments: stored.content.moments,
            episodeId: stored.content.episodeId,
            provider: stored.provider,
            model: stored.model,
            createdAt: stored.createdAt,
          }
        : null,
      skipped: skipped?.reason ?? null,
      mode: modeOf(deps.home),
      job: latestJob(store, episodeId),
    };
    return c.json(body);
  });
  return app;
}

/** The episode's enrichment job while it is queued or running, else its latest (to show a failure). */
function latestJob(store: Store, episodeId: string): JobJson | null {
  const job = listJobs(store, { episodeId, limit: 20 }).find((j) => j.kind === ENRICH_JOB);
  return (job as JobJson | undefined) ?? null;
}

function modeOf(home: string): EnrichmentModeJson {
  const choice = readModelChoice(process.env, home);
  if (!choice.config) {
    return {
      online: false,
      provider: null,
      label: null,
      model: null,
      problem: choice.problem ?? NO_MODEL_FOR_ENRICHMENT,
    };
  }
  return {
    online: true,
    provider: choice.config.provider.id,
    label: choice.config.provider.label,
    model: choice.config.model,
    problem: null,
  };
}

function estimateJson(plan: EnrichmentPlan, mode: EnrichmentModeJson): EnrichmentEstimateJson {
  const e = plan.estimate;
  return {
    scope: plan.scope,
    mode,
    concepts: plan.concepts.map((c) => ({ conceptId: c.id, name: c.name })),
    notWritten: plan.notWritten,
    parts: plan.chunks.length,
    calls: e.calls,
    cachedCalls: e.cachedCalls,
    inputTokens: e.inputTokens,
    outputTokens: e.outputTokens,
    transcriptTokens: e.transcriptTokens,
    costUsd: mode.online ? e.costUsd : null,
    priceKind: mode.online ? e.price.kind : "unknown",
    priceAsOf: e.price.kind === "priced" ? e.price.price.asOf : null,
  };
}
