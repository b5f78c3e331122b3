/**
 * `npm run quality`: how good the offline analysis is on the real corpus, as one JSON document:
 * concept recall and generic words (#490, #459, with and without the knowledge pack), Chinese terms
 * found whole, detected-chapter boundary F1 (Lexicap #309 and others with their chapters hidden),
 * clash moments found in #490, and mislabelled speakers suggested for review in #490. The labelled lists are ours, in quality/labels/.
 */
import { existsSync } from "node:fs";
import { CORPUS_DIR } from "../test/corpus.js";
import { chapterQuality } from "./chapters.js";
import { clashQuality } from "./clashes.js";
import { conceptQuality } from "./concepts.js";
import { speakerLabelQuality } from "./speaker-labels.js";
import { zhTermQuality } from "./zh-terms.js";

if (!existsSync(CORPUS_DIR)) {
  console.error(`quality: the corpus is absent at ${CORPUS_DIR}; set DEEPLISTEN_CORPUS`);
  process.exit(1);
}

const report = {
  concepts: conceptQuality(),
  chineseTerms: zhTermQuality(),
  ...chapterQuality(),
  ...clashQuality(),
  speakerLabels: speakerLabelQuality(),
};
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
