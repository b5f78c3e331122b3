import { formatTimecode } from "../../core/index.js";
import type { LlmConfig } from "../../llm/config.js";
import { ModelOutputError } from "../../llm/json-output.js";
import { costOf, formatCost, priceOf } from "../../llm/pricing.js";
import { type Store, sqliteLlmCache } from "../../store/index.js";
import {
  buildConceptPrompt,
  buildMindMapPrompt,
  buildStancePrompt,
  type ChapterSummary,
  ConceptBatchSchema,
  type ConceptItem,
  ConceptItemSchema,
  type ConceptNote,
  conceptContents,
  type EnrichmentEstimate,
  MapNotesSchema,
  MindMapOutSchema,
  mergeChapterSummaries,
  nameKey,
  type PartNotes,
  readPartNotes,
  refinedMindMap,
  type SpeakerClaim,
  StanceGroupsSchema,
  schemaProblem,
  stanceDraft,
} from "../../tutor/enrichment/index.js";
import { type CallOutcome, callForJson, ModelAnswerError, type ModelCallContext } from "./model-call.js";
import { type EnrichmentPlan, type EnrichRequest, planEnrichment } from "./plan.js";
import {
  type ConceptOutcome,
  type EpisodeEnrichmentRecord,
  getEpisodeEnrichment,
  saveConceptEnrichment,
  saveEpisodeEnrichment,
} from "./records.js";

/** What a run needs. */
export interface RunEnrichmentInput {
  store: Store;
  home: string;
  episodeId: string;
  config: LlmConfig;
  request?: EnrichRequest;
  onProgress?: (fraction: number, step: string) => void;
  /** Test wiring and limits of each request. */
  fetch?: ModelCallContext["fetch"];
  timeoutMs?: number;
}

/** What a run did: `deeplisten enrich --json` prints it. */
export interface EnrichmentResult {
  episodeId: string;
  provider: string;
  model: string;
  scope: EnrichmentPlan["scope"];
  estimate: EnrichmentEstimate;
  concepts: ConceptOutcome[];
  chapters: number;
  stanceTopics: number;
  mindmap: boolean;
  problems: string[];
  /** Requests sent (retries included) and answers replayed from the cache. */
  calls: number;
  cachedCalls: number;
  inputTokens: number;
  outputTokens: number;
  /** True when nothing was sent: everything came from earlier answers. */
  cached: boolean;
  costUsd: number | null;
  cost: string;
}

/**
 * Enrichment of an episode (or of a few concepts): map over the transcript part by part (chapter
 * summaries, notes on the concepts, the speakers' claims), then reduce: study material per concept
 * in English and Chinese, a stance-table draft with verified quotes, a refined mind map. Every
 * request is cached, each concept is saved as soon as it is written, so a run that stops (a 429
 * that outlasts the retries, the network gone, the process killed) resumes where it stopped and
 * pays only for what is left. A step the model cannot answer validly twice is skipped with a reason.
 */
export async function runEnrichment(input: RunEnrichmentInput): Promise<EnrichmentResult> {
  const { store, config } = input;
  const plan = planEnrichment(store, input.home, input.episodeId, input.request ?? {}, config);
  const progress = input.onProgress ?? (() => {});
  const by = { provider: config.provider.id, model: config.model };
  const spent = { input: 0, output: 0, calls: 0, cachedCalls: 0 };
  const ctx: ModelCallContext = {
    config,
    cache: sqliteLlmCache(store),
    ...(input.fetch ? { fetch: input.fetch } : {}),
    ...(input.timeoutMs ? { timeoutMs: input.timeoutMs } : {}),
    onUsage: (i, o) => {
      spent.input += i;
      spent.output += o;
      spent.calls++;
    },
  };
  const track = <T>(outcome: CallOutcome<T>) => {
    if (outcome.cached) spent.cachedCalls++;
    return outcome.value;
  };
  const old = getEpisodeEnrichment(store, input.episodeId);
  const outcomes: ConceptOutcome[] = [...plan.notWritten];
  const problems: string[] = [];
  let chapters: ChapterSummary[] | null = null;
  let stances: EpisodeEnrichmentRecord["stances"] | null = null;
  let mindmap: EpisodeEnrichmentRecord["mindmap"] = null;
  let droppedClaims = 0;

  const steps = plan.chunks.length + Math.ceil(plan.concepts.length / 3) + (plan.scope === "episode" ? 2 : 0);
  let done = 0;
  const step = (label: string) => progress(Math.min(0.99, done++ / Math.max(1, steps)), label);

  const save = () => {
    const price = priceOf(config.provider.id, config.model);
    const runCost = costOf(price, spent.input, spent.output);
    const merged = new Map((old?.concepts ?? []).map((c) => [c.conceptId, c]));
    for (const o of outcomes) if (!(o.status === "kept" && merged.has(o.conceptId))) merged.set(o.conceptId, o);
    saveEpisodeEnrichment(store, input.episodeId, {
      version: 1,
      ...by,
      updatedAt: store.now().toISOString(),
      chapters: chapters ?? old?.chapters ?? [],
      stances: stances ?? old?.stances ?? [],
      mindmap: mindmap ?? old?.mindmap ?? null,
      concepts: [...merged.values()],
      problems: plan.scope === "episode" ? problems : [...(old?.problems ?? []), ...problems],
      droppedClaims: plan.scope === "episode" ? droppedClaims : (old?.droppedClaims ?? 0),
      tokens: { input: (old?.tokens.input ?? 0) + spent.input, output: (old?.tokens.output ?? 0) + spent.output },
      costUsd:
        runCost === null || (old !== null && old.costUsd === null && (old.tokens.input > 0 || old.tokens.output > 0))
          ? null
          : (old?.costUsd ?? 0) + runCost,
    });
  };

  try {
    // Map: notes on each part of the transcript.
    const notes = new Map<string, ConceptNote[]>();
    const claims: SpeakerClaim[] = [];
    const partChapters: ChapterSummary[][] = [];
    for (const [i, prompt] of plan.mapPrompts.entries()) {
      const chunk = plan.chunks[i];
      if (!chunk) continue;
      step(`reading part ${i + 1} of ${plan.chunks.length}`);
      const names = plan.chunkConcepts[i] ?? [];
      let part: PartNotes;
      try {
        part = track(
          await callForJson(
            ctx,
            "map",
            prompt,
            (json) =>
              readPartNotes(
                strict(MapNotesSchema, json),
                { lines: prompt.lines, texts: plan.segmentTexts, chapters: chunk.chapters },
                names,
              ),
            1500,
          ),
        );
      } catch (error) {
        if (!(error instanceof ModelAnswerError)) throw error;
        const from = formatTimecode(chunk.segments[0]?.startMs ?? 0);
        const to = formatTimecode(chunk.segments.at(-1)?.startMs ?? 0);
        problems.push(`part ${i + 1} (${from}–${to}) was left out: ${error.message}`);
        continue;
      }
      partChapters.push(part.chapters);
      claims.push(...part.claims);
      droppedClaims += part.droppedClaims;
      for (const [key, note] of part.concepts) notes.set(key, [...(notes.get(key) ?? []), note]);
    }
    if (plan.scope === "episode") chapters = mergeChapterSummaries(partChapters);

    // Reduce: the concepts, a few per request.
    for (let i = 0; i < plan.concepts.length; i += 3) {
      const batch = plan.concepts.slice(i, i + 3);
      step(`writing ${batch.map((c) => c.name).join(", ")}`);
      const material = batch.map((c) => ({
        name: c.name,
        aliases: c.aliases,
        notes: (notes.get(nameKey(c.name)) ?? []).slice(0, 4),
        passages: c.passages,
      }));
      const ask = async (which: typeof material) => {
        const prompt = buildConceptPrompt({ episodeTitle: plan.episodeTitle, concepts: which });
        const outcome = await callForJson(
          ctx,
          "concepts",
          prompt,
          (json) => strict(ConceptBatchSchema, json).concepts,
          4000,
        );
        return { items: track(outcome), lines: prompt.lines, cached: outcome.cached };
      };
      let answer: Awaited<ReturnType<typeof ask>>;
      try {
        answer = await ask(material);
      } catch (error) {
        if (!(error instanceof ModelAnswerError)) throw error;
        for (const c of batch)
          outcomes.push({ conceptId: c.id, name: c.name, status: "skipped", reason: error.message });
        continue;
      }
      for (const [j, c] of batch.entries()) {
        let found = pickItem(answer.items, c.name, j, batch.length);
        let lines = answer.lines;
        let cached = answer.cached;
        if (!found.item) {
          // One more chance, alone: the batch answer had nothing usable for this concept.
          const first = found.problem;
          try {
            const retry = await ask([material[j] as (typeof material)[number]]);
            found = pickItem(retry.items, c.name, 0, 1);
            lines = retry.lines;
            cached = retry.cached;
          } catch (error) {
            if (!(error instanceof ModelAnswerError)) throw error;
            found = { problem: error.message };
          }
          if (!found.item) {
            outcomes.push({
              conceptId: c.id,
              name: c.name,
              status: "skipped",
              reason: `the model's material was not usable twice (${first}; then ${found.problem})`,
            });
            continue;
          }
        }
        saveConceptEnrichment(store, c.id, conceptContents(found.item, lines, plan.episodeId), by);
        outcomes.push({ conceptId: c.id, name: c.name, status: cached ? "cached" : "written" });
      }
    }

    if (plan.scope === "episode") {
      step("grouping the speakers' claims");
      if (claims.length >= 2) {
        const prompt = buildStancePrompt({ episodeTitle: plan.episodeTitle, claims });
        try {
          stances = track(
            await callForJson(
              ctx,
              "stance",
              prompt,
              (json) => stanceDraft(strict(StanceGroupsSchema, json), claims),
              1200,
            ),
          );
        } catch (error) {
          if (!(error instanceof ModelAnswerError)) throw error;
          problems.push(`the stance table draft was left out: ${error.message}`);
        }
      } else stances = [];
      step("refining the mind map");
      if (chapters && chapters.length > 0) {
        const summaries = chapters;
        const named = plan.chosen;
        const prompt = buildMindMapPrompt({
          episodeTitle: plan.episodeTitle,
          chapters: summaries,
          concepts: named.map((c) => c.name),
        });
        try {
          mindmap = track(
            await callForJson(
              ctx,
              "mindmap",
              prompt,
              (json) => refinedMindMap(strict(MindMapOutSchema, json).root, summaries, named),
              2000,
            ),
          );
        } catch (error) {
          if (!(error instanceof ModelAnswerError)) throw error;
          problems.push(`the refined mind map was left out: ${error.message}`);
        }
      }
    }
  } finally {
    save();
  }
  progress(1, "done");
  const price = priceOf(config.provider.id, config.model);
  const costUsd = costOf(price, spent.input, spent.output);
  return {
    episodeId: plan.episodeId,
    ...by,
    scope: plan.scope,
    estimate: plan.estimate,
    concepts: outcomes,
    chapters: chapters?.length ?? 0,
    stanceTopics: stances?.length ?? 0,
    mindmap: mindmap !== null,
    problems,
    calls: spent.calls,
    cachedCalls: spent.cachedCalls,
    inputTokens: spent.input,
    outputTokens: spent.output,
    cached: spent.calls === 0,
    costUsd,
    cost: spent.calls === 0 ? "nothing (every answer was cached)" : formatCost(price, costUsd),
  };
}

/** Strict validation: a failure is a ModelOutputError naming the field, so the answer is sent back once. */
function strict<T>(
  schema: { safeParse: (v: unknown) => { success: true; data: T } | { success: false; error: import("zod").ZodError } },
  json: unknown,
): T {
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new ModelOutputError(schemaProblem(parsed.error));
  return parsed.data;
}

/** The batch item for a concept (by name, else by position when the counts agree), validated. */
function pickItem(
  items: unknown[],
  name: string,
  index: number,
  count: number,
): { item: ConceptItem; problem?: undefined } | { item?: undefined; problem: string } {
  const named = items.find(
    (it) =>
      typeof it === "object" && it !== null && nameKey(String((it as { name?: unknown }).name ?? "")) === nameKey(name),
  );
  const candidate = named ?? (items.length === count ? items[index] : undefined);
  if (candidate === undefined) return { problem: `no entry for "${name}"` };
  const parsed = ConceptItemSchema.safeParse(candidate);
  return parsed.success ? { item: parsed.data } : { problem: schemaProblem(parsed.error) };
}
