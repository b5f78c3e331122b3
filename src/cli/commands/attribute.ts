import { parseArgs } from "node:util";
import { type Attribution, attributeQuote } from "../../attribution/index.js";
import { formatTimecode } from "../../core/index.js";
import { getSegments } from "../../store/index.js";
import type { CliContext } from "../context.js";
import { findOneEpisode } from "../find-episode.js";
import { UsageError } from "../usage-error.js";

export const ATTRIBUTE_USAGE = 'deeplisten attribute <episode> --quote "<text>" [--speaker NAME] [--json]';

/**
 * `deeplisten attribute`: finds a quote in the episode's transcript (surviving punctuation and a few
 * changed words) and checks who it is credited to. Exit code 0 whatever the verdict: the verdict is
 * the answer, not a failure.
 */
export function attributeCommand(ctx: CliContext, args: string[]): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { quote: { type: "string" }, speaker: { type: "string" } },
  });
  if (positionals.length !== 1 || values.quote === undefined) throw new UsageError(`usage: ${ATTRIBUTE_USAGE}`);
  if (!values.quote.trim()) throw new UsageError("--quote needs the words to look for");
  const store = ctx.openLibrary();
  const episode = findOneEpisode(ctx, positionals[0] as string);
  const segments = getSegments(store, episode.id);
  const result = attributeQuote(segments, values.quote, values.speaker);
  if (ctx.json) {
    ctx.stdout(JSON.stringify(attributionJson(result)));
    return 0;
  }
  ctx.stdout(attributionLine(result, values.speaker ?? null, episode.title));
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
