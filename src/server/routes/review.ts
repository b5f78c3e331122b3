import { Hono } from "hono";
import { z } from "zod";
import { libraryPacks } from "../../library/index.js";
import {
  answerCard,
  type CardView,
  dueCards,
  pass3Run,
  ReviewAnswerError,
  type ReviewLanguage,
} from "../../library/review-session.js";
import { getEpisode, getEpisodePass, type Store, setEpisodePass } from "../../store/index.js";
import { getReviewCard, reviewCounts } from "../../store/review-cards.js";
import type { Pass3Response, ReviewAnswerResponse, ReviewCardJson, ReviewDueResponse } from "../contract/index.js";
import { readJsonBody } from "../read-json-body.js";
import type { RouteDeps } from "../route-deps.js";

const AnswerBody = z.object({
  answer: z.string().max(20_000),
  confidence: z.number().int().min(1, "give a confidence from 1 to 5").max(5, "give a confidence from 1 to 5"),
  selfRating: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).nullish(),
  lang: z.enum(["en", "zh"]).optional(),
  context: z.enum(["review", "pass3"]).optional(),
});

/** `?lang=zh`, `zh-CN` or `en`; English otherwise. */
export function reviewLanguage(value: string | undefined): ReviewLanguage {
  return value?.toLowerCase().startsWith("zh") ? "zh" : "en";
}

/** A card for the page, with the title of its episode. */
export function cardJson(store: Store, card: CardView): ReviewCardJson {
  const title = card.episodeId ? (getEpisode(store, card.episodeId)?.title ?? null) : null;
  return { ...card, episodeTitle: title };
}

/**
 * `/api/review`: the cards due now (across the library or one episode), answering a card (graded,
 * rescheduled with FSRS, kept) and the pass-3 run of an episode.
 */
export function reviewRoutes({ store, home }: RouteDeps): Hono {
  const app = new Hono();
  const packs = () => libraryPacks(home);

  app.get("/", (c) => {
    const episodeId = c.req.query("episode") || null;
    if (episodeId && !getEpisode(store, episodeId)) return c.json({ error: `no episode ${episodeId}` }, 404);
    const language = reviewLanguage(c.req.query("lang"));
    const cards = dueCards(store, packs(), { episodeId, language, limit: 200 });
    const body: ReviewDueResponse = {
      cards: cards.map((card) => cardJson(store, card)),
      counts: reviewCounts(store, { now: store.now(), episodeId }),
    };
    return c.json(body);
  });

  app.get("/pass3", (c) => {
    const episodeId = c.req.query("episode") ?? "";
    const episode = getEpisode(store, episodeId);
    if (!episode)
      return c.json(
        { error: episodeId ? `no episode ${episodeId}` : "pass 3 needs ?episode=<id>" },
        episodeId ? 404 : 400,
      );
    const steps = pass3Run(store, packs(), episodeId, reviewLanguage(c.req.query("lang")));
    const body: Pass3Response = {
      episodeId,
      title: episode.title,
      steps: steps.map((s) => ({ ...s, card: cardJson(store, s.card) })),
    };
    return c.json(body);
  });

  app.post("/cards/:cardId/answer", async (c) => {
    const cardId = Number(c.req.param("cardId"));
    const card = Number.isInteger(cardId) ? getReviewCard(store, cardId) : null;
    if (!card) return c.json({ error: `no review card ${c.req.param("cardId")}` }, 404);
    const parsed = await readJsonBody(c, AnswerBody);
    if (!parsed.ok) return c.json({ error: `the answer ${parsed.error}` }, 400);
    const b = parsed.value;
    try {
      const outcome = answerCard(store, packs(), {
        cardId,
        answer: b.answer,
        confidence: b.confidence,
        selfRating: b.selfRating ?? null,
        language: b.lang ?? "en",
        context: b.context ?? "review",
      });
      // Answering in the pass-3 run is being in pass 3.
      if (b.context === "pass3" && card.episodeId && getEpisodePass(store, card.episodeId) < 3)
        setEpisodePass(store, card.episodeId, 3);
      const { attemptId: _, ...json } = outcome;
      const body: ReviewAnswerResponse = { outcome: json };
      return c.json(body);
    } catch (error) {
      if (error instanceof ReviewAnswerError) return c.json({ error: error.message, reason: error.reason }, 400);
      throw error;
    }
  });

  return app;
}
