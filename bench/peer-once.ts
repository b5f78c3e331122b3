/**
 * The peer: the `subtitle` npm package (a widely used SRT/WebVTT parser) on the same file, in its
 * own process. Reports its time, peak memory, cue count, last cue end and word count.
 */
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { parseSync } from "subtitle";
import { countWords } from "../src/core/index.js";

const [file, runsArg] = process.argv.slice(2);
if (!file) throw new Error("usage: peer-once.ts <file> [runs]");
const runs = Number(runsArg ?? 5);
const gc = (globalThis as { gc?: () => void }).gc;
const times: number[] = [];
let out: Record<string, unknown> = {};
for (let i = 0; i < runs; i++) {
  gc?.();
  const t0 = performance.now();
  try {
    const text = readFileSync(file, "utf8");
    const nodes = parseSync(text);
    const cues = nodes
      .filter((n) => n.type === "cue")
      .map((n) => n.data as { start: number; end: number; text: string });
    times.push(performance.now() - t0);
    out = {
      ok: true,
      cues: cues.length,
      lastEndMs: cues.reduce((m, c) => Math.max(m, c.end), 0),
      words: cues.reduce((n, c) => n + countWords(c.text.replace(/<[^>]+>/g, " ")), 0),
    };
  } catch (error) {
    times.push(performance.now() - t0);
    out = { ok: false, error: (error as Error).message.slice(0, 200) };
  }
}
const median = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)] ?? 0;
process.stdout.write(
  `${JSON.stringify({ parseMs: Math.round(median * 10) / 10, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), ...out })}\n`,
);
