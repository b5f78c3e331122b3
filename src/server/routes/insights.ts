import { Hono } from "hono";
import { z } from "zod";
import { episodeToPost } from "../../export/index.js";
import { libraryPacks, loadEpisodeExportData } from "../../library/index.js";
import { loadPostExtras } from "../../library/post-data.js";
import { quoteTranslationSource } from "../../library/quote-checks.js";
import { getEpisode, type Store } from "../../store/index.js";
import {
  addInsight,
  deleteInsight,
  getInsight,
  type Insight,
  listInsights,
  updateInsight,
} from "../../store/insights.js";
import { INSIGHT_LIMITS, type InsightJson, type InsightResponse, type InsightsResponse } from "../contract/index.js";
import { readJsonBody } from "../read-json-body.js";
import type { RouteDeps } from "../route-deps.js";
import { reviewLanguage } from "./review.js";

const Moment = z.object({ startMs: z.number().int().min(0), segmentId: z.number().int().nullish() });
const NewInsightBody = z.object({
  text: z.string().trim().min(1, "say what changed in your thinking").max(INSIGHT_LIMITS.text),
  conceptIds: z.array(z.number().int()).max(INSIGHT_LIMITS.concepts).default([]),
  moments: z.array(Moment).max(INSIGHT_LIMITS.moments).default([]),
});
const ChangeInsightBody = z
  .object({
    text: z.string().trim().min(1, "an insight cannot be empty").max(INSIGHT_LIMITS.text).optional(),
    conceptIds: z.array(z.number().int()).max(INSIGHT_LIMITS.concepts).optional(),
    moments: z.array(Moment).max(INSIGHT_LIMITS.moments).optional(),
  })
  .refine((b) => b.text !== undefined || b.conceptIds !== undefined || b.moments !== undefined, "nothing to change");

/**
 * `/api/episodes/:id/insights…` ("what changed in my thinking", linked to concepts and moments) and
 * `/api/episodes/:id/post.md` (the write-up as Markdown, for the preview and the download).
 */
export function insightRoutes({ store, home }: RouteDeps): Hono {
  const app = new Hono();

  app.get("/:id/insights", (c) => {
    const id = c.req.param("id");
    if (!getEpisode(store, id)) return c.json({ error: `no episode ${id}` }, 404);
    const body: InsightsResponse = { insights: listInsights(store, id).map((i) => insightJson(store, i)) };
    return c.json(body);
  });

  app.post("/:id/insights", async (c) => {
    const id = c.req.param("id");
    if (!getEpisode(store, id)) return c.json({ error: `no episode ${id}` }, 404);
    const parsed = await readJsonBody(c, NewInsightBody);
    if (!parsed.ok) return c.json({ error: `the insight ${parsed.error}` }, 400);
    const unknown = unknownConcept(store, parsed.value.conceptIds);
    if (unknown !== null) return c.json({ error: `concept ${unknown} is not in the library` }, 400);
    const insight = addInsight(store, id, {
      text: parsed.value.text,
      conceptIds: [...new Set(parsed.value.conceptIds)],
      moments: parsed.value.moments.map((m) => ({ startMs: m.startMs, segmentId: m.segmentId ?? null })),
    });
    const body: InsightResponse = { insight: insightJson(store, insight) };
    return c.json(body, 201);
  });

  app.patch("/:id/insights/:insightId", async (c) => {
    const id = c.req.param("id");
    const insightId = Number(c.req.param("insightId"));
    if (!getEpisode(store, id)) return c.json({ error: `no episode ${id}` }, 404);
    if (!getInsight(store, id, insightId))
      return c.json({ error: `no insight ${c.req.param("insightId")} in ${id}` }, 404);
    const parsed = await readJsonBody(c, ChangeInsightBody);
    if (!parsed.ok) return c.json({ error: `the change ${parsed.error}` }, 400);
    const unknown = unknownConcept(store, parsed.value.conceptIds ?? []);
    if (unknown !== null) return c.json({ error: `concept ${unknown} is not in the library` }, 400);
    const { text, conceptIds, moments } = parsed.value;
    const insight = updateInsight(store, id, insightId, {
      ...(text !== undefined ? { text } : {}),
      ...(conceptIds !== undefined ? { conceptIds: [...new Set(conceptIds)] } : {}),
      ...(moments !== undefined
        ? { moments: moments.map((m) => ({ startMs: m.startMs, segmentId: m.segmentId ?? null })) }
        : {}),
    }) as Insight;
    const body: InsightResponse = { insight: insightJson(store, insight) };
    return c.json(body);
  });

  app.delete("/:id/insights/:insightId", (c) => {
    const id = c.req.param("id");
    if (!deleteInsight(store, id, Number(c.req.param("insightId"))))
      return c.json({ error: `no insight ${c.req.param("insightId")} in ${id}` }, 404);
    return c.body(null, 204);
  });

  app.get("/:id/post.md", (c) => {
    const id = c.req.param("id");
    if (!getEpisode(store, id)) return c.json({ error: `no episode ${id}` }, 404);
    const packs = libraryPacks(home);
    const data = loadEpisodeExportData(store, id, { packs, language: reviewLanguage(c.req.query("lang")) });
    if (!data) return c.json({ error: `no episode ${id}` }, 404);
    const markdown = episodeToPost(data, loadPostExtras(store, id, data, packs, quoteTranslationSource(store, home)));
    return c.body(markdown, 200, { "content-type": "text/markdown; charset=utf-8" });
  });

  return app;
}

function insightJson(store: Store, insight: Insight): InsightJson {
  const name = store.db.prepare("SELECT name FROM concept WHERE id = ?");
  return {
    ...insight,
    concepts: insight.conceptIds.map((id) => ({
      id,
      name: (name.get(id) as { name: string } | undefined)?.name ?? `#${id}`,
    })),
  };
}

function unknownConcept(store: Store, ids: readonly number[]): number | null {
  const exists = store.db.prepare("SELECT 1 FROM concept WHERE id = ?");
  return ids.find((id) => !exists.get(id)) ?? null;
}
