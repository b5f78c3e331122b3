import type { Store } from "../store/index.js";

/** What every route module gets: the library, its folder, and a way to wake the job loop. */
export interface RouteDeps {
  store: Store;
  /** The library folder (packs, settings files). */
  home: string;
  /** Wakes the background job loop after a job was queued. */
  kickJobs: () => void;
}
