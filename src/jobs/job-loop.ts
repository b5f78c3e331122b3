import { requeueOrphanedJobs, type Store } from "../store/index.js";
import { type JobHandler, runQueuedJobs } from "./runner.js";

/**
 * Runs the job queue in the background of a long-lived process (the server): jobs interrupted by
 * a previous crash resume at start, and `kick()` after queueing new work. Never two runs at once.
 */
export function startJobLoop(store: Store, handlers: Record<string, JobHandler>) {
  let running: Promise<void> | null = null;
  let again = false;
  const kick = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        // Yield first so the request that queued the job gets its answer before the work starts.
        await new Promise((resolve) => setImmediate(resolve));
        // The library may have been closed meanwhile (the server shutting down, a test ending).
        if (!store.db.open) return;
        try {
          await runQueuedJobs(store, handlers);
        } catch (error) {
          // A job's own failure is stored on the job; this is the queue itself failing (say, the
          // library closed under it). Say so unless the library is simply gone.
          if (store.db.open) console.error("deeplisten: the job queue stopped:", error);
          return;
        }
      } while (again);
    })().finally(() => {
      running = null;
    });
    return running;
  };
  requeueOrphanedJobs(store);
  void kick();
  return { kick, idle: () => running ?? Promise.resolve() };
}
