import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseTranscriptBytes } from "../src/ingest/index.js";
import { importEpisode } from "../src/library/index.js";
import { deleteEpisode, openStore } from "../src/store/index.js";
import { corpusFile, HAS_CORPUS } from "./corpus.js";
import { BIN } from "./helpers/cli.js";

/**
 * Faults survived, for real: each test SIGKILLs a child process in the middle of writing to the
 * library (an import, an analysis job, a stream of marks), then opens the library as the next run
 * would and checks nothing is half-written, nothing acknowledged is lost, and work resumes.
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
// The largest English file of the corpus: 1.6 MB, 1858 segments, long enough to be caught mid-write.
const BIG_SRT = corpusFile("en/lex459-deepseek.youtube-autocaption.srt");
const SMALL_VTT = `WEBVTT

00:00:01.000 --> 00:00:04.000
<v Ana>The router sends each token to two experts, a mixture of experts.

00:00:04.000 --> 00:00:08.000
<v Ben>And the other experts stay idle, which is why it is cheap.
`;

interface Child {
  proc: ChildProcess;
  out: { stdout: string; stderr: string };
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

let home: string;
let libraryPath: string;
const live = new Set<ChildProcess>();

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), "deeplisten-kill-"));
  libraryPath = join(home, "library.sqlite");
});
afterEach(() => {
  // A failed assertion must not leave a paused child holding the library open.
  for (const proc of live) proc.kill("SIGKILL");
  live.clear();
  rmSync(home, { recursive: true, force: true });
});

function startChild(args: string[], env: Record<string, string> = {}): Child {
  const proc = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, DEEPLISTEN_HOME: home, NO_COLOR: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  live.add(proc);
  const out = { stdout: "", stderr: "" };
  proc.stdout?.setEncoding("utf8").on("data", (d: string) => {
    out.stdout += d;
  });
  proc.stderr?.setEncoding("utf8").on("data", (d: string) => {
    out.stderr += d;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => {
    // "close", not "exit": every byte the child wrote to its pipes has been read by then.
    proc.on("close", (code, signal) => {
      live.delete(proc);
      done({ code, signal });
    });
  });
  return { proc, out, exited };
}

/** The real `deeplisten` command, as a user runs it. */
function startDeeplisten(args: string[], env: Record<string, string> = {}): Child {
  return startChild([BIN, ...args], env);
}

/** SIGKILL: no handler runs, no transaction is rolled back by the process itself. */
async function kill(child: Child): Promise<void> {
  child.proc.kill("SIGKILL");
  const { signal } = await child.exited;
  expect(signal).toBe("SIGKILL");
}

/** Polls until `ready()` holds; fails early if the child exits first, and after `timeoutMs`. */
async function waitUntil(child: Child, ready: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  let exited = false;
  void child.exited.then(() => {
    exited = true;
  });
  const deadline = Date.now() + timeoutMs;
  while (!ready()) {
    if (exited) throw new Error(`the child exited before ${what}:\n${child.out.stderr}${child.out.stdout}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${child.out.stderr}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Opens the library as the next run would (recovering the WAL) and checks it is sound. */
function checkLibrary(): Record<string, number> {
  const db = new Database(libraryPath);
  try {
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(db.pragma("foreign_key_check")).toEqual([]);
    // The full-text indexes are separate b-trees: check they agree with their content too.
    db.exec("INSERT INTO segment_fts(segment_fts) VALUES ('integrity-check')");
    db.exec("INSERT INTO segment_fts_trigram(segment_fts_trigram) VALUES ('integrity-check')");
    const counts: Record<string, number> = {};
    for (const table of [
      "episode",
      "speaker",
      "segment",
      "chapter",
      "segment_fts",
      "segment_fts_trigram",
      "mark",
      "mastery_event",
      "job",
      "episode_concept",
      "episode_analysis",
    ]) {
      counts[table] = (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    }
    return counts;
  } finally {
    db.close();
  }
}

/** A library with one small episode in it, written in-process (fast), then closed for the child. */
async function libraryWithSmallEpisode(): Promise<string> {
  const file = join(home, "small.vtt");
  writeFileSync(file, SMALL_VTT);
  const store = openStore(libraryPath);
  try {
    return (await importEpisode(store, { source: file })).episode.id;
  } finally {
    store.db.close();
  }
}

function episodeSegmentCounts(): { id: string; segments: number; fts: number }[] {
  const db = new Database(libraryPath, { readonly: true });
  try {
    return db
      .prepare(
        `SELECT e.id, (SELECT count(*) FROM segment s WHERE s.episode_id = e.id) AS segments,
           (SELECT count(*) FROM segment s JOIN segment_fts f ON f.rowid = s.id WHERE s.episode_id = e.id) AS fts
         FROM episode e ORDER BY e.rowid`,
      )
      .all() as { id: string; segments: number; fts: number }[];
  } finally {
    db.close();
  }
}

describe.skipIf(!HAS_CORPUS)("SIGKILL during an import", () => {
  it("mid-transaction: no partial episode, integrity ok, and the re-import works", async () => {
    await libraryWithSmallEpisode();
    const before = checkLibrary();
    const expectedSegments = parseTranscriptBytes(readFileSync(BIG_SRT), BIG_SRT).transcript.segments.length;

    // The hook holds the transaction open after every row is written, just before COMMIT.
    const child = startDeeplisten(["import", BIG_SRT, "--no-analyze", "--json"], {
      DEEPLISTEN_TEST_PAUSE_BEFORE_COMMIT_MS: "60000",
    });
    await waitUntil(child, () => child.out.stderr.includes("pausing before commit"), "the import's transaction");
    await kill(child);

    expect(checkLibrary()).toEqual(before);

    const again = startDeeplisten(["import", BIG_SRT, "--no-analyze", "--json"]);
    const { code } = await again.exited;
    expect(code, again.out.stderr).toBe(0);
    const imported = JSON.parse(again.out.stdout) as { episode: { segmentCount: number }; alreadyImported: boolean };
    expect(imported.alreadyImported).toBe(false);
    expect(imported.episode.segmentCount).toBe(expectedSegments);
    const after = checkLibrary();
    expect(after.episode).toBe((before.episode ?? 0) + 1);
    expect(after.segment).toBe((before.segment ?? 0) + expectedSegments);
    expect(after.segment_fts).toBe((before.segment_fts ?? 0) + expectedSegments);
  }, 90_000);

  it("at arbitrary moments: each time the episode is either wholly there or not at all", async () => {
    await libraryWithSmallEpisode();
    const before = checkLibrary();
    const expectedSegments = parseTranscriptBytes(readFileSync(BIG_SRT), BIG_SRT).transcript.segments.length;
    // From "still starting up" to "writing": wherever the kill lands, the rule must hold.
    for (const delayMs of [700, 1300, 1900]) {
      const child = startDeeplisten(["import", BIG_SRT, "--no-analyze", "--json"]);
      await new Promise((r) => setTimeout(r, delayMs));
      if (child.proc.exitCode === null) await kill(child);
      else await child.exited;

      checkLibrary();
      const episodes = episodeSegmentCounts();
      const base = before.episode ?? 0;
      expect([base, base + 1]).toContain(episodes.length);
      const extra = episodes.slice(base);
      for (const e of extra) {
        expect(e.segments).toBe(expectedSegments);
        expect(e.fts).toBe(expectedSegments);
        // Start the next round from the same library.
        const store = openStore(libraryPath);
        deleteEpisode(store, e.id);
        store.db.close();
      }
    }
  }, 90_000);
});

describe.skipIf(!HAS_CORPUS)("SIGKILL during an analysis job", () => {
  /** Imports the big file without analysing it, then starts `deeplisten analyze` and kills it mid-job. */
  async function killAnalysisMidway(): Promise<{ episodeId: string; jobId: string }> {
    const store = openStore(libraryPath);
    const episodeId = (await importEpisode(store, { source: BIG_SRT })).episode.id;
    store.db.close();

    const child = startDeeplisten(["analyze", episodeId, "--json"]);
    const db = new Database(libraryPath, { readonly: true });
    let job: { id: string; state: string; progress: number } | undefined;
    try {
      // Persisted progress above 0 means the analysis itself is under way, not just queued.
      await waitUntil(
        child,
        () => {
          job = db
            .prepare("SELECT id, state, progress FROM job WHERE kind = 'analysis' AND episode_id = ?")
            .get(episodeId) as typeof job;
          return job?.state === "running" && job.progress > 0;
        },
        "the analysis to be running",
      );
      await kill(child);
      const after = db.prepare("SELECT state, attempts FROM job WHERE id = ?").get(job?.id) as {
        state: string;
        attempts: number;
      };
      // Still "running": the process died inside the job, which is the case under test.
      expect(after).toEqual({ state: "running", attempts: 1 });
    } finally {
      db.close();
    }
    const counts = checkLibrary();
    // Nothing of the analysis is half-saved: it is stored in one transaction or not at all.
    expect(counts.episode_analysis).toBe(0);
    expect(counts.episode_concept).toBe(0);
    return { episodeId, jobId: job?.id as string };
  }

  function jobRow(id: string) {
    const db = new Database(libraryPath, { readonly: true });
    try {
      return db.prepare("SELECT state, attempts, progress FROM job WHERE id = ?").get(id) as {
        state: string;
        attempts: number;
        progress: number;
      };
    } finally {
      db.close();
    }
  }

  it("the interrupted job is requeued at server start and completes", async () => {
    const { episodeId, jobId } = await killAnalysisMidway();

    const server = startDeeplisten(["serve", "--port", "0", "--json"]);
    await waitUntil(server, () => jobRow(jobId).state === "done", "the requeued job to finish");
    server.proc.kill("SIGTERM");
    await server.exited;

    expect(jobRow(jobId)).toEqual({ state: "done", attempts: 2, progress: 1 });
    const counts = checkLibrary();
    expect(counts.job).toBe(1);
    expect(counts.episode_analysis).toBe(1);
    expect(counts.episode_concept).toBeGreaterThan(10);

    const concepts = startDeeplisten(["concepts", episodeId, "--json"]);
    expect((await concepts.exited).code, concepts.out.stderr).toBe(0);
    expect((JSON.parse(concepts.out.stdout) as { concepts: unknown[] }).concepts.length).toBeGreaterThan(10);
  }, 90_000);

  // The dead job is still "running" in the library: `deeplisten analyze` sees its process is gone and
  // runs it again rather than waiting for it.
  it("the interrupted job completes on the next `deeplisten analyze`", async () => {
    const { episodeId, jobId } = await killAnalysisMidway();

    const again = startDeeplisten(["analyze", episodeId, "--json"]);
    const { code } = await again.exited;
    expect(code, again.out.stderr).toBe(0);
    expect(jobRow(jobId).state).toBe("done");
    const counts = checkLibrary();
    expect(counts.job).toBe(1);
    expect(counts.episode_analysis).toBe(1);
  }, 90_000);
});

describe("SIGKILL while marks are being added", () => {
  it("every acknowledged mark is in the library, each with its mastery event", async () => {
    const episodeId = await libraryWithSmallEpisode();
    const acknowledged: number[] = [];
    // Three writers in turn, each killed at a different point of its stream of commits.
    for (const [round, acks] of [50, 400, 1500].entries()) {
      const child = startChild([
        "--import",
        "tsx",
        join(ROOT, "test/helpers/mark-loop.ts"),
        libraryPath,
        episodeId,
        String(round),
      ]);
      await waitUntil(child, () => child.out.stdout.split("\n").length > acks, `${acks} acknowledged marks`);
      await kill(child);
      // Only complete lines are acknowledgements; a torn last line was never acknowledged.
      const lines = child.out.stdout.split("\n").slice(0, -1);
      acknowledged.push(...lines.map(Number));
    }
    expect(acknowledged.length).toBeGreaterThan(1950);

    const counts = checkLibrary();
    const db = new Database(libraryPath, { readonly: true });
    try {
      const stored = new Set(
        (db.prepare("SELECT id FROM mark WHERE episode_id = ?").all(episodeId) as { id: number }[]).map((m) => m.id),
      );
      const missing = acknowledged.filter((id) => !stored.has(id));
      expect(missing).toEqual([]);
      // A mark may have committed after its last acknowledgement was cut off, never the other way round.
      expect(counts.mark).toBeGreaterThanOrEqual(acknowledged.length);
      expect(counts.mark).toBeLessThanOrEqual(acknowledged.length + 3);
      // A term mark and its mastery event are one transaction: never one without the other.
      const termMarks = (db.prepare("SELECT count(*) AS n FROM mark WHERE kind = 'term'").get() as { n: number }).n;
      const markEvents = (
        db.prepare("SELECT count(*) AS n FROM mastery_event WHERE event = 'mark'").get() as { n: number }
      ).n;
      expect(markEvents).toBe(termMarks);
    } finally {
      db.close();
    }
  }, 90_000);
});
