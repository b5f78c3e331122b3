import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { findClashes } from "../src/analysis/clashes.js";
import type { ClashMoment } from "../src/analysis/types.js";
import { corpusAnalysisInput } from "../test/helpers/corpus-analysis.js";

/**
 * Clash moments found on #490 against our own list of verified moments (quality/labels): recall of
 * the list, and precision in two readings: strict (found moments that are on the list) and judged
 * (also counting the moments we read and judged real but mild). Found moments neither on the list nor
 * judged are printed for someone to read.
 */

interface LabelledMoment {
  time: string;
  topic: string;
  about?: string;
}

export interface ClashLabels {
  file: string;
  toleranceSeconds: number;
  moments: LabelledMoment[];
  judged: { plausible: LabelledMoment[]; notClash: LabelledMoment[] };
}

const here = dirname(fileURLToPath(import.meta.url));

/** The labelled clash moments of #490. */
export function lex490ClashLabels(): ClashLabels {
  return JSON.parse(readFileSync(join(here, "labels", "lex490-clashes.json"), "utf8")) as ClashLabels;
}

/** Milliseconds of an `hh:mm:ss` time. */
export function timeMs(time: string): number {
  const [h, m, s] = time.split(":").map(Number);
  return (((h ?? 0) * 60 + (m ?? 0)) * 60 + (s ?? 0)) * 1000;
}

/** True when a found moment covers a labelled time, its span widened by the tolerance. */
export function covers(moment: ClashMoment, timeMsValue: number, toleranceMs: number): boolean {
  return moment.startMs - toleranceMs <= timeMsValue && timeMsValue <= moment.endMs + toleranceMs;
}

function clock(ms: number): string {
  return new Date(ms).toISOString().slice(11, 19);
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Recall of the labelled list, count found, strict and judged precision on #490, printed and returned. */
export function clashQuality(): object {
  const labels = lex490ClashLabels();
  const input = corpusAnalysisInput(labels.file);
  const t0 = performance.now();
  const found = findClashes(input);
  const ms = performance.now() - t0;
  const tolerance = labels.toleranceSeconds * 1000;
  const hit = (m: ClashMoment, list: LabelledMoment[]) => list.some((l) => covers(m, timeMs(l.time), tolerance));
  const missed = labels.moments.filter((l) => !found.some((m) => covers(m, timeMs(l.time), tolerance)));
  const onList = found.filter((m) => hit(m, labels.moments));
  const plausible = found.filter((m) => !hit(m, labels.moments) && hit(m, labels.judged.plausible));
  const wrong = found.filter((m) => !hit(m, labels.moments) && !hit(m, labels.judged.plausible));
  const result = {
    clashes: {
      episode: labels.file,
      labelled: labels.moments.length,
      found: found.length,
      recall: round((labels.moments.length - missed.length) / labels.moments.length),
      precisionStrict: found.length ? round(onList.length / found.length) : 0,
      precisionJudged: found.length ? round((onList.length + plausible.length) / found.length) : 0,
      missed: missed.map((l) => `${l.time} ${l.topic}`),
      notOnListNorPlausible: wrong.map((m) => `${clock(m.startMs)} ${m.topic}: ${m.quote.slice(0, 100)}`),
      ms: Math.round(ms),
    },
  };
  return result;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(JSON.stringify(clashQuality(), null, 2));
}
