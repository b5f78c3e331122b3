import { Hono } from "hono";
import { z } from "zod";
import { buildQuoteIndex, type QuoteIndex } from "../../attribution/index.js";
import { checkEpisodeClaim } from "../../library/claim-checks.js";
import {
  type AcceptOutcome,
  acceptLearnerQuote,
  checkEpisodeQuote,
  type LearnerQuote,
  listLearnerQuotesChecked,
  quoteTranslationSource,
} from "../../library/quote-checks.js";
import { getEpisode, getSegments, type Store } from "../../store/index.js";
import { listQuoteAcceptances, type QuoteAcceptance, unacceptQuote } from "../../store/quote-acceptance.js";
import type {
  CheckedQuoteJson,
  CheckQuoteResponse,
  ClaimCheckErrorJson,
  ClaimCheckResponse,
  LearnerQuoteJson,
  QuoteAcceptanceJson,
  QuotesResponse,
} from "../contract/quotes.js";
import { STANCE_LIMITS } from "../contract/stances.js";
import { readJsonBody } from "../read-json-body.js";
import type { RouteDeps } from "../route-deps.js";

const AcceptBody = z.object({
  quote: z.string().trim().min(1, "needs the quote").max(STANCE_LIMITS.quote),
  speaker: z.string().trim().min(1).nullish(),
});

const ClaimBody = z.object({
  claim: z.string().trim().min(1, "needs the claim, in your words").max(STANCE_LIMITS.position),
  speaker: z.string().trim().min(1).nullish(),
});

/**
 * `/api/episodes/:id/quotes` (every quote of the learner's work with its check against the
 * transcript) and `…/quotes/accept` / `…/quotes/unaccept` (the learner stands by a quote the
 * transcript does not back as credited, or takes that back). Checked on every answer, never stored.
 * A quote in another language than the transcript's is checked through the library's model's
 * translation (cached). `…/quotes/check` checks one quote as typed; `…/claims/check` checks a claim
 * in the learner's words with the model.
 */
export function quoteRoutes({ store, home }: RouteDeps): Hono {
  const app = new Hono();
  const index = quoteIndexCache(store);
  const answer = async (id: string): Promise<QuotesResponse> => {
    const quotes = await listLearnerQuotesChecked(store, id, quoteTranslationSource(store, home), index(id));
    return {
      quotes: quotes.map(quoteJson),
      flagged: quotes.filter((q) => q.status === "flagged").length,
      acceptances: listQuoteAcceptances(store, id).map(acceptanceJson),
    };
  };

  app.get("/:id/quotes", async (c) => {
    const id = c.req.param("id");
    if (!getEpisode(store, id)) return c.json({ error: `no episode ${id}` }, 404);
    return c.json(await answer(id));
  });

  app.post("/:id/quotes/check", async (c) => {
    const id = c.req.param("id");
    if (!getEpisode(store, id)) return c.json({ error: `no episode ${id}` }, 404);
    const parsed = await readJsonBody(c, AcceptBody);
    if (!parsed.ok) return c.json({ error: `checking a quote ${parsed.error}` }, 400);
    const { quote, speaker } = parsed.value;
    const check = await checkEpisodeQuote(
      store,
      id,
      quote,
      speaker ?? null,
      quoteTranslationSource(store, home),
      index(id),
    );
    const body: CheckQuoteResponse = { check: { quote, ...check } };
    return c.json(body);
  });

  app.post("/:id/claims/check", async (c) => {
    const id = c.req.param("id");
    if (!getEpisode(store, id)) return c.json({ error: `no episode ${id}` }, 404);
    const parsed = await readJsonBody(c, ClaimBody);
    if (!parsed.ok) return c.json({ error: `checking a claim ${parsed.error}` }, 400);
    const outcome = await checkEpisodeClaim(store, home, {
      episodeId: id,
      claim: parsed.value.claim,
      speaker: parsed.value.speaker ?? null,
      index: index(id),
    });
    if (!outcome.ok) {
      const body: ClaimCheckErrorJson = { error: outcome.message, reason: outcome.reason };
      return c.json(body, outcome.reason === "needs-model" ? 409 : 502);
    }
    const { check } = outcome;
    const body: ClaimCheckResponse = {
      verdict: check.verdict,
      passage: check.passage,
      explanation: check.explanation,
      speaker: check.speaker,
      translation: check.translation,
      model: check.model,
      cached: check.cached ?? false,
      inputTokens: check.inputTokens,
      outputTokens: check.outputTokens,
    };
    return c.json(body);
  });

  app.post("/:id/quotes/accept", async (c) => {
    const id = c.req.param("id");
    if (!getEpisode(store, id)) return c.json({ error: `no episode ${id}` }, 404);
    const parsed = await readJsonBody(c, AcceptBody);
    if (!parsed.ok) return c.json({ error: `accepting a quote ${parsed.error}` }, 400);
    const { quote, speaker } = parsed.value;
    const outcome = acceptLearnerQuote(store, id, quote, speaker ?? null, {
      exact: true,
      translations: quoteTranslationSource(store, home),
    });
    if (!outcome.ok) return c.json({ error: refusal(outcome) }, outcome.reason === "verified" ? 409 : 404);
    return c.json(await answer(id));
  });

  app.post("/:id/quotes/unaccept", async (c) => {
    const id = c.req.param("id");
    if (!getEpisode(store, id)) return c.json({ error: `no episode ${id}` }, 404);
    const parsed = await readJsonBody(c, AcceptBody);
    if (!parsed.ok) return c.json({ error: `taking back an acceptance ${parsed.error}` }, 400);
    // Also works for an acceptance whose quote has changed since: nothing of the learner's text is touched.
    unacceptQuote(store, id, parsed.value.quote, parsed.value.speaker ?? null);
    return c.json(await answer(id));
  });

  return app;
}

function refusal(outcome: Extract<AcceptOutcome, { ok: false }>): string {
  if (outcome.reason === "verified") return "the transcript already backs this quote as credited: nothing to accept";
  if (outcome.reason === "ambiguous") return "several quotes match; name the speaker it is credited to";
  return "this quote is not in your work on this episode any more (it may have been changed in another tab); reload";
}

function quoteJson(q: LearnerQuote): LearnerQuoteJson {
  return {
    id: q.id,
    place: q.place,
    quote: q.quote,
    credited: q.credited,
    check: { quote: q.quote, ...q.check } satisfies CheckedQuoteJson,
    status: q.status,
    accepted: q.accepted ? acceptanceJson(q.accepted) : null,
  };
}

function acceptanceJson(a: QuoteAcceptance): QuoteAcceptanceJson {
  return { quote: a.quote, speaker: a.speaker, verdict: a.verdict, acceptedAt: a.createdAt };
}

/**
 * The quote index of the last episode asked about, rebuilt only when its paragraphs or their
 * speakers changed: the clashes page asks again after every accept.
 */
function quoteIndexCache(store: Store): (episodeId: string) => QuoteIndex {
  let cached: { episodeId: string; key: string; index: QuoteIndex } | null = null;
  return (episodeId) => {
    const segments = getSegments(store, episodeId);
    const key = segments.map((s) => `${s.id}:${s.speaker ?? ""}:${s.text.length}`).join("|");
    if (cached?.episodeId !== episodeId || cached.key !== key) {
      cached = { episodeId, key, index: buildQuoteIndex(segments) };
    }
    return cached.index;
  };
}
