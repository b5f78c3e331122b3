import { readFileSync } from "node:fs";
import { analysisInputFromTranscript } from "../../src/analysis/from-transcript.js";
import type { AnalysisInput, Glossary } from "../../src/analysis/types.js";
import { parseTranscriptBytes } from "../../src/ingest/index.js";
import { bundledPacksDir, glossaryFromPacks, loadPack } from "../../src/knowledge/index.js";
import { corpusFile } from "../corpus.js";

/** A corpus file parsed and ready for analysis (segment ids 1..n). */
export function corpusAnalysisInput(relative: string): AnalysisInput {
  const path = corpusFile(relative);
  return analysisInputFromTranscript(parseTranscriptBytes(readFileSync(path), path).transcript);
}

let glossary: Glossary | null = null;
/** The glossary of the bundled packs. */
export function bundledGlossary(): Glossary {
  glossary ??= glossaryFromPacks([loadPack(`${bundledPacksDir()}ai-2026`)]);
  return glossary;
}
