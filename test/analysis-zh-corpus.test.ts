import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import type { TermCandidate } from "../src/analysis/concepts/candidate.js";
import { englishTermCandidates } from "../src/analysis/concepts/candidates-en.js";
import { chineseTermCandidates } from "../src/analysis/concepts/candidates-zh.js";
import { tokeniseSegments } from "../src/analysis/concepts/tokens.js";
import { variantKey } from "../src/analysis/concepts/variants.js";
import type { AnalysisSegment } from "../src/analysis/types.js";
import { HAS_CORPUS } from "./corpus.js";
import { bundledGlossary, corpusAnalysisInput } from "./helpers/corpus-analysis.js";

/** Our labelled lists of the Chinese terms of #459 in Chinese and the 小宇宙 episode (quality/labels). */
interface Labels {
  file: string;
  core: string[];
  chinese: string[];
  mixed: string[];
}
const here = dirname(fileURLToPath(import.meta.url));
const labelFiles = (
  JSON.parse(readFileSync(join(here, "../quality/labels/zh-terms.json"), "utf8")) as { files: Labels[] }
).files;

const wholeIn = (candidates: TermCandidate[]) => {
  const keys = new Set(candidates.map((c) => variantKey(c.surface)));
  return (term: string) => keys.has(variantKey(term));
};

describe.skipIf(!HAS_CORPUS)("Chinese term candidates on the real Chinese transcripts", () => {
  for (const labels of labelFiles) {
    describe(labels.file, () => {
      // Read in beforeAll: a skipped describe still runs its body, and the corpus may be absent.
      let segments: AnalysisSegment[] = [];
      let text = "";
      let plain: TermCandidate[] = [];
      let glossed: TermCandidate[] = [];
      beforeAll(() => {
        segments = corpusAnalysisInput(labels.file).segments;
        text = segments.map((s) => s.text).join("\n");
        plain = chineseTermCandidates(segments);
        glossed = chineseTermCandidates(segments, bundledGlossary());
      });

      it("labels only terms the transcript really says", () => {
        for (const term of [...labels.core, ...labels.chinese, ...labels.mixed]) {
          expect(text.includes(term), term).toBe(true);
        }
      });

      it("finds the issue's terms whole, with and without the glossary", () => {
        for (const term of labels.core) {
          expect(wholeIn(plain)(term), `${term} without glossary`).toBe(true);
          expect(wholeIn(glossed)(term), `${term} with glossary`).toBe(true);
        }
      });

      it("finds at least 90% of the listed Chinese terms whole", () => {
        for (const candidates of [plain, glossed]) {
          const whole = labels.chinese.filter(wholeIn(candidates));
          expect(whole.length / labels.chinese.length).toBeGreaterThanOrEqual(0.9);
        }
      });

      it("finds the mixed Chinese-Latin names whole, with the English extractor", () => {
        const english = englishTermCandidates(tokeniseSegments(segments));
        const found = wholeIn([...plain, ...english]);
        expect(labels.mixed.filter((t) => !found(t))).toEqual([]);
      });

      it("never returns a single Chinese character or a filler as a term", () => {
        const bad = plain
          .map((c) => c.surface)
          .filter((s) => /^[\u4e00-\u9fff]$/.test(s) || ["就是", "然后", "我们", "这个"].includes(s));
        expect(bad).toEqual([]);
      });
    });
  }
});
