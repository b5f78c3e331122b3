import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { analyzeStoredEpisode, importEpisode, libraryGlossary, SAMPLE } from "../src/library/index.js";
import { openStore } from "../src/store/index.js";
import { corpusFile, HAS_CORPUS } from "./corpus.js";
import { enrichmentResponder } from "./enrich-answers.js";
import { BIN, runDeeplisten } from "./helpers/cli.js";
import { type ReplayServer, startOpenAiReplayServer } from "./helpers/openai-replay-server.js";

/**
 * Faults survived, for real (continued from reliability-kill.test.ts): a `deeplisten enrich` run, the
 * server's enrichment job and an export are SIGKILLed mid-write. Afterwards the library is sound,
 * what was stored is whole, the rerun pays only for what is missing, the interrupted job resumes,
 * and an export folder holds only complete notes (a killed export's partial file is hidden and the
 * next export removes it).
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

interface Child {
  proc: ChildProcess;
  out: { stdout: string; stderr: string };
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const live = new Set<ChildProcess>();
afterEach(() => {
  // A failed assertion must not leave a paused child holding the library open.
  for (const proc of live) proc.kill("SIGKILL");
  live.clear();
});

function startDeeplisten(home: string, args: string[], env: Record<string, string> = {}): Child {
  const proc = spawn(process.execPath, [BIN, ...args], {
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
    proc.on("close", (code, signal) => {
      live.delete(proc);
      done({ code, signal });
    });
  });
  return { proc, out, exited };
}

/** SIGKILL: no handler runs, nothing is cleaned up by the process itself. */
async function kill(child: Child): Promise<void> {
  child.proc.kill("SIGKILL");
  const { signal } = await child.exited;
  expect(signal).toBe("SIGKILL");
}

/** Polls until `ready()` holds; fails early if the child exits first, and after `timeoutMs`. */
async function waitUntil(child: Child, ready: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
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

/** A library holding one episode, imported and analysed in-process (fast), then closed for the children. */
async function analysedLibrary(home: string, source: string): Promise<string> {
  const store = openStore(join(home, "library.sqlite"));
  try {
    const id = (await importEpisode(store, { source })).episode.id;
    analyzeStoredEpisode(store, id, libraryGlossary(home));
    return id;
  } finally {
    store.db.close();
  }
}

function readLibrary<T>(home: string, read: (db: Database.Database) => T): T {
  const db = new Database(join(home, "library.sqlite"), { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

describe("SIGKILL during an enrichment", () => {
  /**
   * A model server that answers slowly: a proxy in front of the replay server holds each request a
   * while, so a test can kill the client while a request is in flight, that is between two saves.
   * It records which requests were answered, by their messages.
   */
  interface SlowModel {
    baseUrl: string;
    delayMs: number;
    /** The messages of each request the client got an answer to, in order. */
    answered: string[];
    /** Requests held back (the client waits for them), by their messages. */
    held: Map<number, string>;
    /** Requests held or forwarded and not answered yet. */
    open: Set<number>;
    /** While true, held requests stay held however long they have waited. */
    frozen: boolean;
    close(): Promise<void>;
  }

  let replay: ReplayServer;
  let slow: SlowModel;
  let home: string;
  let episodeId: string;
  let modelEnv: Record<string, string>;

  const kindOf = (messages: string) => {
    const system = (JSON.parse(messages) as { role: string; content: string }[]).find((m) => m.role === "system");
    return system?.content.startsWith("You write study material") ? "concepts" : "other";
  };

  async function startSlowModel(target: ReplayServer): Promise<SlowModel> {
    let next = 0;
    const state = {
      delayMs: 150,
      frozen: false,
      answered: [] as string[],
      held: new Map<number, string>(),
      open: new Set<number>(),
    };
    const server: Server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const raw = Buffer.concat(chunks);
        let messages = "";
        try {
          messages = JSON.stringify((JSON.parse(raw.toString("utf8")) as { messages?: unknown }).messages ?? null);
        } catch {
          messages = "";
        }
        const id = next++;
        state.held.set(id, messages);
        state.open.add(id);
        // A client killed while its request is held never gets an answer: the request is dropped.
        let abandoned = false;
        res.on("close", () => {
          state.held.delete(id);
          state.open.delete(id);
          if (res.writableFinished) state.answered.push(messages);
          else abandoned = true;
        });
        const release = () => {
          if (state.frozen && !abandoned) {
            setTimeout(release, 20);
            return;
          }
          state.held.delete(id);
          if (abandoned) return;
          const upstream = httpRequest(
            {
              host: "127.0.0.1",
              port: target.port,
              path: req.url,
              method: req.method,
              headers: { ...req.headers, host: `127.0.0.1:${target.port}` },
            },
            (answer) => {
              res.writeHead(answer.statusCode ?? 502, answer.headers);
              answer.pipe(res);
            },
          );
          upstream.on("error", () => res.destroy());
          upstream.end(raw);
        };
        setTimeout(release, state.delayMs);
      });
    });
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", () => done()));
    const port = (server.address() as AddressInfo).port;
    return Object.assign(state, {
      baseUrl: `http://127.0.0.1:${port}/v1`,
      close: () =>
        new Promise<void>((done) => {
          server.closeAllConnections();
          server.close(() => done());
        }),
    });
  }

  beforeAll(async () => {
    replay = await startOpenAiReplayServer({ respond: enrichmentResponder() });
  });
  afterAll(async () => {
    await replay?.close();
  });
  beforeEach(async () => {
    home = mkdtempSync(join(tmpdir(), "deeplisten-kill-enrich-"));
    episodeId = await analysedLibrary(home, SAMPLE.transcript);
    slow = await startSlowModel(replay);
    modelEnv = {
      DEEPLISTEN_LLM_PROVIDER: "vllm",
      DEEPLISTEN_LLM_MODEL: "replay-model",
      DEEPLISTEN_LLM_BASE_URL: slow.baseUrl,
    };
  });
  afterEach(async () => {
    await slow?.close();
    rmSync(home, { recursive: true, force: true });
  });

  async function estimateCalls(): Promise<{ calls: number; concepts: number }> {
    const run = await runDeeplisten(home, ["enrich", episodeId, "--estimate", "--json"], modelEnv);
    expect(run.code, run.stderr).toBe(0);
    const estimate = JSON.parse(run.stdout) as { calls: number; concepts: unknown[] };
    return { calls: estimate.calls, concepts: estimate.concepts.length };
  }

  const storedConceptCount = () =>
    readLibrary(
      home,
      (db) => (db.prepare("SELECT count(DISTINCT concept_id) AS n FROM concept_enrichment").get() as { n: number }).n,
    );

  const cachedAnswerCount = () =>
    readLibrary(home, (db) => (db.prepare("SELECT count(*) AS n FROM llm_cache").get() as { n: number }).n);

  /**
   * Waits until some concepts are stored and the next concept request is in flight, then kills.
   * The model is frozen first and the kill waits until every answer already sent has been saved:
   * an answer still travelling to a process that dies is lost by nature, so "answered" must mean
   * answered and saved for the no-resend check to be fair (on a busy machine the gap is real).
   */
  async function killBetweenConcepts(child: Child): Promise<{ stored: number; answered: Set<string> }> {
    await waitUntil(
      child,
      () => storedConceptCount() >= 3 && [...slow.held.values()].some((m) => kindOf(m) === "concepts"),
      "some concepts stored and the next ones asked for",
    );
    slow.frozen = true;
    await waitUntil(
      child,
      () => slow.open.size === slow.held.size && cachedAnswerCount() === slow.answered.length,
      "every answer sent to be saved",
    );
    await kill(child);
    slow.frozen = false;
    // The request in flight is dropped with its client; only then is "answered" final.
    for (const deadline = Date.now() + 5000; slow.open.size > 0 && Date.now() < deadline; ) {
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(slow.open.size).toBe(0);
    slow.delayMs = 0;
    return { stored: storedConceptCount(), answered: new Set(slow.answered) };
  }

  /** Opens the library as the next run would and checks it is sound and every stored concept is whole. */
  function checkEnrichedLibrary(): number {
    const db = new Database(join(home, "library.sqlite"));
    try {
      expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
      expect(db.pragma("foreign_key_check")).toEqual([]);
      const rows = db.prepare("SELECT concept_id AS id, language, content FROM concept_enrichment").all() as {
        id: number;
        language: string;
        content: string;
      }[];
      const languages = new Map<number, string[]>();
      for (const row of rows) {
        const content = JSON.parse(row.content) as {
          explanation: string;
          examples: string[];
          checkQuestions: string[];
          rubric: { keyPoints: unknown[] };
        };
        expect(content.explanation.length, `concept ${row.id} (${row.language})`).toBeGreaterThan(20);
        expect(content.examples.length).toBeGreaterThan(0);
        expect(content.checkQuestions.length).toBeGreaterThan(0);
        expect(content.rubric.keyPoints.length).toBeGreaterThan(0);
        languages.set(row.id, [...(languages.get(row.id) ?? []), row.language].sort());
      }
      // Both languages of a concept are one transaction: never one without the other.
      for (const [id, langs] of languages) expect(langs, `concept ${id}`).toEqual(["en", "zh"]);
      return languages.size;
    } finally {
      db.close();
    }
  }

  it("`deeplisten enrich` killed mid-run: what is stored is whole, and the rerun asks only for what is missing", async () => {
    const full = await estimateCalls();
    expect(full.concepts).toBeGreaterThan(6);

    const child = startDeeplisten(home, ["enrich", episodeId, "--yes", "--json"], modelEnv);
    const { stored, answered } = await killBetweenConcepts(child);
    expect(checkEnrichedLibrary()).toBe(stored);
    expect(stored).toBeLessThan(full.concepts);

    // The estimate knows what is done: the answered parts are free now, the stored concepts are kept.
    const left = await estimateCalls();
    expect(left.concepts).toBe(full.concepts - stored);

    const before = slow.answered.length;
    const again = await runDeeplisten(home, ["enrich", episodeId, "--yes", "--json"], modelEnv);
    expect(again.code, again.stderr).toBe(0);
    const result = JSON.parse(again.stdout) as { concepts: { status: string }[]; mindmap: boolean };
    const statuses = result.concepts.map((c) => c.status);
    expect(statuses.filter((s) => s === "kept")).toHaveLength(stored);
    expect(statuses.filter((s) => s === "written")).toHaveLength(full.concepts - stored);
    expect(result.mindmap).toBe(true);

    const resent = slow.answered.slice(before);
    // Nothing answered before the kill is asked again; together the two runs asked each request once.
    expect(resent.filter((m) => answered.has(m)).map(kindOf)).toEqual([]);
    expect(new Set(resent).size).toBe(resent.length);
    expect(answered.size + resent.length).toBe(full.calls);
    expect(checkEnrichedLibrary()).toBe(full.concepts);
  }, 60_000);

  it("the server's enrichment job killed mid-run resumes when the server starts again", async () => {
    const full = await estimateCalls();

    const server = startDeeplisten(home, ["serve", "--port", "0", "--json"], modelEnv);
    await waitUntil(server, () => server.out.stdout.includes("\n"), "the server to listen");
    const { url } = JSON.parse(server.out.stdout.split("\n")[0] as string) as { url: string };
    const started = await fetch(new URL(`/api/episodes/${episodeId}/enrichment`, url), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(started.status).toBe(202);
    const jobId = ((await started.json()) as { job: { id: string } }).job.id;

    const { stored, answered } = await killBetweenConcepts(server);
    const jobRow = () =>
      readLibrary(
        home,
        (db) =>
          db.prepare("SELECT state, attempts FROM job WHERE id = ?").get(jobId) as { state: string; attempts: number },
      );
    // Still "running": the process died inside the job, which is the case under test.
    expect(jobRow()).toEqual({ state: "running", attempts: 1 });
    expect(checkEnrichedLibrary()).toBe(stored);

    const before = slow.answered.length;
    const again = startDeeplisten(home, ["serve", "--port", "0", "--json"], modelEnv);
    await waitUntil(again, () => jobRow().state !== "running" && jobRow().state !== "queued", "the resumed job to end");
    again.proc.kill("SIGTERM");
    await again.exited;

    expect(jobRow()).toEqual({ state: "done", attempts: 2 });
    const resent = slow.answered.slice(before);
    expect(resent.filter((m) => answered.has(m)).map(kindOf)).toEqual([]);
    expect(answered.size + resent.length).toBe(full.calls);
    expect(checkEnrichedLibrary()).toBe(full.concepts);
    const record = readLibrary(
      home,
      (db) =>
        JSON.parse(
          (db.prepare("SELECT value FROM setting WHERE key = ?").get(`enrichment:${episodeId}`) as { value: string })
            .value,
        ) as { concepts: { status: string }[]; mindmap: unknown },
    );
    expect(record.concepts).toHaveLength(full.concepts);
    expect(record.mindmap).not.toBeNull();
  }, 60_000);
});

describe("SIGKILL during an export", () => {
  // #490 when the corpus is here (about 120 notes), else the bundled sample.
  const SOURCE = HAS_CORPUS ? corpusFile("en/lex490-state-of-ai-2026.timestamped.txt") : SAMPLE.transcript;
  let home: string;
  let episodeId: string;

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), "deeplisten-kill-export-"));
    episodeId = await analysedLibrary(home, SOURCE);
  });
  afterAll(() => {
    rmSync(home, { recursive: true, force: true });
  });

  /** Every file under `dir`, by path relative to it, with its bytes. */
  function tree(dir: string): Map<string, Buffer> {
    const files = new Map<string, Buffer>();
    const walk = (at: string) => {
      for (const entry of readdirSync(at, { withFileTypes: true })) {
        const path = join(at, entry.name);
        if (entry.isDirectory()) walk(path);
        else files.set(relative(dir, path), readFileSync(path));
      }
    };
    if (existsSync(dir)) walk(dir);
    return files;
  }

  const isPartial = (path: string) => /\.partial-\d+$/.test(path);

  /** A note is complete: YAML front matter that parses (every value is a JSON scalar or list), then a body. */
  function expectCompleteNote(path: string, text: string): void {
    const match = /^---\n([\s\S]*?)\n---\n\n# .+\n/.exec(text);
    expect(match, `${path} starts with front matter and a title`).not.toBeNull();
    for (const line of (match?.[1] ?? "").split("\n")) {
      const field = /^([a-z_]+): (.*)$/.exec(line);
      expect(field, `${path}: ${line}`).not.toBeNull();
      expect(() => JSON.parse(field?.[2] ?? ""), `${path}: ${line}`).not.toThrow();
    }
    expect(text.endsWith("\n"), `${path} ends with its last line`).toBe(true);
  }

  /** An export run killed while writing its n-th file (after the partial file is written, before the rename). */
  async function killExportAtFile(args: string[], n: number): Promise<number> {
    const child = startDeeplisten(home, ["export", episodeId, ...args], {
      DEEPLISTEN_TEST_PAUSE_EXPORT_AT_FILE: String(n),
    });
    await waitUntil(child, () => child.out.stderr.includes("pausing mid-export"), `the export's file ${n}`);
    const pid = child.proc.pid as number;
    await kill(child);
    return pid;
  }

  it("obsidian: after a kill at any file only complete notes are visible, and a --force re-export is whole", async () => {
    const reference = join(home, "reference-vault");
    const first = await runDeeplisten(home, [
      "export",
      episodeId,
      "--format",
      "obsidian",
      "--out",
      reference,
      "--json",
    ]);
    expect(first.code, first.stderr).toBe(0);
    const order = (JSON.parse(first.stdout) as { export: { files: string[] } }).export.files.map((f) =>
      relative(reference, f),
    );
    const expected = tree(reference);
    expect(expected.size).toBe(order.length);
    if (HAS_CORPUS) expect(order.length).toBeGreaterThan(100);

    const vault = join(home, "vault");
    // The first file, one in the middle, the last: the first round on a new folder, the others replacing it.
    for (const [round, n] of [1, Math.ceil(order.length / 2), order.length].entries()) {
      const pid = await killExportAtFile(["--format", "obsidian", "--out", vault, ...(round ? ["--force"] : [])], n);
      const files = tree(vault);
      const partials = [...files.keys()].filter(isPartial);
      // The one file being written is left as a hidden partial (Obsidian skips dot files): the
      // earlier round's leftover was removed by this round.
      expect(partials).toEqual([
        join(dirname(order[n - 1] as string), `.${basename(order[n - 1] as string)}.partial-${pid}`),
      ]);
      for (const [path, bytes] of files) {
        if (isPartial(path)) continue;
        expect(path.endsWith(".md"), path).toBe(true);
        expect(basename(path).startsWith("."), path).toBe(false);
        // Every visible note is whole: the very note an uninterrupted export writes.
        expectCompleteNote(path, bytes.toString("utf8"));
        expect(bytes.equals(expected.get(path) as Buffer), `${path} is the complete note`).toBe(true);
      }
      for (const path of order.slice(0, n - 1)) expect(files.has(path), path).toBe(true);
      if (round === 0) expect(files.size).toBe(n);
    }

    const refused = await runDeeplisten(home, ["export", episodeId, "--format", "obsidian", "--out", vault]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/already exists; add --force to replace it/);

    const again = await runDeeplisten(home, ["export", episodeId, "--format", "obsidian", "--out", vault, "--force"]);
    expect(again.code, again.stderr).toBe(0);
    const after = tree(vault);
    expect([...after.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [path, bytes] of after) expect(bytes.equals(expected.get(path) as Buffer), path).toBe(true);
  }, 60_000);

  it("a single file: a kill leaves the old file whole or none, and the next export removes the partial", async () => {
    const reference = join(home, "reference.md");
    const first = await runDeeplisten(home, ["export", episodeId, "--format", "md", "--out", reference]);
    expect(first.code, first.stderr).toBe(0);
    const expected = readFileSync(reference);

    const folder = join(home, "notes");
    const target = join(folder, "episode.md");
    // Killed on the first export: no file under the target's name, only a hidden partial.
    const pid = await killExportAtFile(["--format", "md", "--out", target], 1);
    expect(readdirSync(folder)).toEqual([`.episode.md.partial-${pid}`]);

    // The target does not exist, so no --force is needed; the leftover is removed.
    const fresh = await runDeeplisten(home, ["export", episodeId, "--format", "md", "--out", target]);
    expect(fresh.code, fresh.stderr).toBe(0);
    expect(readdirSync(folder)).toEqual(["episode.md"]);
    expect(readFileSync(target).equals(expected)).toBe(true);

    // Killed while replacing it: the old file is still whole.
    const pid2 = await killExportAtFile(["--format", "md", "--out", target, "--force"], 1);
    expect(readdirSync(folder).sort()).toEqual([`.episode.md.partial-${pid2}`, "episode.md"]);
    expect(readFileSync(target).equals(expected)).toBe(true);

    const again = await runDeeplisten(home, ["export", episodeId, "--format", "md", "--out", target, "--force"]);
    expect(again.code, again.stderr).toBe(0);
    expect(readdirSync(folder)).toEqual(["episode.md"]);
    expect(readFileSync(target).equals(expected)).toBe(true);
  }, 60_000);
});
