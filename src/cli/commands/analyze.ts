import { parseArgs } from "node:util";
import { formatTimecode } from "../../core/index.js";
import { getAnalysis, getChapters, getEpisodeConcepts, getMasteryState } from "../../store/index.js";
import type { CliContext } from "../context.js";
import { findOneEpisode } from "../find-episode.js";
import { runAnalysis } from "../run-analysis.js";
import { UsageError } from "../usage-error.js";

/** `deeplisten analyze <episode>`: runs the offline analysis again and prints it. */
export async function analyzeCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  if (positionals.length !== 1) throw new UsageError("usage: deeplisten analyze <episode> [--json]");
  const episode = findOneEpisode(ctx, positionals[0] as string);
  const job = await runAnalysis(ctx, episode.id);
  if (job.state !== "done") {
    ctx.stderr(`the analysis of ${episode.id} failed: ${job.error}`);
    return 1;
  }
  const store = ctx.openLibrary();
  const analysis = getAnalysis(store, episode.id);
  if (!analysis) throw new Error("the analysis finished but nothing was stored");
  const chapters = getChapters(store, episode.id);
  if (ctx.json) {
    ctx.stdout(
      JSON.stringify({
        concepts: analysis.concepts.map((c) => conceptJson(c, getMasteryState(store, c.id))),
        chapters,
        clashes: analysis.clashes.map(({ startMs, endMs, speakers, topic, quote }) => ({
          startMs,
          endMs,
          speakers,
          topic,
          quote,
        })),
        mindmap: analysis.mindmap,
      }),
    );
    return 0;
  }
  ctx.stdout(
    `${episode.title}: ${analysis.concepts.length} concepts, ${chapters.length} chapters, ${analysis.clashes.length} clash moments (${analysis.tookMs} ms)`,
  );
  ctx.stdout("\nTop concepts:");
  for (const c of analysis.concepts.slice(0, 20)) ctx.stdout(conceptLine(c));
  ctx.stdout("\nChapters:");
  for (const c of chapters)
    ctx.stdout(`  ${formatTimecode(c.startMs)}  ${c.title}${c.source === "detected" ? "  (detected)" : ""}`);
  ctx.stdout("\nWhere the speakers clash (re-listen in pass 2):");
  for (const c of analysis.clashes) {
    ctx.stdout(`  ${formatTimecode(c.startMs)}  ${c.speakers.join(" vs ")}: ${c.topic}\n      "${c.quote}"`);
  }
  return 0;
}

/** `deeplisten concepts <episode>`: the episode's concepts in ranked order. */
export function conceptsCommand(ctx: CliContext, args: string[]): number {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  if (positionals.length !== 1) throw new UsageError("usage: deeplisten concepts <episode> [--json]");
  const episode = findOneEpisode(ctx, positionals[0] as string);
  const store = ctx.openLibrary();
  if (!getAnalysis(store, episode.id)) {
    ctx.stderr(`${episode.id} has not been analysed yet: run deeplisten analyze ${episode.id}`);
    return 1;
  }
  const concepts = getEpisodeConcepts(store, episode.id);
  if (ctx.json) {
    ctx.stdout(JSON.stringify({ concepts: concepts.map((c) => conceptJson(c, getMasteryState(store, c.id))) }));
    return 0;
  }
  for (const c of concepts) ctx.stdout(`${conceptLine(c)}  [${getMasteryState(store, c.id)}]`);
  return 0;
}

type StoredConcept = ReturnType<typeof getEpisodeConcepts>[number];

/** The concept fields of the CLI contract, with the learner's mastery of it. */
function conceptJson(c: StoredConcept, mastery: string) {
  return {
    id: c.key,
    name: c.name,
    aliases: c.aliases,
    kind: c.kind,
    score: c.score,
    mentionCount: c.mentionCount,
    firstMs: c.firstMs,
    mentions: c.mentions,
    definitions: c.definitions,
    pack: c.pack,
    mastery,
  };
}

function conceptLine(c: StoredConcept): string {
  const aliases = c.aliases.length ? ` (${c.aliases.slice(0, 3).join(", ")})` : "";
  return `  ${c.name}${aliases}  ${c.kind}, ${c.mentionCount}x, first at ${formatTimecode(c.firstMs)}${c.pack ? `, pack: ${c.pack}` : ""}`;
}
