import { claimNextJob, finishJob, type Job, type Store, updateJobProgress } from "../store/index.js";
import { JOB_LANES, type JobLane, laneFilter } from "./lanes.js";

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

export interface JobLaneOptions {
  /** Called on every progress report, for the CLI's bar. */
  onProgress?: (job: Job, fraction: number, step: string) => void;
  /** The queue itself failed (not a job: the library closed under it, say); the lane stops. */
  onQueueError?: (error: unknown) => void;
  /** Called when a job has finished (done, failed, or queued again for a retry). */
  onFinished?: (job: Job) => void;
  /** Wait for the next turn of the event loop before claiming, so a request that queued work is answered first. */
  yieldFirst?: boolean;
  lanes?: readonly JobLane[];
}

/**
 * Runs the queue in lanes (see JOB_LANES): each lane claims and runs its jobs one after another,
 * the lanes side by side, so an hours-long transcription never holds up an analysis. `kick()`
 * wakes every idle lane; `idle()` settles when no lane has work left.
 */
export function createJobLanes(store: Store, handlers: Record<string, JobHandler>, options: JobLaneOptions = {}) {
  const given = options.lanes ?? JOB_LANES;
  // Without a lane for "every other kind", those kinds would never run.
  const lanes = given.some((lane) => !lane.kinds) ? given : [...given, { name: "default" }];
  const running = new Map<string, Promise<void>>();

  const startLane = (lane: JobLane): void => {
    // A running lane claims again before it stops, so it will see whatever was just queued.
    if (running.has(lane.name)) return;
    const filter = laneFilter(lane, lanes);
    const work = (async () => {
      try {
        // Never finish synchronously: `running` must hold this promise before it can be removed.
        await (options.yieldFirst ? new Promise((resolve) => setImmediate(resolve)) : Promise.resolve());
        // The library may have been closed meanwhile (the server shutting down, a test ending).
        if (!store.db.open) return;
        for (let job = claimNextJob(store, filter); job; job = claimNextJob(store, filter)) {
          await runJob(store, handlers, job, options.onProgress);
          options.onFinished?.(job);
          // A finished job may have queued work for another lane, or freed the episode a job there waits for.
          for (const other of lanes) if (other !== lane) startLane(other);
        }
      } catch (error) {
        options.onQueueError?.(error);
      } finally {
        running.delete(lane.name);
      }
    })();
    running.set(lane.name, work);
  };

  const kick = (): void => {
    for (const lane of lanes) startLane(lane);
  };
  const idle = async (): Promise<void> => {
    // A lane finishing can start another, so wait until a look finds none running.
    while (running.size > 0) await Promise.all(running.values());
  };
  return { kick, idle };
}

/**
 * Runs queued jobs until none is left (lanes side by side, each one job at a time), persisting
 * progress so the web app can show it, and calling `onProgress` for the CLI's bar. Returns the
 * jobs it ran, in the order they finished.
 */
export async function runQueuedJobs(
  store: Store,
  handlers: Record<string, JobHandler>,
  onProgress: (job: Job, fraction: number, step: string) => void = () => {},
  lanes: readonly JobLane[] = JOB_LANES,
): Promise<Job[]> {
  let failure: { error: unknown } | null = null;
  const ran: Job[] = [];
  const queue = createJobLanes(store, handlers, {
    onProgress,
    lanes,
    onFinished: (job) => ran.push(job),
    onQueueError: (error) => {
      failure ??= { error };
    },
  });
  queue.kick();
  await queue.idle();
  if (failure) throw (failure as { error: unknown }).error;
  return ran;
}

/** Runs one claimed job to done, failed, or queued again for a retry. */
async function runJob(
  store: Store,
  handlers: Record<string, JobHandler>,
  job: Job,
  onProgress: JobLaneOptions["onProgress"] = () => {},
): Promise<void> {
  const handler = handlers[job.kind];
  if (!handler) {
    finishJob(store, job.id, { error: `no handler for jobs of kind "${job.kind}"` });
    return;
  }
  let lastWrite = 0;
  const progress: JobProgress = (fraction, step) => {
    const now = Date.now();
    if (now - lastWrite >= PERSIST_EVERY_MS || fraction >= 1) {
      updateJobProgress(store, job.id, fraction, step);
      lastWrite = now;
    }
    onProgress(job, fraction, step);
  };
  try {
    await handler(job, progress);
    finishJob(store, job.id);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const retry = error instanceof TransientJobError && job.attempts < MAX_ATTEMPTS;
    finishJob(store, job.id, { error: message, retry });
  }
}
