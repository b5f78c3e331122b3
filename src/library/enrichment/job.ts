import { type JobHandler, TransientJobError } from "../../jobs/runner.js";
import { readModelChoice } from "../../llm/model-choice.js";
import { enqueueJob, getSetting, type Job, type Store, setSetting } from "../../store/index.js";
import { ModelCallError } from "./model-call.js";
import type { EnrichRequest } from "./plan.js";
import { runEnrichment } from "./run.js";

/** The job kind of an enrichment started from the web app. */
export const ENRICH_JOB = "enrichment";

const requestKey = (episodeId: string) => `enrichment-request:${episodeId}`;

/**
 * Queues the enrichment of an episode (or of some of its concepts); one job per episode at a time,
 * so asking twice while it runs returns the running job.
 */
export function queueEnrichment(store: Store, episodeId: string, request: EnrichRequest): Job {
  setSetting(store, requestKey(episodeId), JSON.stringify(request));
  return enqueueJob(store, ENRICH_JOB, episodeId);
}

/** Sentence for a library without a model, naming what to configure. */
export const NO_MODEL_FOR_ENRICHMENT =
  "enrichment needs a model: choose one on the Settings page, or set DEEPLISTEN_LLM_PROVIDER and DEEPLISTEN_LLM_MODEL (a local Ollama or llama.cpp server works), or run deeplisten llm set --provider <id> --model <model>";

/**
 * The job: runs the enrichment with the model configured now. A rate limit, a 5xx or the network
 * going away is transient (the job is queued again and resumes from the cache); a refused key or an
 * unknown model fails the job with the sentence saying what to fix.
 */
export function enrichmentJobHandler(store: Store, home: string, env: NodeJS.ProcessEnv = process.env): JobHandler {
  return async (job, progress) => {
    if (!job.episodeId) throw new Error("an enrichment job needs an episode");
    const choice = readModelChoice(env, home);
    if (!choice.config) throw new Error(choice.problem ?? NO_MODEL_FOR_ENRICHMENT);
    let request: EnrichRequest = {};
    try {
      request = JSON.parse(getSetting(store, requestKey(job.episodeId)) ?? "{}") as EnrichRequest;
    } catch {
      request = {};
    }
    try {
      await runEnrichment({
        store,
        home,
        episodeId: job.episodeId,
        config: choice.config,
        request,
        onProgress: progress,
      });
    } catch (error) {
      if (error instanceof ModelCallError) {
        const message = `${error.message}; what was written so far is kept${error.transient ? " and the enrichment resumes from there" : ""}.`;
        throw error.transient ? new TransientJobError(message) : new Error(message);
      }
      throw error;
    }
  };
}
