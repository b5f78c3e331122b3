/**
 * Keyword extraction side by side, in its own process: the peer (rake-modified, a RAKE
 * implementation from npm) and our concept extraction on the same transcript. Prints time and
 * recall of our labelled concept list in each one's top 80 (same matching rules for both).
 */
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import rakeModule from "rake-modified";
import { extractConcepts } from "../src/analysis/concepts/index.js";
import { variantKey } from "../src/analysis/concepts/variants.js";
import { analysisInputFromTranscript } from "../src/analysis/index.js";
import { parseTranscriptBytes } from "../src/ingest/index.js";

const [file, labelsFile] = process.argv.slice(2);
if (!file || !labelsFile) throw new Error("usage: keywords-once.ts <transcript> <labels.json>");
const labels = JSON.parse(readFileSync(labelsFile, "utf8")) as { items: { id: string; forms: string[] }[] };
const input = analysisInputFromTranscript(parseTranscriptBytes(readFileSync(file), file).transcript);
const text = input.segments.map((s) => s.text).join("\n");

function recallOf(names: string[][]): number {
  const said = new Set(names.flat().map(variantKey));
  const found = labels.items.filter((i) => i.forms.some((f) => said.has(variantKey(f)))).length;
  return Math.round((found / labels.items.length) * 1000) / 1000;
}

const rake =
  (rakeModule as unknown as { default?: (t: string) => Record<string, number> }).default ??
  (rakeModule as unknown as (t: string) => Record<string, number>);
let t0 = performance.now();
const scores = rake(text);
const rakeMs = performance.now() - t0;
const rakeTop = Object.entries(scores)
  .sort((a, b) => b[1] - a[1])
  .slice(0, 80)
  .map(([k]) => [k]);

t0 = performance.now();
const concepts = extractConcepts(input);
const oursMs = performance.now() - t0;
const oursTop = concepts.slice(0, 80).map((c) => [c.name, ...c.aliases]);

process.stdout.write(
  `${JSON.stringify({
    labelled: labels.items.length,
    peer: {
      library: "rake-modified@1.0.8",
      ms: Math.round(rakeMs),
      recallTop80: recallOf(rakeTop),
      top10: rakeTop.slice(0, 10).flat(),
    },
    deeplistenWithoutPack: {
      ms: Math.round(oursMs),
      recallTop80: recallOf(oursTop),
      top10: concepts.slice(0, 10).map((c) => c.name),
    },
  })}\n`,
);
