import { afterEach, describe, expect, it } from "vitest";
import { freshStore } from "../../test/helpers/store.js";
import {
  claimNextJob,
  enqueueJob,
  getJob,
  listJobs,
  requeueInterruptedJobs,
  requeueOrphanedJobs,
} from "../store/index.js";
import { runQueuedJobs, TransientJobError } from "./runner.js";

const stores: ReturnType<typeof freshStore>[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.cleanup();
});
function store() {
  const s = freshStore();
  stores.push(s);
  return s;
}

describe("runQueuedJobs", () => {
  it("runs queued jobs in order, persisting progress, and marks them done", async () => {
    const s = store();
    const a = enqueueJob(s, "count", null);
    const b = enqueueJob(s, "count", null);
    expect(b.id).toBe(a.id); // the same job is not queued twice
    const seen: string[] = [];
    await runQueuedJobs(
      s,
      {
        count: (_job, progress) => {
          progress(0.5, "halfway");
          progress(1, "done");
        },
      },
      (job, fraction, step) => seen.push(`${job.id} ${fraction} ${step}`),
    );
    expect(seen).toEqual([`${a.id} 0.5 halfway`, `${a.id} 1 done`]);
    expect(getJob(s, a.id)).toMatchObject({ state: "done", progress: 1, step: "done", attempts: 1, error: null });
  });

  it("retries a transient failure and fails a permanent one at once, with the reason", async () => {
    const s = store();
    const flaky = enqueueJob(s, "flaky", null);
    const broken = enqueueJob(s, "broken", null);
    let tries = 0;
    await runQueuedJobs(s, {
      flaky: () => {
        tries++;
        if (tries < 3) throw new TransientJobError("database is busy");
      },
      broken: () => {
        throw new Error("the transcript has no text");
      },
    });
    expect(tries).toBe(3);
    expect(getJob(s, flaky.id)).toMatchObject({ state: "done", attempts: 3 });
    expect(getJob(s, broken.id)).toMatchObject({ state: "failed", attempts: 1, error: "the transcript has no text" });
  });

  it("gives up on a transient failure after three attempts", async () => {
    const s = store();
    const job = enqueueJob(s, "down", null);
    await runQueuedJobs(s, {
      down: () => {
        throw new TransientJobError("server unreachable");
      },
    });
    expect(getJob(s, job.id)).toMatchObject({ state: "failed", attempts: 3, error: "server unreachable" });
  });

  it("puts jobs a crashed process left running back in the queue", async () => {
    const s = store();
    const job = enqueueJob(s, "count", null);
    expect(claimNextJob(s)?.state).toBe("running");
    expect(requeueInterruptedJobs(s)).toBe(1);
    expect(getJob(s, job.id)?.state).toBe("queued");
    await runQueuedJobs(s, { count: () => {} });
    expect(listJobs(s).map((j) => j.state)).toEqual(["done"]);
  });

  it("requeues only the running jobs whose process is gone", () => {
    const s = store();
    const mine = enqueueJob(s, "a", null);
    const dead = enqueueJob(s, "b", null);
    claimNextJob(s);
    claimNextJob(s);
    // A process id that no process has: the job's owner died.
    s.db.prepare("UPDATE job SET owner_pid = 2147483646 WHERE id = ?").run(dead.id);
    s.db.prepare("UPDATE job SET owner_pid = 1 WHERE id = ?").run(mine.id);
    expect(requeueOrphanedJobs(s)).toBe(1);
    expect(getJob(s, dead.id)?.state).toBe("queued");
    expect(getJob(s, mine.id)?.state).toBe("running");
  });
});
