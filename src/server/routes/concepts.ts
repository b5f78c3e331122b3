import { Hono } from "hono";
import { z } from "zod";
import { conceptById, conceptLesson, describeAttempt, isConceptOfEpisode } from "../../library/concept-lesson.js";
import { episodeConceptTable } from "../../library/concept-table.js";
import { explainBackWithModel, transcriptDefinitions } from "../../library/explain-back.js";
import { libraryPacks } from "../../library/index.js";
import { readModelChoice } from "../../llm/index.js";
import { getEpisode, isEpisodeAnalysed } from "../../store/index.js";
import type { TutorLanguage } from "../../tutor/lesson.js";
import {
  CONFIDENCE_MAX,
  CONFIDENCE_MIN,
  type ConceptPageResponse,
  type ConceptsResponse,
  EXPLANATION_MAX_CHARS,
  type ExplainResponse,
} from "../contract/index.js";
import { readJsonBody } from "../read-json-body.js";
import type { RouteDeps } from "../route-deps.js";

const ExplainBody = z.object({
  confidence: z.number().int().min(CONFIDENCE_MIN).max(CONFIDENCE_MAX),
  text: z
    .string()
    .trim()
    .min(1, "write your explanation first")
    .max(EXPLANATION_MAX_CHARS, `keep it under ${EXPLANATION_MAX_CHARS} characters`),
  language: z.enum(["en", "zh"]),
});

/** `?lang=zh`, `zh-CN` → zh; anything else English. */
function languageOf(value: string | undefined): TutorLanguage {
  return value?.toLowerCase().startsWith("zh") ? "zh" : "en";
}

/**
 * `/api/episodes/:id/concepts`: the concepts table; `/:conceptId` one concept's page (lesson,
 * mastery, attempts); `/:conceptId/explain` the explain-back gate, which grades and keeps the attempt.
 */
export function conceptRoutes({ store, home }: RouteDeps): Hono {
  const app = new Hono();

  app.get("/:id/concepts", (c) => {
    const id = c.req.param("id");
    if (!getEpisode(store, id)) return c.json({ error: `no episode ${id}` }, 404);
    const body: ConceptsResponse = {
      analysed: isEpisodeAnalysed(store, id),
      concepts: episodeConceptTable(store, libraryPacks(home), id),
    };
    return c.json(body);
  });

  app.get("/:id/concepts/:conceptId", (c) => {
    const id = c.req.param("id");
    if (!getEpisode(store, id)) return c.json({ error: `no episode ${id}` }, 404);
    const conceptId = Number(c.req.param("conceptId"));
    const lesson = Number.isInteger(conceptId)
      ? conceptLesson(store, libraryPacks(home), {
          episodeId: id,
          conceptId,
          language: languageOf(c.req.query("lang")),
        })
      : null;
    if (!lesson) return c.json({ error: `this episode has no concept ${c.req.param("conceptId")}` }, 404);
    const body: ConceptPageResponse = { ...lesson, concept: { ...lesson.concept, kind: asKind(lesson.concept.kind) } };
    return c.json(body);
  });

  app.post("/:id/concepts/:conceptId/explain", async (c) => {
    const id = c.req.param("id");
    if (!getEpisode(store, id)) return c.json({ error: `no episode ${id}` }, 404);
    const conceptId = Number(c.req.param("conceptId"));
    const concept = Number.isInteger(conceptId) ? conceptById(store, conceptId) : null;
    if (!concept || !isConceptOfEpisode(store, id, concept.id))
      return c.json({ error: `this episode has no concept ${c.req.param("conceptId")}` }, 404);
    const parsed = await readJsonBody(c, ExplainBody);
    if (!parsed.ok) return c.json({ error: `an explanation ${parsed.error}` }, 400);
    const { confidence, text, language } = parsed.value;
    const definitions = transcriptDefinitions(store, concept, id);
    // The learner's model grades when one is configured; offline otherwise (and as its fallback).
    const choice = readModelChoice(process.env, home);
    const result = await explainBackWithModel(
      store,
      { concept, episodeId: id, confidence, text, language, packs: libraryPacks(home), definitions },
      { config: choice.config, ...(choice.problem ? { configProblem: choice.problem } : {}) },
    );
    const body: ExplainResponse = {
      verdict: result.verdict.verdict,
      state: result.attempt.state,
      attempt: describeAttempt(result.attempt, { entry: result.entry, conceptName: concept.name, definitions }),
    };
    return c.json(body, 201);
  });

  return app;
}

function asKind(kind: string): ConceptPageResponse["concept"]["kind"] {
  return kind === "model" || kind === "organisation" || kind === "person" ? kind : "term";
}
