import { parseArgs } from "node:util";
import { formatTimecode, parseTimecode } from "../../core/index.js";
import { findConcept } from "../../store/index.js";
import { addInsight, deleteInsight, type InsightMoment, listInsights, segmentAtTime } from "../../store/insights.js";
import type { CliContext } from "../context.js";
import { findOneEpisode } from "../find-episode.js";
import { CommandError, UsageError } from "../usage-error.js";
import { reviewSay } from "./review-messages.js";
import { tutorLanguage } from "./tutor.js";

export const INSIGHT_USAGE =
  'deeplisten insight add <episode> "<what changed in my thinking>" [--concept NAME]... [--at hh:mm:ss]... | list <episode> | delete <episode> <id>';

/**
 * `deeplisten insight`: the learner's "what changed in my thinking" notes of an episode, each
 * linked to concepts (by any of their names) and moments (a time, linked to the paragraph playing then).
 */
export function insightCommand(ctx: CliContext, args: string[]): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      concept: { type: "string", multiple: true },
      at: { type: "string", multiple: true },
      lang: { type: "string" },
    },
  });
  const [action, episodeQuery, ...rest] = positionals;
  if (!action || !episodeQuery || !["add", "list", "delete"].includes(action))
    throw new UsageError(`usage: ${INSIGHT_USAGE}`);
  const lang = tutorLanguage(values.lang);
  const store = ctx.openLibrary();
  const episode = findOneEpisode(ctx, episodeQuery);

  if (action === "add") {
    const text = rest.join(" ").trim();
    if (!text) throw new UsageError('say what changed in your thinking: deeplisten insight add <episode> "..."');
    const conceptIds = (values.concept ?? []).map((name) => {
      const concept = findConcept(store, name, episode.id);
      if (!concept)
        throw new CommandError(
          `"${name}" is not a concept of this library; \`deeplisten concepts ${episode.id}\` lists them`,
        );
      return concept.id;
    });
    const moments: InsightMoment[] = (values.at ?? []).map((at) => {
      const ms = parseTimecode(at);
      if (ms === null) throw new UsageError(`--at takes a time like 1:08:18, not "${at}"`);
      return { startMs: ms, segmentId: segmentAtTime(store, episode.id, ms)?.id ?? null };
    });
    const insight = addInsight(store, episode.id, { text, conceptIds: [...new Set(conceptIds)], moments });
    if (ctx.json) ctx.stdout(JSON.stringify({ insight }));
    else ctx.stdout(reviewSay(lang, "insightAdded", { id: insight.id, title: episode.title }));
    return 0;
  }

  if (action === "delete") {
    const id = Number(rest[0]);
    if (!Number.isInteger(id)) throw new UsageError("usage: deeplisten insight delete <episode> <id>");
    if (!deleteInsight(store, episode.id, id)) throw new CommandError(`"${episode.title}" has no insight ${id}`);
    if (ctx.json) ctx.stdout(JSON.stringify({ deleted: id }));
    else ctx.stdout(reviewSay(lang, "insightDeleted", { id }));
    return 0;
  }

  const insights = listInsights(store, episode.id);
  if (ctx.json) {
    ctx.stdout(JSON.stringify({ insights }));
    return 0;
  }
  if (insights.length === 0) {
    ctx.stdout(reviewSay(lang, "insightNone", { title: episode.title }));
    return 0;
  }
  const names = store.db.prepare("SELECT name FROM concept WHERE id = ?");
  for (const i of insights) {
    const concepts = i.conceptIds.map((id) => (names.get(id) as { name: string } | undefined)?.name ?? `#${id}`);
    const moments = i.moments.map((m) => formatTimecode(m.startMs));
    const links = [...concepts, ...moments].join(", ");
    ctx.stdout(`${i.id}. ${i.text}${links ? `  [${links}]` : ""}`);
  }
  return 0;
}
