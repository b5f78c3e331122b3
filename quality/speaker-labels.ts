import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { suggestSpeakerLabels } from "../src/attribution/suspicious-labels.js";
import { corpusAnalysisInput } from "../test/helpers/corpus-analysis.js";
import { timeMs } from "./clashes.js";

/**
 * Suspicious speaker labels suggested on #490 against our own list of mislabelled paragraphs
 * (quality/labels/lex490-mislabels.json): how many suggestions, how many a learner would accept
 * (the paragraph is on the list AND the suggested speaker is the right one), and the recall of the
 * list. Suggestions not on the list are printed for someone to read.
 */

interface Mislabel {
  time: string;
  labelled: string;
  speaker: string;
  confidence: "high" | "medium";
  why: string;
}

export interface MislabelList {
  file: string;
  mislabels: Mislabel[];
}

const here = dirname(fileURLToPath(import.meta.url));

/** Our list of mislabelled paragraphs in #490. */
export function lex490Mislabels(): MislabelList {
  return JSON.parse(readFileSync(join(here, "labels", "lex490-mislabels.json"), "utf8")) as MislabelList;
}

function clock(ms: number): string {
  return new Date(ms).toISOString().slice(11, 19);
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Suggestions on #490, accepted, and recall of the labelled list; returned as one object. */
export function speakerLabelQuality(): object {
  const labels = lex490Mislabels();
  const input = corpusAnalysisInput(labels.file);
  const host = input.speakers[0] ?? null;
  const t0 = performance.now();
  const suggestions = suggestSpeakerLabels({ segments: input.segments, host });
  const ms = performance.now() - t0;
  const byTime = new Map(labels.mislabels.map((m) => [timeMs(m.time), m]));
  const accepted = suggestions.filter((s) => byTime.get(s.startMs)?.speaker === s.suggested);
  const wrongSpeaker = suggestions.filter((s) => {
    const m = byTime.get(s.startMs);
    return m !== undefined && m.speaker !== s.suggested;
  });
  const acceptedTimes = new Set(accepted.map((s) => s.startMs));
  const missed = labels.mislabels.filter((m) => !acceptedTimes.has(timeMs(m.time)));
  const high = labels.mislabels.filter((m) => m.confidence === "high");
  const highFound = high.filter((m) => acceptedTimes.has(timeMs(m.time)));
  return {
    speakerLabels: {
      episode: labels.file,
      host,
      labelled: labels.mislabels.length,
      suggestions: suggestions.length,
      accepted: accepted.length,
      precision: suggestions.length ? round(accepted.length / suggestions.length) : 0,
      recall: round(accepted.length / labels.mislabels.length),
      recallHighConfidence: round(highFound.length / high.length),
      rightParagraphWrongSpeaker: wrongSpeaker.map((s) => `${clock(s.startMs)} ${s.labelled} -> ${s.suggested}`),
      missed: missed.map((m) => `${m.time} ${m.labelled} -> ${m.speaker} (${m.confidence})`),
      notOnList: suggestions
        .filter((s) => !byTime.has(s.startMs))
        .map(
          (s) =>
            `${clock(s.startMs)} ${s.labelled} -> ${s.suggested} [${s.rule}, ${s.confidence}]: ${s.reasons.join("; ")}`,
        ),
      ms: Math.round(ms),
    },
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(JSON.stringify(speakerLabelQuality(), null, 2));
}
