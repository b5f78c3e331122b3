/**
 * One benchmark case in its own process, so its peak memory is its own: import a file into fresh
 * libraries (read, decode, detect, parse, check, write in one transaction) and report the median
 * time of N runs. With N = 1 the peak resident memory is that of one import (the memory figure);
 * `baselineRssMb` is the process with its modules loaded, before any import. Prints one JSON line.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { countWords } from "../src/core/index.js";
import { parseTranscriptBytes } from "../src/ingest/index.js";
import { newEpisodeFromTranscript } from "../src/library/index.js";
import { insertEpisode, openStore } from "../src/store/index.js";

const [file, runsArg] = process.argv.slice(2);
if (!file) throw new Error("usage: import-once.ts <file> [runs]");
const runs = Number(runsArg ?? 5);
const baselineRssMb = Math.round(process.memoryUsage().rss / 1024 / 1024);
const gc = (globalThis as { gc?: () => void }).gc;
const times: number[] = [];
const parseTimes: number[] = [];
let result: { segments: number; words: number; durationMs: number; format: string } | null = null;

for (let i = 0; i < runs; i++) {
  gc?.();
  const dir = mkdtempSync(join(tmpdir(), "deeplisten-bench-"));
  const store = openStore(join(dir, "library.sqlite"));
  const t0 = performance.now();
  const bytes = readFileSync(file);
  const parsed = parseTranscriptBytes(bytes, file);
  const t1 = performance.now();
  const t = parsed.transcript;
  insertEpisode(
    store,
    newEpisodeFromTranscript(t, {
      title: undefined,
      sourceKind: "file",
      sourceRef: file,
      sha: String(i),
      audioUrl: null,
      fallbackTitle: file,
    }),
  );
  const t2 = performance.now();
  times.push(t2 - t0);
  parseTimes.push(t1 - t0);
  result = {
    segments: t.segments.length,
    words: t.segments.reduce((n, s) => n + countWords(s.text), 0),
    durationMs: t.durationMs,
    format: t.format,
  };
  store.db.close();
  rmSync(dir, { recursive: true, force: true });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
process.stdout.write(
  `${JSON.stringify({
    importMs: Math.round(median(times) * 10) / 10,
    parseMs: Math.round(median(parseTimes) * 10) / 10,
    firstRunMs: Math.round((times[0] ?? 0) * 10) / 10,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    baselineRssMb,
    ...result,
  })}\n`,
);
