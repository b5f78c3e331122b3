/**
 * A library of 100 episodes built from the corpus (its transcripts, repeated), analysed one after
 * another into one SQLite file: the time per episode stays flat, so the total grows linearly.
 * Prints one JSON line.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseTranscriptBytes } from "../src/ingest/index.js";
import { bundledPacksDir, glossaryFromPacks, loadPack } from "../src/knowledge/index.js";
import { analyzeStoredEpisode, newEpisodeFromTranscript } from "../src/library/index.js";
import { insertEpisode, openStore } from "../src/store/index.js";

const [corpus, countArg] = process.argv.slice(2);
if (!corpus) throw new Error("usage: library-scale.ts <corpus dir> [episodes]");
const count = Number(countArg ?? 100);
const files = [
  "en/lex490-state-of-ai-2026.timestamped.txt",
  "en/lex459-deepseek.lexfridman-site.md",
  "en/lex447-cursor-team.lexfridman-site.md",
  "en/lex416-yann-lecun.lexfridman-site.md",
  "en/lexicap-episode-094.whisper.vtt",
  "en/lexicap-episode-215.whisper.vtt",
  "en/lexicap-episode-299.whisper.vtt",
  "en/latent-space-applied-intuition.md",
  "en/lex333-karpathy.autocaption-plain.txt",
  "zh/xiaoyuzhou-onboard-ep35.pickpod.json",
];
const parsed = files.map((f) => parseTranscriptBytes(readFileSync(join(corpus, f)), f).transcript);
const dir = mkdtempSync(join(tmpdir(), "deeplisten-scale-"));
const store = openStore(join(dir, "library.sqlite"));
const glossary = glossaryFromPacks([loadPack(`${bundledPacksDir()}ai-2026`)]);
const perEpisode: number[] = [];
let words = 0;
const started = performance.now();
for (let i = 0; i < count; i++) {
  const t = parsed[i % parsed.length];
  if (!t) continue;
  const id = insertEpisode(
    store,
    newEpisodeFromTranscript(t, {
      title: `${t.title ?? "episode"} #${i}`,
      sourceKind: "file",
      sourceRef: `${i}`,
      sha: `${i}`,
      audioUrl: null,
      fallbackTitle: `episode #${i}`,
    }),
  );
  const t0 = performance.now();
  analyzeStoredEpisode(store, id, glossary);
  perEpisode.push(performance.now() - t0);
  words += t.wordCount;
}
const total = performance.now() - started;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const quarter = Math.floor(count / 4);
const concepts = (store.db.prepare("SELECT count(*) AS n FROM concept").get() as { n: number }).n;
store.db.close();
rmSync(dir, { recursive: true, force: true });
process.stdout.write(
  `${JSON.stringify({
    episodes: count,
    words,
    totalSeconds: Math.round(total / 100) / 10,
    msPerEpisodeFirstQuarter: Math.round(mean(perEpisode.slice(0, quarter))),
    msPerEpisodeLastQuarter: Math.round(mean(perEpisode.slice(-quarter))),
    libraryConcepts: concepts,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  })}\n`,
);
