import { Hono } from "hono";
import { z } from "zod";
import { buildQuoteIndex, checkQuoteNow, type QuoteIndex, type TranslationSource } from "../../attribution/index.js";
import { quoteTranslationSource } from "../../library/quote-checks.js";
import { stanceCellProblem, stanceColumns } from "../../library/stance-table.js";
import {
  addStanceTopic,
  deleteStanceTopic,
  getClashes,
  getEpisode,
  getSegments,
  getStanceTopic,
  isEpisodeAnalysed,
  listStances,
  reorderStanceTopics,
  type StanceCell,
  type StanceTopic,
  type Store,
  saveStanceCell,
  stanceTopicsByClash,
  updateStanceTopic,
} from "../../store/index.js";
import {
  type ClashesResponse,
  type QuoteCheckJson,
  STANCE_LIMITS,
  type StanceCellJson,
  type StanceCellResponse,
  type StancesResponse,
  type StanceTopicJson,
  type StanceTopicResponse,
} from "../contract/index.js";
import { readJsonBody } from "../read-json-body.js";
import type { RouteDeps } from "../route-deps.js";

const NewTopicBody = z.object({
  title: z.string().trim().min(1, "a title is needed").max(STANCE_LIMITS.title),
  clashIdx: z.number().int().min(0).nullish(),
});

const UpdateTopicBody = z
  .object({
    title: z.string().trim().min(1, "a title cannot be empty").max(STANCE_LIMITS.title).optional(),
    synthesis: z.string().max(STANCE_LIMITS.synthesis).optional(),
  })
  .refine((b) => b.title !== undefined || b.synthesis !== undefined, "nothing to change: send title or synthesis");

const CellBody = z.object({
  speaker: z.string().trim().min(1, "a speaker is needed"),
  position: z.string().max(STANCE_LIMITS.position),
  quote: z.string().max(STANCE_LIMITS.quote),
  startMs: z.number().int().min(0).nullable(),
  segmentId: z.number().int().nullish(),
});

const OrderBody = z.object({ topicIds: z.array(z.number().int()) });

/**
 * `/api/episodes/:id/clashes` (the pass-2 playlist) and `/api/episodes/:id/stances…` (the stance
 * table). Every quote in a cell comes back checked against the transcript, credited to the cell's
 * speaker, so the page can flag a misattribution where the learner typed it. The check is made on
 * every answer rather than stored: a speaker correction in the transcript changes it at once.
 */
export function stanceRoutes({ store, home }: RouteDeps): Hono {
  const app = new Hono();
  const index = quoteIndexCache(store);
  // Quotes typed in another language are matched through translations the model already gave
  // (cached); an uncached one is reported so the page can ask for it.
  const quotes = (episodeId: string): QuoteChecker => ({
    index: index(episodeId),
    translations: quoteTranslationSource(store, home),
  });

  app.get("/:id/clashes", (c) => {
    const id = c.req.param("id");
    if (!getEpisode(store, id)) return c.json({ error: `no episode ${id}` }, 404);
    const analysed = isEpisodeAnalysed(store, id);
    const rows = stanceTopicsByClash(store, id);
    const body: ClashesResponse = {
      analysed,
      clashes: getClashes(store, id).map((clash, idx) => ({
        idx,
        startMs: clash.startMs,
        endMs: clash.endMs,
        speakers: clash.speakers,
        topic: clash.topic,
        quote: clash.quote,
        segmentIds: clash.segmentIds,
        confidence: clash.confidence,
        topicId: rows.get(idx) ?? null,
      })),
    };
    return c.json(body);
  });

  app.get("/:id/stances", (c) => {
    const id = c.req.param("id");
    if (!getEpisode(store, id)) return c.json({ error: `no episode ${id}` }, 404);
    const topics = listStances(store, id);
    const index = quotes(id);
    const body: StancesResponse = {
      speakers: stanceColumns(store, id, topics),
      topics: topics.map((t) => topicJson(t, index)),
    };
    return c.json(body);
  });

  app.post("/:id/stances", async (c) => {
    const id = c.req.param("id");
    if (!getEpisode(store, id)) return c.json({ error: `no episode ${id}` }, 404);
    const parsed = await readJsonBody(c, NewTopicBody);
    if (!parsed.ok) return c.json({ error: `a new topic ${parsed.error}` }, 400);
    const { title, clashIdx } = parsed.value;
    if (clashIdx != null && clashIdx >= getClashes(store, id).length) {
      return c.json({ error: `clash ${clashIdx} is not one of this episode's clashes` }, 400);
    }
    const topic = addStanceTopic(store, id, { title, clashIdx: clashIdx ?? null });
    const body: StanceTopicResponse = { topic: topicJson(topic, quotes(id)) };
    return c.json(body, 201);
  });

  app.put("/:id/stances/order", async (c) => {
    const id = c.req.param("id");
    if (!getEpisode(store, id)) return c.json({ error: `no episode ${id}` }, 404);
    const parsed = await readJsonBody(c, OrderBody);
    if (!parsed.ok) return c.json({ error: `the order of the topics ${parsed.error}` }, 400);
    const result = reorderStanceTopics(store, id, parsed.value.topicIds);
    if (!result.ok) return c.json({ error: `the topics were not reordered: ${result.error}` }, 400);
    return c.json({ ok: true });
  });

  app.patch("/:id/stances/:topicId", async (c) => {
    const id = c.req.param("id");
    const topicId = Number(c.req.param("topicId"));
    const parsed = await readJsonBody(c, UpdateTopicBody);
    if (!parsed.ok) return c.json({ error: `a topic change ${parsed.error}` }, 400);
    if (!Number.isInteger(topicId) || !updateStanceTopic(store, id, topicId, parsed.value)) {
      return c.json({ error: noTopic(c.req.param("topicId")) }, 404);
    }
    const topic = getStanceTopic(store, id, topicId) as StanceTopic;
    const body: StanceTopicResponse = { topic: topicJson(topic, quotes(id)) };
    return c.json(body);
  });

  app.delete("/:id/stances/:topicId", (c) => {
    const topicId = Number(c.req.param("topicId"));
    if (!Number.isInteger(topicId) || !deleteStanceTopic(store, c.req.param("id"), topicId)) {
      return c.json({ error: noTopic(c.req.param("topicId")) }, 404);
    }
    return c.json({ ok: true });
  });

  app.put("/:id/stances/:topicId/cell", async (c) => {
    const id = c.req.param("id");
    const topicId = Number(c.req.param("topicId"));
    const parsed = await readJsonBody(c, CellBody);
    if (!parsed.ok) return c.json({ error: `a stance cell ${parsed.error}` }, 400);
    const topic = Number.isInteger(topicId) ? getStanceTopic(store, id, topicId) : null;
    if (!topic) return c.json({ error: noTopic(c.req.param("topicId")) }, 404);
    const cell = parsed.value;
    const segmentId = cell.segmentId ?? null;
    const problem = stanceCellProblem(store, id, topic, { speaker: cell.speaker, segmentId });
    if (problem) return c.json({ error: problem }, 400);
    saveStanceCell(store, id, topicId, {
      speaker: cell.speaker,
      position: cell.position,
      quote: cell.quote,
      startMs: cell.startMs,
      segmentId,
    });
    const saved = getStanceTopic(store, id, topicId)?.cells.find((x) => x.speaker === cell.speaker) as StanceCell;
    const body: StanceCellResponse = { cell: cellJson(saved, quotes(id)) };
    return c.json(body);
  });

  return app;
}

function noTopic(raw: string): string {
  return `no topic ${raw} in this episode's stance table (it may have been deleted in another tab)`;
}

function topicJson(topic: StanceTopic, index: QuoteChecker): StanceTopicJson {
  return {
    id: topic.id,
    idx: topic.idx,
    title: topic.title,
    clashIdx: topic.clashIdx,
    synthesis: topic.synthesis,
    updatedAt: topic.updatedAt,
    cells: topic.cells.map((cell) => cellJson(cell, index)),
  };
}

interface QuoteChecker {
  index: () => QuoteIndex;
  translations: TranslationSource;
}

function cellJson(cell: StanceCell, checker: QuoteChecker): StanceCellJson {
  return {
    ...cell,
    check: cell.quote.trim() ? checkQuote(checker.index(), cell.quote, cell.speaker, checker.translations) : null,
  };
}

function checkQuote(
  index: QuoteIndex,
  quote: string,
  speaker: string,
  translations: TranslationSource,
): QuoteCheckJson {
  const a = checkQuoteNow(index, quote, speaker, translations);
  return {
    quote,
    found: a.found,
    speaker: a.speaker,
    startMs: a.startMs,
    segmentId: a.segmentId,
    similarity: a.similarity,
    verdict: a.verdict,
    correctSpeaker: a.correctSpeaker,
    via: a.via,
    translation: a.translation,
    unchecked: a.unchecked,
    problem: a.problem,
  };
}

/**
 * The quote index of an episode, rebuilt only when its paragraphs or their speakers changed (a
 * speaker correction): building it for a 4-hour episode takes about a tenth of a second, and the
 * page saves a cell at every pause in typing.
 */
function quoteIndexCache(store: Store): (episodeId: string) => () => QuoteIndex {
  let cached: { episodeId: string; key: string; index: QuoteIndex } | null = null;
  const read = (episodeId: string): QuoteIndex => {
    const segments = getSegments(store, episodeId);
    const key = segments.map((s) => `${s.id}:${s.speaker ?? ""}:${s.text.length}`).join("|");
    if (cached?.episodeId !== episodeId || cached.key !== key) {
      cached = { episodeId, key, index: buildQuoteIndex(segments) };
    }
    return cached.index;
  };
  // Lazy and read once per answer: a table without quotes never builds an index.
  return (episodeId) => {
    let index: QuoteIndex | null = null;
    return () => {
      index ??= read(episodeId);
      return index;
    };
  };
}
