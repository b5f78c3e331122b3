/**
 * `npx tsx quality/concept-misses.ts [episode-substring] [--pack] [--band=55-100]`: for each labelled
 * episode, the rank, mentions and score of every label item (missed ones first) and the concepts in a
 * band of ranks, to see what competes with a missed concept. A tuning aid; `npm run quality` is the measure.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type RankedConcept, rankConcepts } from "../src/analysis/concepts/index.js";
import { variantKey } from "../src/analysis/concepts/variants.js";
import { bundledGlossary, corpusAnalysisInput } from "../test/helpers/corpus-analysis.js";

const here = dirname(fileURLToPath(import.meta.url));
const files = ["lex490-concepts.json", "lex459-concepts.json", "lex447-concepts.json", "lex416-concepts.json"];
const args = process.argv.slice(2);
const only = args.find((a) => !a.startsWith("--"));
const pack = args.includes("--pack");
const band = (args.find((a) => a.startsWith("--band="))?.slice(7) ?? "55-100").split("-").map(Number);
const [from, to] = [band[0] ?? 55, band[1] ?? 100];

for (const file of files) {
  if (only && !file.includes(only)) continue;
  const labels = JSON.parse(readFileSync(join(here, "labels", file), "utf8")) as {
    episode: string;
    items: { id: string; forms: string[] }[];
  };
  const ranked = rankConcepts(corpusAnalysisInput(labels.episode), pack ? bundledGlossary() : undefined);
  const concepts = ranked.map((r) => r.concept);
  const rankOf = new Map<string, number>();
  concepts.forEach((c, i) => {
    for (const n of [c.name, ...c.aliases]) if (!rankOf.has(variantKey(n))) rankOf.set(variantKey(n), i);
  });
  console.log(`\n== ${labels.episode} pack=${pack} concepts=${concepts.length}`);
  const rows = labels.items.map((item) => {
    const r = Math.min(...item.forms.map((f) => rankOf.get(variantKey(f)) ?? Number.POSITIVE_INFINITY));
    return { id: item.id, rank: r };
  });
  rows.sort((a, b) => b.rank - a.rank);
  for (const { id, rank } of rows) {
    const c = Number.isFinite(rank) ? concepts[rank] : undefined;
    const mark = rank >= 80 ? "MISS" : "ok  ";
    console.log(
      `${mark} ${id.padEnd(28)} rank ${Number.isFinite(rank) ? rank + 1 : "-"} ${c ? line(ranked[rank] as RankedConcept) : ""}`,
    );
  }
  console.log(`-- band ${from}-${to}`);
  for (let i = from - 1; i < Math.min(to, concepts.length); i++) {
    const c = concepts[i];
    if (c) console.log(`${String(i + 1).padStart(4)} ${line(ranked[i] as RankedConcept)}`);
  }
}

function line({ concept: c, evidence: e }: RankedConcept): string {
  const f = (x: number) => x.toFixed(2);
  return (
    `${c.name} [${c.kind}] m=${c.mentions.length} s=${c.score} | th=${f(e.termhood)} cov=${f(e.coverage)} ` +
    `def=${f(e.bestDefinition)} verb=${f(e.verbShare)} burst=${f(e.burstiness)} dens=${f(e.contextDensity)} adj=${f(e.adjectiveShare ?? 0)} heads=${e.headOf ?? 0}` +
    `${e.inTitles ? " T" : ""}${e.hasAcronymLink ? " A" : ""}${e.spelledOut ? "S" : ""}${e.inGlossary ? " G" : ""}`
  );
}
