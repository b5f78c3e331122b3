import { claimNextJob, finishJob, type Job, type Store, updateJobProgress } from "../store/index.js";

/** Reports progress from inside a job: a fraction 0..1 and the step it is on. */
export type JobProgress = (fraction: number, step: string) => void;

/** Does the work of one kind of job. Throw TransientJobError for what a retry may fix. */
export type JobHandler = (job: Job, progress: JobProgress) => Promise<void> | void;

/** A failure worth retrying (a busy database, a server that timed out); others fail the job at once. */
export class TransientJobError extends Error {
  override name = "TransientJobError";
}

const MAX_ATTEMPTS = 3;
/** Progress is written at most this often: the web app polls it; the CLI draws it on every call. */
const PERSIST_EVERY_MS = 200;

/**
 * Runs queued jobs one after another until none is left, persisting progress so the web app can
 * show it, and calling `onProgress` for the CLI's bar. Returns the jobs it ran.
 */
export async function runQueuedJobs(
  store: Store,
  handlers: Record<string, JobHandler>,
  onProgress: (job: Job, fraction: number, step: string) => void = () => {},
): Promise<Job[]> {
  const ran: Job[] = [];
  for (let job = claimNextJob(store); job; job = claimNextJob(store)) {
    const handler = handlers[job.kind];
    if (!handler) {
      finishJob(store, job.id, { error: `no handler for jobs of kind "${job.kind}"` });
      continue;
    }
    let lastWrite = 0;
    const current = job;
    const progress: JobProgress = (fraction, step) => {
      const now = Date.now();
      if (now - lastWrite >= PERSIST_EVERY_MS || fraction >= 1) {
        updateJobProgress(store, current.id, fraction, step);
        lastWrite = now;
      }
      onProgress(current, fraction, step);
    };
    try {
      await handler(current, progress);
      finishJob(store, current.id);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const retry = error instanceof TransientJobError && current.attempts < MAX_ATTEMPTS;
      finishJob(store, current.id, { error: message, retry });
    }
    ran.push(current);
  }
  return ran;
}
