import { runQueuedJobs } from "../jobs/runner.js";
import { ANALYSIS_JOB, libraryJobHandlers } from "../library/index.js";
import { enqueueJob, getJob, type Job, requeueOrphanedJobs } from "../store/index.js";
import type { CliContext } from "./context.js";
import { progressBar } from "./progress-bar.js";

/**
 * Queues an analysis of the episode and runs the queue in this process with a progress bar.
 * Returns the finished job (state done or failed).
 */
export async function runAnalysis(ctx: CliContext, episodeId: string): Promise<Job> {
  const store = ctx.openLibrary();
  // A job left running by a process that was killed would otherwise be handed back and never run.
  requeueOrphanedJobs(store);
  const job = enqueueJob(store, ANALYSIS_JOB, episodeId);
  const bar = progressBar("analysing");
  await runQueuedJobs(store, libraryJobHandlers(store, ctx.home), (_job, fraction, step) => bar.update(fraction, step));
  bar.done();
  return getJob(store, job.id) as Job;
}
