import { parseArgs } from "node:util";
import {
  type EnrichmentPlan,
  type EnrichmentResult,
  ModelCallError,
  NO_MODEL_FOR_ENRICHMENT,
  planEnrichment,
  runEnrichment,
} from "../../library/enrichment/index.js";
import { type LlmConfig, readModelChoice } from "../../llm/index.js";
import { formatCost } from "../../llm/pricing.js";
import { findConcept, getAnalysis } from "../../store/index.js";
import { createAsker } from "../ask.js";
import type { CliContext } from "../context.js";
import { findOneEpisode } from "../find-episode.js";
import { progressBar } from "../progress-bar.js";
import { CommandError, UsageError } from "../usage-error.js";

export const ENRICH_USAGE = `deeplisten enrich <episode> [--concept <name>]... [--limit 20] [--estimate] [--yes] [--json]
                                        model-written chapter summaries, material for concepts without a pack entry (en + zh),
                                        a stance-table draft and a refined mind map; shows the token and cost estimate first`;

/**
 * `deeplisten enrich`: prints the token and cost estimate, asks (or takes --yes), then runs the
 * enrichment with a progress bar. Running it again costs nothing for what is done: every answer is
 * cached, and an interrupted run resumes where it stopped.
 */
export async function enrichCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      concept: { type: "string", multiple: true },
      limit: { type: "string" },
      estimate: { type: "boolean" },
      yes: { type: "boolean", short: "y" },
    },
  });
  if (positionals.length !== 1) throw new UsageError(`usage: ${ENRICH_USAGE.split("\n")[0]}`);
  const limit = values.limit === undefined ? undefined : Number(values.limit);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > 500)) {
    throw new UsageError("--limit must be a whole number from 1 to 500");
  }
  if (ctx.json && !values.estimate && !values.yes) {
    throw new UsageError("with --json, add --yes to run the enrichment, or --estimate to print only the estimate");
  }
  const store = ctx.openLibrary();
  const episode = findOneEpisode(ctx, positionals[0] as string);
  if (!getAnalysis(store, episode.id, { conceptLimit: 1 })) {
    throw new CommandError(`"${episode.title}" has not been analysed yet: run deeplisten analyze ${episode.id} first`);
  }
  const conceptIds = (values.concept ?? []).map((name) => {
    const concept = findConcept(store, name, episode.id);
    if (!concept)
      throw new CommandError(
        `"${name}" is not a concept of "${episode.title}" (deeplisten concepts ${episode.id} lists them)`,
      );
    return concept.id;
  });
  const request = { ...(conceptIds.length ? { conceptIds } : {}), ...(limit !== undefined ? { limit } : {}) };

  const choice = readModelChoice(process.env, ctx.home);
  const config = choice.config;
  if (!config && !values.estimate) throw new CommandError(choice.problem ?? NO_MODEL_FOR_ENRICHMENT);
  const plan = planEnrichment(store, ctx.home, episode.id, request, config);

  if (values.estimate) {
    if (ctx.json) ctx.stdout(JSON.stringify(estimateJson(plan, config)));
    else {
      ctx.stdout(describePlan(plan, config));
      if (!config) ctx.stderr(`(${choice.problem ?? NO_MODEL_FOR_ENRICHMENT})`);
    }
    return 0;
  }
  if (!config) throw new CommandError(NO_MODEL_FOR_ENRICHMENT);
  if (!ctx.json) ctx.stderr(describePlan(plan, config));
  if (plan.concepts.length === 0 && plan.scope === "concepts") {
    if (ctx.json) ctx.stdout(JSON.stringify({ ...estimateJson(plan, config), concepts: plan.notWritten }));
    else for (const c of plan.notWritten) ctx.stdout(`${c.name}: not written, ${c.reason}`);
    return 0;
  }
  if (!values.yes) {
    // Scripts and pipes are not asked (nobody would answer): they must say --yes.
    if (!process.stdin.isTTY) {
      throw new CommandError("nothing was sent: add --yes to run the enrichment estimated above");
    }
    const asker = createAsker(process.stdin, process.stderr);
    const answer = await asker.ask("Run it? [y/N] ");
    asker.close();
    if (!/^\s*y(es)?\s*$/i.test(answer ?? "")) {
      ctx.stderr("Nothing was sent. (--yes runs it without asking.)");
      return 0;
    }
  }

  const bar = ctx.json ? null : progressBar("enriching");
  let result: EnrichmentResult;
  try {
    result = await runEnrichment({
      store,
      home: ctx.home,
      episodeId: episode.id,
      config,
      request,
      onProgress: (f, step) => bar?.update(f, step),
    });
  } catch (error) {
    bar?.done();
    if (error instanceof ModelCallError) {
      throw new CommandError(
        `${error.message}. What was written so far is kept${error.transient ? ": run the same command again later to resume where it stopped" : ""}.`,
      );
    }
    throw error;
  }
  bar?.done();
  if (ctx.json) {
    ctx.stdout(JSON.stringify(result));
    return 0;
  }
  const count = (status: string) => result.concepts.filter((c) => c.status === status).length;
  const lines = [
    `Concepts: ${count("written")} written, ${count("cached")} from earlier answers, ${count("kept")} kept as they were, ${count("skipped")} skipped.`,
    ...result.concepts.filter((c) => c.status === "skipped").map((c) => `  skipped ${c.name}: ${c.reason}`),
  ];
  if (result.scope === "episode") {
    lines.push(
      `Chapter summaries: ${result.chapters}; stance-table draft: ${result.stanceTopics} topics; refined mind map: ${result.mindmap ? "yes" : "no"}.`,
    );
  }
  lines.push(...result.problems.map((p) => `Note: ${p}.`));
  lines.push(
    result.cached
      ? "Cost: nothing, every answer was cached (cached: true)."
      : `Spent ${result.inputTokens} input and ${result.outputTokens} output tokens in ${result.calls} requests (${result.cachedCalls} answered from the cache); cost ${result.cost}.`,
  );
  lines.push("The material is marked as model-written on each concept's page, beside the pack card.");
  ctx.stdout(lines.join("\n"));
  return 0;
}

function estimateJson(plan: EnrichmentPlan, config: LlmConfig | null) {
  return {
    episodeId: plan.episodeId,
    scope: plan.scope,
    provider: config?.provider.id ?? null,
    model: config?.model ?? null,
    concepts: plan.concepts.map((c) => ({ conceptId: c.id, name: c.name })),
    notWritten: plan.notWritten,
    parts: plan.chunks.length,
    ...plan.estimate,
    ratio: plan.transcriptTokens ? round2(plan.estimate.inputTokens / plan.transcriptTokens) : null,
    cost: formatCost(plan.estimate.price, plan.estimate.costUsd),
  };
}

function describePlan(plan: EnrichmentPlan, config: LlmConfig | null): string {
  const e = plan.estimate;
  const who = config ? `${config.provider.label} · ${config.model}` : "(no model configured)";
  const what =
    plan.scope === "episode"
      ? `${plan.concepts.length} concepts without a pack entry, ${plan.chunks.length} parts of the transcript (${e.transcriptTokens} tokens), chapter summaries, a stance-table draft and a refined mind map`
      : `${plan.concepts.map((c) => c.name).join(", ") || "no concept to write"}`;
  const kept = plan.notWritten.length
    ? `\n  not written: ${plan.notWritten.map((c) => `${c.name} (${c.reason})`).join("; ")}`
    : "";
  const tokens =
    e.calls === 0
      ? "  nothing to send: every answer is cached"
      : `  about ${e.inputTokens} input tokens${plan.scope === "episode" && e.transcriptTokens ? ` (${round2(e.inputTokens / e.transcriptTokens)}× the transcript)` : ""} and ${e.outputTokens} output tokens in ${e.calls} requests${e.cachedCalls ? ` (${e.cachedCalls} more already answered: free)` : ""}`;
  return [
    `Enrichment of "${plan.episodeTitle}" with ${who}:`,
    `  ${what}${kept}`,
    tokens,
    `  cost: ${e.calls === 0 ? "nothing" : formatCost(e.price, e.costUsd)}`,
  ].join("\n");
}

const round2 = (n: number) => Math.round(n * 100) / 100;
