import { afterEach, describe, expect, it } from "vitest";
import { freshStore } from "../../test/helpers/store.js";
import { ENRICH_JOB } from "../library/enrichment/job.js";
import { ANALYSIS_JOB, TRANSCRIBE_JOB } from "../library/index.js";
import { enqueueJob, getJob, insertEpisode, type Store } from "../store/index.js";
import { startJobLoop } from "./job-loop.js";
import { laneOf } from "./lanes.js";
import { type JobHandler, runQueuedJobs } from "./runner.js";

const stores: ReturnType<typeof freshStore>[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.cleanup();
});
function store() {
  const s = freshStore();
  stores.push(s);
  return s;
}

/** A promise with its resolve, for a handler that waits until the test lets it go. */
function gate() {
  let open: () => void = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

/** A stored episode for jobs to name (jobs reference episodes). */
function episode(s: Store, title: string): string {
  return insertEpisode(s, {
    title,
    show: null,
    language: "en",
    durationMs: 3000,
    wordCount: 3,
    format: "srt",
    source: { kind: "file", ref: title, sha256: title },
    audioUrl: null,
    videoUrl: null,
    timingEstimated: false,
    speakersAnonymous: false,
    people: [],
    segments: [{ startMs: 0, endMs: 3000, speaker: "Lex", text: "What is MoE?" }],
    chapters: [],
  });
}

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe("job lanes", () => {
  it("puts transcription and enrichment in the long lane, everything else in the default one", () => {
    expect(laneOf(TRANSCRIBE_JOB)).toBe("long");
    expect(laneOf(ENRICH_JOB)).toBe("long");
    expect(laneOf(ANALYSIS_JOB)).toBe("default");
    expect(laneOf("anything-new")).toBe("default");
  });

  it("runs an analysis to done while a transcription queued before it is still blocked", async () => {
    const s = store();
    const transcription = enqueueJob(s, TRANSCRIBE_JOB, null);
    const analysis = enqueueJob(s, ANALYSIS_JOB, episode(s, "ep-1"));
    const release = gate();
    const order: string[] = [];
    const handlers: Record<string, JobHandler> = {
      [TRANSCRIBE_JOB]: async (_job, progress) => {
        progress(0.1, "transcribing");
        await release.opened;
        order.push("transcribe");
      },
      [ANALYSIS_JOB]: (_job, progress) => {
        progress(1, "done");
        order.push("analysis");
      },
    };
    const run = runQueuedJobs(s, handlers);
    await until(() => getJob(s, analysis.id)?.state === "done", "the analysis to finish");
    expect(getJob(s, transcription.id)).toMatchObject({ state: "running", progress: 0.1, step: "transcribing" });
    expect(getJob(s, transcription.id)?.attempts).toBe(1);
    release.open();
    const ran = await run;
    expect(order).toEqual(["analysis", "transcribe"]);
    expect(ran.map((j) => j.id)).toEqual([analysis.id, transcription.id]);
    expect(getJob(s, transcription.id)).toMatchObject({ state: "done", progress: 1 });
  });

  it("starts an analysis queued while the server's loop runs a long transcription", async () => {
    const s = store();
    const release = gate();
    let transcribing = false;
    const loop = startJobLoop(s, {
      [TRANSCRIBE_JOB]: async () => {
        transcribing = true;
        await release.opened;
      },
      [ANALYSIS_JOB]: () => {},
    });
    const transcription = enqueueJob(s, TRANSCRIBE_JOB, null);
    void loop.kick();
    await until(() => transcribing, "the transcription to start");
    const analysis = enqueueJob(s, ANALYSIS_JOB, episode(s, "ep-1"));
    void loop.kick();
    await until(() => getJob(s, analysis.id)?.state === "done", "the analysis to finish");
    expect(getJob(s, transcription.id)?.state).toBe("running");
    release.open();
    await loop.idle();
    expect(getJob(s, transcription.id)?.state).toBe("done");
  });

  it("still runs one job at a time within a lane", async () => {
    const s = store();
    enqueueJob(s, TRANSCRIBE_JOB, null);
    enqueueJob(s, ENRICH_JOB, episode(s, "ep-1"));
    enqueueJob(s, ANALYSIS_JOB, episode(s, "ep-2"));
    enqueueJob(s, "other", episode(s, "ep-3"));
    const active = { long: 0, default: 0 };
    const most = { long: 0, default: 0 };
    const job =
      (lane: "long" | "default"): JobHandler =>
      async () => {
        active[lane]++;
        most[lane] = Math.max(most[lane], active[lane]);
        await new Promise((resolve) => setTimeout(resolve, 20));
        active[lane]--;
      };
    const ran = await runQueuedJobs(s, {
      [TRANSCRIBE_JOB]: job("long"),
      [ENRICH_JOB]: job("long"),
      [ANALYSIS_JOB]: job("default"),
      other: job("default"),
    });
    expect(ran).toHaveLength(4);
    expect(most).toEqual({ long: 1, default: 1 });
  });

  it("never runs two jobs of one episode at once, even in different lanes", async () => {
    const s = store();
    const id = episode(s, "ep-1");
    const enrichment = enqueueJob(s, ENRICH_JOB, id);
    const analysis = enqueueJob(s, ANALYSIS_JOB, id);
    const order: string[] = [];
    const job =
      (name: string): JobHandler =>
      async () => {
        order.push(`${name} starts`);
        await new Promise((resolve) => setTimeout(resolve, 20));
        order.push(`${name} ends`);
      };
    await runQueuedJobs(s, { [ENRICH_JOB]: job("enrichment"), [ANALYSIS_JOB]: job("analysis") });
    // Whichever lane claims first, the other job waits for it to end.
    expect(order).toHaveLength(4);
    expect(order[1]).toBe(order[0]?.replace("starts", "ends"));
    expect(getJob(s, enrichment.id)?.state).toBe("done");
    expect(getJob(s, analysis.id)?.state).toBe("done");
  });
});
