/**
 * One analysis benchmark in its own process: analyse a parsed transcript N times (the median time)
 * or once (the peak memory). Prints one JSON line.
 */
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { analysisInputFromTranscript, analyzeEpisode } from "../src/analysis/index.js";
import { parseTranscriptBytes } from "../src/ingest/index.js";
import { bundledPacksDir, glossaryFromPacks, loadPack } from "../src/knowledge/index.js";

const [file, runsArg] = process.argv.slice(2);
if (!file) throw new Error("usage: analysis-once.ts <file> [runs]");
const runs = Number(runsArg ?? 5);
const input = analysisInputFromTranscript(parseTranscriptBytes(readFileSync(file), file).transcript);
const glossary = glossaryFromPacks([loadPack(`${bundledPacksDir()}ai-2026`)]);
const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const baselineRssMb = Math.round(process.memoryUsage().rss / 1024 / 1024);
const times: number[] = [];
let result = { concepts: 0, chapters: 0, clashes: 0 };
for (let i = 0; i < runs; i++) {
  gc?.();
  const t0 = performance.now();
  const analysis = analyzeEpisode(input, { glossary });
  times.push(performance.now() - t0);
  result = { concepts: analysis.concepts.length, chapters: analysis.chapters.length, clashes: analysis.clashes.length };
}
const median = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)] ?? 0;
process.stdout.write(
  `${JSON.stringify({
    analysisMs: Math.round(median * 10) / 10,
    firstRunMs: Math.round((times[0] ?? 0) * 10) / 10,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    baselineRssMb,
    words: input.segments.reduce((n, s) => n + s.text.split(/\s+/).length, 0),
    ...result,
  })}\n`,
);
