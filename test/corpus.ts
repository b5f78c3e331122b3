import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The shared corpus of real transcripts lives beside the project (`../shared/corpus`), never in it.
 * Tests that need it call `describeWithCorpus`, which skips with a message where it is absent.
 */
const here = dirname(fileURLToPath(import.meta.url));
export const CORPUS_DIR = process.env.DEEPLISTEN_CORPUS ?? resolve(here, "../../shared/corpus");
export const HAS_CORPUS = existsSync(join(CORPUS_DIR, "README.md"));

if (!HAS_CORPUS) {
  console.warn(`[corpus] ${CORPUS_DIR} is absent: tests on the real transcripts are skipped.`);
}

/** Absolute path of a corpus file, e.g. `corpusFile("en/lex490-state-of-ai-2026.timestamped.txt")`. */
export function corpusFile(relative: string): string {
  return join(CORPUS_DIR, relative);
}
