import { requeueOrphanedJobs, type Store } from "../store/index.js";
import { JOB_LANES, type JobLane } from "./lanes.js";
import { createJobLanes, type JobHandler } from "./runner.js";

/**
 * Runs the job queue in the background of a long-lived process (the server): jobs interrupted by
 * a previous crash resume at start, and `kick()` after queueing new work. Each lane (JOB_LANES)
 * runs one job at a time; a long transcription and an analysis run side by side.
 */
export function startJobLoop(
  store: Store,
  handlers: Record<string, JobHandler>,
  lanes: readonly JobLane[] = JOB_LANES,
) {
  const queue = createJobLanes(store, handlers, {
    lanes,
    yieldFirst: true,
    onQueueError: (error) => {
      // A job's own failure is stored on the job; this is the queue itself failing (say, the
      // library closed under it). Say so unless the library is simply gone.
      if (store.db.open) console.error("deeplisten: the job queue stopped:", error);
    },
  });
  const kick = (): Promise<void> => {
    queue.kick();
    return queue.idle();
  };
  requeueOrphanedJobs(store);
  queue.kick();
  return { kick, idle: queue.idle };
}
