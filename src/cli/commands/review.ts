import { parseArgs } from "node:util";
import { formatTimecode } from "../../core/index.js";
import { libraryPacks } from "../../library/index.js";
import {
  answerCard,
  type CardView,
  dueCards,
  pass3Run,
  ReviewAnswerError,
  type ReviewLanguage,
  type ReviewOutcome,
} from "../../library/review-session.js";
import type { ReviewRating } from "../../review/index.js";
import { getEpisodePass, type Store, setEpisodePass } from "../../store/index.js";
import { reviewCounts } from "../../store/review-cards.js";
import { verdictName } from "../../tutor/messages.js";
import { createAsker } from "../ask.js";
import type { CliContext } from "../context.js";
import { findOneEpisode } from "../find-episode.js";
import { UsageError } from "../usage-error.js";
import { dueIn, kindName, ratingName, reasonText, reviewSay } from "./review-messages.js";
import { tutorLanguage } from "./tutor.js";

export const REVIEW_USAGE = "deeplisten review [--episode E] [--pass3] [--lang en|zh] [--json]";

type Asker = ReturnType<typeof createAsker>;

/**
 * `deeplisten review`: the cards due now (the library, or one episode), one by one: confidence
 * first, then the answer without help; explanations are graded, cloze answers checked, check
 * questions rated by the learner; each card is rescheduled with FSRS. `--pass3 --episode E` asks
 * every concept of the episode instead, the most-confident-but-wrong first. `--json` lists what is
 * due without asking. End of input stops cleanly; every answer given is kept.
 */
export async function reviewCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { episode: { type: "string", short: "e" }, pass3: { type: "boolean" }, lang: { type: "string" } },
  });
  if (positionals.length > 0) throw new UsageError(`usage: ${REVIEW_USAGE}`);
  if (values.pass3 && !values.episode) throw new UsageError("--pass3 needs --episode: pass 3 is one episode's");
  const lang = tutorLanguage(values.lang);
  const store = ctx.openLibrary();
  const episode = values.episode ? findOneEpisode(ctx, values.episode) : null;
  const packs = libraryPacks(ctx.home);

  if (values.pass3 && episode) {
    const steps = pass3Run(store, packs, episode.id, lang);
    if (ctx.json) {
      ctx.stdout(JSON.stringify({ pass3: { episode: episode.id, steps } }));
      return 0;
    }
    if (steps.length === 0) {
      ctx.stdout(reviewSay(lang, "pass3Empty", { title: episode.title }));
      return 0;
    }
    if (getEpisodePass(store, episode.id) < 3) setEpisodePass(store, episode.id, 3);
    ctx.stdout(reviewSay(lang, "pass3Header", { title: episode.title, n: steps.length }));
    const cards = steps.map((s) => ({ card: s.card, why: reasonText(lang, s.reason, s.wrongConfidence) }));
    return runCards(ctx, store, cards, { lang, packs, context: "pass3" });
  }

  const cards = dueCards(store, packs, { episodeId: episode?.id ?? null, language: lang });
  if (ctx.json) {
    ctx.stdout(
      JSON.stringify({ due: cards, counts: reviewCounts(store, { now: store.now(), episodeId: episode?.id }) }),
    );
    return 0;
  }
  if (cards.length === 0) {
    const counts = reviewCounts(store, { now: store.now(), episodeId: episode?.id });
    if (counts.total === 0) ctx.stdout(reviewSay(lang, "noCards"));
    else {
      ctx.stdout(reviewSay(lang, "nothingDue"));
      if (counts.nextDue) ctx.stdout(reviewSay(lang, "nextDue", { when: dueIn(lang, counts.nextDue, store.now()) }));
    }
    return 0;
  }
  ctx.stdout(reviewSay(lang, "header", { n: cards.length }));
  return runCards(
    ctx,
    store,
    cards.map((card) => ({ card, why: null })),
    { lang, packs, context: "review" },
  );
}

async function runCards(
  ctx: CliContext,
  store: Store,
  cards: { card: CardView; why: string | null }[],
  o: { lang: ReviewLanguage; packs: ReturnType<typeof libraryPacks>; context: "review" | "pass3" },
): Promise<number> {
  const asker = createAsker();
  let passed = 0;
  let failed = 0;
  try {
    for (const [i, { card, why }] of cards.entries()) {
      const outcome = await askCard(ctx, store, asker, card, {
        ...o,
        heading: reviewSay(o.lang, "card", {
          i: i + 1,
          n: cards.length,
          concept: card.conceptName,
          kind: kindName(o.lang, card.kind),
        }),
        why,
      });
      if (outcome === null) {
        ctx.stdout(`\n${reviewSay(o.lang, "stopped")}`);
        break;
      }
      if (outcome.rating === 1) failed++;
      else passed++;
    }
  } finally {
    asker.close();
  }
  ctx.stdout(`\n${reviewSay(o.lang, "summary", { n: passed + failed, passed, failed })}`);
  return 0;
}

/** One card: confidence, answer, grading, next date. Null at the end of input. */
async function askCard(
  ctx: CliContext,
  store: Store,
  asker: Asker,
  card: CardView,
  o: {
    lang: ReviewLanguage;
    packs: ReturnType<typeof libraryPacks>;
    context: "review" | "pass3";
    heading: string;
    why: string | null;
  },
): Promise<ReviewOutcome | null> {
  const out = (text = "") => ctx.stdout(text);
  out(`\n${o.heading}${o.why ? `  (${o.why})` : ""}`);
  out(card.prompt);
  // Pass 3 is without help: the moment is shown only in spaced reviews of a cloze.
  if (card.kind === "cloze" && card.startMs !== null && o.context === "review")
    out(reviewSay(o.lang, "moment", { time: formatTimecode(card.startMs) }));

  const confidence = await askNumber(
    asker,
    out,
    reviewSay(o.lang, "confidence"),
    reviewSay(o.lang, "badConfidence"),
    5,
  );
  if (confidence === null) return null;

  let answer: string | null;
  if (card.kind === "explain") {
    out(reviewSay(o.lang, "explain"));
    const lines: string[] = [];
    for (;;) {
      const line = await asker.ask("");
      if (line === null) {
        if (lines.length === 0) return null;
        break;
      }
      if (line.trim() === "") {
        if (lines.length === 0) continue;
        break;
      }
      lines.push(line);
    }
    answer = lines.join("\n");
  } else {
    answer = await asker.ask(reviewSay(o.lang, "answer"));
    if (answer === null) return null;
  }

  let selfRating: ReviewRating | null = null;
  if (card.selfRated) {
    out(card.reference ? reviewSay(o.lang, "reference", { text: card.reference }) : reviewSay(o.lang, "noReference"));
    selfRating = (await askNumber(
      asker,
      out,
      reviewSay(o.lang, "rate"),
      reviewSay(o.lang, "badRating"),
      4,
    )) as ReviewRating | null;
    if (selfRating === null) return null;
  }

  let outcome: ReviewOutcome;
  try {
    outcome = answerCard(store, o.packs, {
      cardId: card.id,
      answer,
      confidence,
      selfRating,
      language: o.lang,
      context: o.context,
    });
  } catch (error) {
    if (!(error instanceof ReviewAnswerError) || error.reason !== "needs-self-rating") throw error;
    // An explanation nothing can check offline: the learner's own rating schedules it.
    out(error.message);
    selfRating = (await askNumber(
      asker,
      out,
      reviewSay(o.lang, "rate"),
      reviewSay(o.lang, "badRating"),
      4,
    )) as ReviewRating | null;
    if (selfRating === null) return null;
    outcome = answerCard(store, o.packs, {
      cardId: card.id,
      answer,
      confidence,
      selfRating,
      language: o.lang,
      context: o.context,
    });
  }
  printOutcome(out, card, outcome, o.lang, store.now());
  return outcome;
}

function printOutcome(
  out: (t?: string) => void,
  card: CardView,
  outcome: ReviewOutcome,
  lang: ReviewLanguage,
  now: Date,
): void {
  if (card.kind === "explain" && outcome.verdict !== null) {
    out(outcome.feedback);
    if (outcome.verdict === "verified") out(reviewSay(lang, "verified"));
    else if (outcome.verdict !== "correct" && outcome.verdict !== "wrong")
      out(reviewSay(lang, "notVerified", { verdict: verdictName(lang, outcome.verdict), concept: card.conceptName }));
  } else if (card.kind === "cloze") {
    out(reviewSay(lang, outcome.verdict === "correct" ? "correct" : "wrong", { answer: outcome.feedback }));
    if (outcome.rating === 1 && outcome.mastery === "learning")
      out(reviewSay(lang, "lapsed", { concept: card.conceptName }));
  } else {
    out(reviewSay(lang, "selfRated", { rating: ratingName(lang, outcome.rating) }));
    if (outcome.rating === 1) out(reviewSay(lang, "lapsed", { concept: card.conceptName }));
  }
  out(reviewSay(lang, "next", { when: dueIn(lang, outcome.nextDue, now) }));
}

/** Asks until a whole number 1..max is typed; null at the end of input. */
async function askNumber(
  asker: Asker,
  out: (t?: string) => void,
  question: string,
  retry: string,
  max: number,
): Promise<number | null> {
  for (;;) {
    const answer = await asker.ask(question);
    if (answer === null) return null;
    const n = Number(answer.trim());
    if (Number.isInteger(n) && n >= 1 && n <= max) return n;
    out(retry);
  }
}
