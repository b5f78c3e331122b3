import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { TermCandidate } from "../src/analysis/concepts/candidate.js";
import { englishTermCandidates } from "../src/analysis/concepts/candidates-en.js";
import { chineseTermCandidates } from "../src/analysis/concepts/candidates-zh.js";
import { tokeniseSegments } from "../src/analysis/concepts/tokens.js";
import { variantKey } from "../src/analysis/concepts/variants.js";
import type { AnalysisSegment } from "../src/analysis/types.js";
import { bundledGlossary, corpusAnalysisInput } from "../test/helpers/corpus-analysis.js";

/**
 * Chinese term quality over the shared corpus: for each labelled file (quality/labels/zh-terms.json),
 * how many listed Chinese terms the Chinese extractor returns whole (a candidate with exactly that
 * surface), with and without the bundled glossary; which come out split and into what; the mixed
 * Chinese-Latin names found by the Chinese and English extractors together; the 40 most frequent
 * candidates; and the time the Chinese extractor takes.
 */

const here = dirname(fileURLToPath(import.meta.url));
const TOP = 40;

/** One labelled file. */
export interface ZhTermLabels {
  file: string;
  core: string[];
  chinese: string[];
  mixed: string[];
}

/** The labelled lists. */
export function zhTermLabels(): ZhTermLabels[] {
  const raw = JSON.parse(readFileSync(join(here, "labels", "zh-terms.json"), "utf8")) as { files: ZhTermLabels[] };
  return raw.files;
}

/** Every span where `term` is written in the segments. */
function spansOf(segments: AnalysisSegment[], term: string): { segmentId: number; start: number; end: number }[] {
  const out: { segmentId: number; start: number; end: number }[] = [];
  for (const s of segments) {
    for (let i = s.text.indexOf(term); i >= 0; i = s.text.indexOf(term, i + 1)) {
      out.push({ segmentId: s.id, start: i, end: i + term.length });
    }
  }
  return out;
}

interface TermResult {
  term: string;
  written: number;
  /** A candidate has exactly this surface (variants folded). */
  whole: boolean;
  /** Written occurrences a candidate covers exactly or within a longer candidate (not cut). */
  covered: number;
  /** For a term not whole: the candidates over its first occurrence, i.e. what it was split into. */
  splitInto?: string[];
}

function judge(segments: AnalysisSegment[], candidates: TermCandidate[], term: string): TermResult {
  const key = variantKey(term);
  const whole = candidates.some((c) => variantKey(c.surface) === key);
  const bySegment = new Map<number, { start: number; end: number; surface: string }[]>();
  for (const c of candidates) {
    for (const o of c.occurrences) {
      const list = bySegment.get(o.segmentId) ?? [];
      list.push({ start: o.start, end: o.end, surface: c.surface });
      bySegment.set(o.segmentId, list);
    }
  }
  const spans = spansOf(segments, term);
  let covered = 0;
  for (const span of spans) {
    const over = bySegment.get(span.segmentId) ?? [];
    if (over.some((o) => o.start <= span.start && o.end >= span.end)) covered++;
  }
  const result: TermResult = { term, written: spans.length, whole, covered };
  if (!whole && spans[0]) {
    const first = spans[0];
    result.splitInto = (bySegment.get(first.segmentId) ?? [])
      .filter((o) => o.end > first.start && o.start < first.end)
      .map((o) => o.surface);
  }
  return result;
}

function summarise(results: TermResult[]): object {
  const whole = results.filter((r) => r.whole).length;
  const written = results.reduce((n, r) => n + r.written, 0);
  const covered = results.reduce((n, r) => n + r.covered, 0);
  return {
    whole: `${whole}/${results.length}`,
    wholeRate: Math.round((whole / Math.max(1, results.length)) * 1000) / 1000,
    occurrencesCovered: `${covered}/${written}`,
    split: results.filter((r) => !r.whole).map((r) => ({ term: r.term, written: r.written, into: r.splitInto ?? [] })),
  };
}

/** Wall and CPU time of a first run, and the best wall time of three more (the machine may be shared). */
function timed<T>(run: () => T): { value: T; ms: number; cpuMs: number; bestMs: number } {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = run();
  const ms = Math.round(performance.now() - started);
  const cpuMs = Math.round(process.cpuUsage(cpu).user / 1000);
  let bestMs = ms;
  for (let i = 0; i < 3; i++) {
    const again = performance.now();
    run();
    bestMs = Math.min(bestMs, Math.round(performance.now() - again));
  }
  return { value, ms, cpuMs, bestMs };
}

/** Run the measures; returns the figures as an object (printed when run directly). */
export function zhTermQuality(): object {
  const files: object[] = [];
  for (const labels of zhTermLabels()) {
    const input = corpusAnalysisInput(labels.file);
    const segments = input.segments;
    const plain = timed(() => chineseTermCandidates(segments));
    const glossed = timed(() => chineseTermCandidates(segments, bundledGlossary()));
    const english = englishTermCandidates(tokeniseSegments(segments));
    const core = labels.core.map((t) => judge(segments, plain.value, t));
    const coreGlossed = labels.core.map((t) => judge(segments, glossed.value, t));
    const chinese = labels.chinese.map((t) => judge(segments, plain.value, t));
    const chineseGlossed = labels.chinese.map((t) => judge(segments, glossed.value, t));
    const mixed = labels.mixed.map((t) => {
      const zh = judge(segments, plain.value, t);
      const en = judge(segments, english, t);
      return { term: t, written: zh.written, byChinese: zh.whole, byEnglish: en.whole };
    });
    files.push({
      file: labels.file,
      segments: segments.length,
      characters: segments.reduce((n, s) => n + s.text.length, 0),
      ms: { first: plain.ms, firstCpu: plain.cpuMs, bestOf3: plain.bestMs },
      msWithGlossary: { first: glossed.ms, firstCpu: glossed.cpuMs, bestOf3: glossed.bestMs },
      candidates: plain.value.length,
      core: { withoutGlossary: summarise(core), withGlossary: summarise(coreGlossed) },
      chinese: { withoutGlossary: summarise(chinese), withGlossary: summarise(chineseGlossed) },
      mixed: {
        whole: `${mixed.filter((m) => m.byChinese || m.byEnglish).length}/${mixed.length}`,
        missing: mixed.filter((m) => !m.byChinese && !m.byEnglish).map((m) => m.term),
        byChinese: mixed.filter((m) => m.byChinese).map((m) => m.term),
      },
      [`top${TOP}`]: [...plain.value]
        .sort((a, b) => b.occurrences.length - a.occurrences.length)
        .slice(0, TOP)
        .map((c) => `${c.surface} ${c.occurrences.length}`),
    });
  }
  return {
    loadAverage: Math.round((loadavg()[0] ?? 0) * 100) / 100,
    files,
    targets: { core: "all whole, with and without the glossary", chinese: "whole", ms: "well under 500 on #459 zh" },
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(JSON.stringify(zhTermQuality(), null, 2));
}
