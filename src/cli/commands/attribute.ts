import { parseArgs } from "node:util";
import {
  type Attribution,
  buildQuoteIndex,
  type ClaimCheck,
  ClaimCheckError,
  checkClaimWithModel,
  checkQuote,
  resolveSpeakerName,
} from "../../attribution/index.js";
import { formatTimecode } from "../../core/index.js";
import {
  type AcceptOutcome,
  acceptLearnerQuote,
  type LearnerQuote,
  listLearnerQuotes,
  type QuotePlace,
  quoteTranslationSource,
  unacceptLearnerQuote,
} from "../../library/quote-checks.js";
import { createLanguageModel, readModelChoice } from "../../llm/index.js";
import { getSegments, listSpeakers } from "../../store/index.js";
import type { CliContext } from "../context.js";
import { findOneEpisode } from "../find-episode.js";
import { CommandError, UsageError } from "../usage-error.js";

export const ATTRIBUTE_USAGE = `deeplisten attribute <episode> --quote "<text>" [--speaker NAME] [--json]
  deeplisten attribute <episode> --all [--json]     every quote of your work on the episode, checked
  deeplisten attribute <episode> --accept "<quote>" [--speaker NAME]   stand by a flagged quote (--unaccept: take it back)
  deeplisten attribute <episode> --claim "<your words>" [--speaker NAME] [--json]   checked with the configured model`;

/**
 * `deeplisten attribute`: finds a quote in the episode's transcript (surviving punctuation and a few
 * changed words) and checks who it is credited to; `--all` checks every quote of the learner's work
 * (stance table, insights, mark notes, map); `--accept` stands by one the transcript does not back.
 * Exit code 0 whatever the verdict: the verdict is the answer, not a failure.
 */
export function attributeCommand(ctx: CliContext, args: string[]): number | Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      quote: { type: "string" },
      speaker: { type: "string" },
      all: { type: "boolean", default: false },
      accept: { type: "string" },
      unaccept: { type: "string" },
      claim: { type: "string" },
    },
  });
  const modes = [
    values.quote !== undefined,
    values.all,
    values.accept !== undefined,
    values.unaccept !== undefined,
    values.claim !== undefined,
  ];
  if (positionals.length !== 1 || modes.filter(Boolean).length !== 1) {
    throw new UsageError(`usage: ${ATTRIBUTE_USAGE}`);
  }
  if (values.all) return listCommand(ctx, positionals[0] as string);
  if (values.claim !== undefined) {
    if (!values.claim.trim()) throw new UsageError("--claim needs the claim, in your words");
    return claimCommand(ctx, positionals[0] as string, values.claim, values.speaker);
  }
  const change = values.accept ?? values.unaccept;
  if (change !== undefined) {
    if (!change.trim())
      throw new UsageError(`--${values.accept !== undefined ? "accept" : "unaccept"} needs the quote`);
    return acceptCommand(ctx, positionals[0] as string, change, values.speaker, values.accept !== undefined);
  }
  if (!values.quote?.trim()) throw new UsageError("--quote needs the words to look for");
  return quoteCommand(ctx, positionals[0] as string, values.quote, values.speaker);
}

/** `--quote`: where the words are and who says them (through a translation when in another language). */
async function quoteCommand(ctx: CliContext, episodeRef: string, quote: string, speaker?: string): Promise<number> {
  const store = ctx.openLibrary();
  const episode = findOneEpisode(ctx, episodeRef);
  const segments = getSegments(store, episode.id);
  // A quote in another language than the transcript's is located through the model's translation.
  const result = await checkQuote(segments, quote, speaker, quoteTranslationSource(store, ctx.home));
  if (ctx.json) {
    ctx.stdout(JSON.stringify(attributionJson(result)));
    return 0;
  }
  ctx.stdout(
    result.problem && result.verdict === "not-found"
      ? result.problem
      : `${attributionLine(result, speaker ?? null, episode.title)}${
          result.via === "translation" && result.translation
            ? ` (matched through a translation: "${result.translation}")`
            : ""
        }`,
  );
  return 0;
}

/** The documented JSON contract, keys in this order and nothing else. */
export function attributionJson(a: Attribution) {
  return {
    found: a.found,
    speaker: a.speaker,
    startMs: a.startMs,
    segmentId: a.segmentId,
    similarity: a.similarity,
    verdict: a.verdict,
    correctSpeaker: a.correctSpeaker,
  };
}

/** One readable sentence for the verdict. */
export function attributionLine(a: Attribution, credited: string | null, title: string): string {
  const how = a.similarity === 1 ? "word for word" : `similarity ${a.similarity.toFixed(2)}`;
  if (a.verdict === "not-found") {
    const closest = a.similarity > 0 ? `; the closest passage matches only ${a.similarity.toFixed(2)}` : "";
    return `not found in "${title}"${closest}. Check the wording against the transcript.`;
  }
  const where = `at ${formatTimecode(a.startMs ?? 0)} (paragraph ${a.segmentId}, ${how})`;
  const who = a.speaker ?? "an unlabelled speaker";
  if (a.verdict === "wrong-speaker") return `wrong speaker: ${who} says this ${where}, not ${credited}.`;
  return `ok: ${who} says this ${where}.`;
}

/** `--all`: every quote of the learner's work with its check, flagged ones first. */
function listCommand(ctx: CliContext, episodeRef: string): number {
  const store = ctx.openLibrary();
  const episode = findOneEpisode(ctx, episodeRef);
  const quotes = listLearnerQuotes(store, episode.id);
  const count = (status: LearnerQuote["status"]) => quotes.filter((q) => q.status === status).length;
  if (ctx.json) {
    ctx.stdout(
      JSON.stringify({
        episodeId: episode.id,
        flagged: count("flagged"),
        accepted: count("accepted"),
        ok: count("ok"),
        quotes: quotes.map(learnerQuoteJson),
      }),
    );
    return 0;
  }
  if (quotes.length === 0) {
    ctx.stdout(
      `No quotes in your work on "${episode.title}" yet (stance table quotes, or words in “…” in insights, notes and map nodes).`,
    );
    return 0;
  }
  ctx.stdout(
    `${quotes.length} quote(s) in your work on "${episode.title}": ${count("flagged")} flagged, ${count("accepted")} accepted, ${count("ok")} ok.`,
  );
  const order: LearnerQuote["status"][] = ["flagged", "accepted", "ok"];
  for (const status of order) {
    for (const q of quotes.filter((x) => x.status === status)) ctx.stdout(quoteLine(q, episode.title));
  }
  if (count("flagged") > 0) {
    ctx.stdout(
      `Fix a flagged quote where you wrote it, or stand by it: deeplisten attribute ${episode.id} --accept "<quote>"`,
    );
  }
  return 0;
}

function acceptCommand(
  ctx: CliContext,
  episodeRef: string,
  quote: string,
  speaker: string | undefined,
  accept: boolean,
): number {
  const store = ctx.openLibrary();
  const episode = findOneEpisode(ctx, episodeRef);
  const outcome: AcceptOutcome = accept
    ? acceptLearnerQuote(store, episode.id, quote, speaker)
    : unacceptLearnerQuote(store, episode.id, quote, speaker);
  if (!outcome.ok && outcome.reason === "verified") {
    const q = outcome.candidates[0] as LearnerQuote;
    if (ctx.json) ctx.stdout(JSON.stringify({ accepted: false, quote: learnerQuoteJson(q) }));
    else ctx.stdout(`Nothing to accept: ${attributionLine(q.check, q.credited, episode.title)}`);
    return 0;
  }
  if (!outcome.ok && outcome.reason === "ambiguous") {
    const who = outcome.candidates.map((q) => `"${q.quote}" (${q.credited ?? "credited to nobody"})`).join("; ");
    throw new CommandError(`several quotes match: ${who}. Give the whole quote, or --speaker NAME.`);
  }
  if (!outcome.ok) {
    throw new CommandError(
      accept
        ? `no quote of your work on "${episode.title}" matches "${quote}"; list them with: deeplisten attribute ${episode.id} --all`
        : `no accepted quote of your work on "${episode.title}" matches "${quote}"`,
    );
  }
  const q = outcome.quote;
  if (ctx.json) {
    ctx.stdout(JSON.stringify({ accepted: accept, quote: learnerQuoteJson(q) }));
    return 0;
  }
  ctx.stdout(
    accept
      ? `Accepted "${q.quote}"${q.credited ? ` as ${q.credited}'s` : ""}: the write-up no longer lists it at the top. Changing its words drops the acceptance.`
      : `No longer accepted: "${q.quote}" is flagged again.`,
  );
  return 0;
}

function learnerQuoteJson(q: LearnerQuote) {
  return {
    id: q.id,
    place: q.place,
    quote: q.quote,
    credited: q.credited,
    status: q.status,
    acceptedAt: q.accepted?.createdAt ?? null,
    ...attributionJson(q.check),
  };
}

/** "✗ flagged  “…” credited to X, in the stance table (Topic): wrong speaker: …" */
function quoteLine(q: LearnerQuote, title: string): string {
  const mark = q.status === "flagged" ? "✗ flagged " : q.status === "accepted" ? "✓ accepted" : "✓ ok      ";
  const credit = q.credited ? ` credited to ${q.credited}` : "";
  return `${mark}  “${q.quote}”${credit}, ${placeText(q.place)}: ${attributionLine(q.check, q.credited, title)}`;
}

function placeText(place: QuotePlace): string {
  switch (place.kind) {
    case "stance":
      return `stance table (${place.topic})`;
    case "stance-position":
      return `${place.speaker}'s position (${place.topic})`;
    case "synthesis":
      return `your take (${place.topic})`;
    case "insight":
      return `insight #${place.insightId}`;
    case "mark":
      return `note of the mark at ${formatTimecode(place.startMs)}`;
    case "map":
      return `map node "${place.title}"`;
  }
}

/**
 * `--claim`: a claim in the learner's words checked with the configured model against the
 * passages that bear on it. Needs a model: without one it says how to configure it.
 */
async function claimCommand(
  ctx: CliContext,
  episodeRef: string,
  claim: string,
  speaker: string | undefined,
): Promise<number> {
  const store = ctx.openLibrary();
  const episode = findOneEpisode(ctx, episodeRef);
  const choice = readModelChoice(process.env, ctx.home);
  if (!choice.config) {
    throw new CommandError(
      choice.problem ??
        "checking a claim in your own words needs a model: configure one with `deeplisten llm` or on the settings page (a quote can be checked offline with --quote)",
    );
  }
  const names = listSpeakers(store, episode.id).map((s) => s.name);
  const credited = (speaker ? resolveSpeakerName(names, speaker) : null) ?? speaker ?? leadingSpeaker(names, claim);
  let check: ClaimCheck;
  try {
    check = await checkClaimWithModel({
      index: buildQuoteIndex(getSegments(store, episode.id)),
      claim,
      speaker: credited,
      config: choice.config,
      model: createLanguageModel(choice.config),
    });
  } catch (error) {
    if (error instanceof ClaimCheckError) throw new CommandError(error.message);
    throw error;
  }
  if (ctx.json) {
    ctx.stdout(JSON.stringify({ claim, speaker: credited, ...check }));
    return 0;
  }
  const at = check.passage
    ? ` at ${formatTimecode(check.passage.startMs)} (${check.passage.speaker ?? "unlabelled"}: “${excerpt(check.passage.text)}”)`
    : "";
  ctx.stdout(`${check.verdict}${at}${check.explanation ? `: ${check.explanation}` : "."} [${check.model}]`);
  return 0;
}

/** "Nathan thinks …" is about Nathan Lambert: the claim's first one to three words, when they name a speaker. */
function leadingSpeaker(names: readonly string[], claim: string): string | null {
  const words = claim.trim().split(/\s+/);
  for (let n = 3; n >= 1; n--) {
    const candidate = words
      .slice(0, n)
      .join(" ")
      .replace(/[’']s$|[,:：，]$/u, "");
    const name = resolveSpeakerName(names, candidate);
    if (name) return name;
  }
  return null;
}

function excerpt(text: string): string {
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}
