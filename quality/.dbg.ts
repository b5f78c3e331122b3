import { readFileSync } from "node:fs";
import { extractConcepts } from "/work/main/src/analysis/concepts/index.js";
import { variantKey } from "/work/main/src/analysis/concepts/variants.js";
import { bundledGlossary, corpusAnalysisInput } from "/work/main/test/helpers/corpus-analysis.js";

const [file, glos, n] = process.argv.slice(2);
const labels = JSON.parse(readFileSync(`/work/main/quality/labels/${file}`, "utf8"));
const input = corpusAnalysisInput(labels.episode);
const cs = extractConcepts(input, glos === "1" ? bundledGlossary() : undefined);
const lab = new Map<string, string>();
for (const it of labels.items) for (const f of it.forms) lab.set(variantKey(f), it.id);
const top = Number(n ?? 120);
const seen = new Set<string>();
cs.slice(0, top).forEach((c, i) => {
  const ids = [c.name, ...c.aliases].map((a) => lab.get(variantKey(a))).filter(Boolean);
  ids.forEach((x) => seen.add(x as string));
  console.log(
    `${i + 1}\t${c.score}\t${c.kind}\t${c.mentions.length}\t${c.name}${c.aliases.length ? ` [${c.aliases.slice(0, 4).join("; ")}]` : ""}${ids.length ? `  <== ${[...new Set(ids)].join(",")}` : ""}`,
  );
});
for (const it of labels.items) {
  if (seen.has(it.id)) continue;
  const idx = cs.findIndex((c) => [c.name, ...c.aliases].some((a) => lab.get(variantKey(a)) === it.id));
  console.log(
    `MISSING ${it.id}: rank ${idx + 1} ${idx >= 0 ? `${cs[idx]?.name} score=${cs[idx]?.score} n=${cs[idx]?.mentions.length}` : ""}`,
  );
}
