import type { Store } from "./database.js";

export type JobState = "queued" | "running" | "done" | "failed";

/** A background job as the CLI and the web app read it. */
export interface Job {
  id: string;
  kind: string;
  episodeId: string | null;
  state: JobState;
  /** 0..1 */
  progress: number;
  /** What it is doing now, e.g. "finding concepts". */
  step: string;
  error: string | null;
  attempts: number;
  createdAt: string;
  updatedAt: string;
}

const SELECT = `SELECT id, kind, episode_id AS episodeId, state, progress, step, error, attempts,
  created_at AS createdAt, updated_at AS updatedAt FROM job`;

/** Queues a job; an identical job already queued or running is returned instead of a second one. */
export function enqueueJob(store: Store, kind: string, episodeId: string | null): Job {
  const existing = store.db
    .prepare(`${SELECT} WHERE kind = ? AND episode_id IS ? AND state IN ('queued', 'running')`)
    .get(kind, episodeId) as Job | undefined;
  if (existing) return existing;
  const id = store.newId("job");
  const now = store.now().toISOString();
  store.db
    .prepare("INSERT INTO job (id, kind, episode_id, state, created_at, updated_at) VALUES (?, ?, ?, 'queued', ?, ?)")
    .run(id, kind, episodeId, now, now);
  return getJob(store, id) as Job;
}

export function getJob(store: Store, id: string): Job | null {
  return (store.db.prepare(`${SELECT} WHERE id = ?`).get(id) as Job | undefined) ?? null;
}

/** The jobs of an episode, or of the whole library, newest first. */
export function listJobs(store: Store, options: { episodeId?: string; limit?: number } = {}): Job[] {
  const where = options.episodeId ? "WHERE episode_id = ?" : "";
  const params = options.episodeId ? [options.episodeId] : [];
  return store.db
    .prepare(`${SELECT} ${where} ORDER BY created_at DESC, rowid DESC LIMIT ?`)
    .all(...params, options.limit ?? 50) as Job[];
}

/** Which queued jobs a claim may take: only these kinds, or every kind but these. */
export interface JobClaimFilter {
  kinds?: readonly string[];
  exceptKinds?: readonly string[];
}

/**
 * Takes the oldest queued job the filter allows, marking it running; null when there is none.
 * A job of an episode that another job of this process is working on waits: two jobs never
 * rewrite one episode at once (an analysis and an enrichment of the same episode, say).
 */
export function claimNextJob(store: Store, filter: JobClaimFilter = {}): Job | null {
  const where = ["state = 'queued'"];
  const params: (string | number)[] = [];
  if (filter.kinds) {
    if (filter.kinds.length === 0) return null;
    where.push(`kind IN (${filter.kinds.map(() => "?").join(", ")})`);
    params.push(...filter.kinds);
  }
  if (filter.exceptKinds && filter.exceptKinds.length > 0) {
    where.push(`kind NOT IN (${filter.exceptKinds.map(() => "?").join(", ")})`);
    params.push(...filter.exceptKinds);
  }
  where.push(
    "(episode_id IS NULL OR NOT EXISTS (SELECT 1 FROM job busy WHERE busy.state = 'running' AND busy.episode_id = job.episode_id AND busy.owner_pid = ?))",
  );
  params.push(process.pid);
  return store.db.transaction(() => {
    const job = store.db
      .prepare(`${SELECT} WHERE ${where.join(" AND ")} ORDER BY created_at, rowid LIMIT 1`)
      .get(...params) as Job | undefined;
    if (!job) return null;
    store.db
      .prepare("UPDATE job SET state = 'running', attempts = attempts + 1, owner_pid = ?, updated_at = ? WHERE id = ?")
      .run(process.pid, store.now().toISOString(), job.id);
    return getJob(store, job.id);
  })();
}

export function updateJobProgress(store: Store, id: string, progress: number, step: string): void {
  store.db
    .prepare("UPDATE job SET progress = ?, step = ?, updated_at = ? WHERE id = ?")
    .run(Math.max(0, Math.min(1, progress)), step, store.now().toISOString(), id);
}

export function finishJob(store: Store, id: string, result: { error?: string; retry?: boolean } = {}): void {
  const state = result.error ? (result.retry ? "queued" : "failed") : "done";
  store.db
    .prepare(
      "UPDATE job SET state = ?, progress = CASE WHEN ? = 'done' THEN 1 ELSE progress END, error = ?, updated_at = ? WHERE id = ?",
    )
    .run(state, state, result.error ?? null, store.now().toISOString(), id);
}

/**
 * Jobs left running by a process that died (killed, crashed, machine off) go back to the queue,
 * so they resume on the next start.
 */
export function requeueInterruptedJobs(store: Store): number {
  return store.db
    .prepare("UPDATE job SET state = 'queued', updated_at = ? WHERE state = 'running'")
    .run(store.now().toISOString()).changes;
}

/**
 * Jobs marked running by a process that no longer exists (killed, crashed) go back to the queue.
 * Unlike `requeueInterruptedJobs`, safe while a server on this machine runs jobs: its jobs belong
 * to a live process and are left alone.
 */
export function requeueOrphanedJobs(store: Store): number {
  const running = store.db.prepare("SELECT id, owner_pid AS pid FROM job WHERE state = 'running'").all() as {
    id: string;
    pid: number | null;
  }[];
  const requeue = store.db.prepare("UPDATE job SET state = 'queued', updated_at = ? WHERE id = ?");
  let count = 0;
  for (const job of running) {
    if (job.pid !== null && job.pid !== process.pid && isAlive(job.pid)) continue;
    count += requeue.run(store.now().toISOString(), job.id).changes;
  }
  return count;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
