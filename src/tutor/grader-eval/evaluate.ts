import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { bundledPacksDir, loadPack, type PackEntry } from "../../knowledge/index.js";
import { gradeExplanation, VERDICTS, type Verdict } from "../grader/index.js";

/**
 * Measures the grader on explanations we labelled by hand: how many correct ones it verifies and how
 * many vague or wrong ones it lets through. `labelled.json` is the tuning set; `holdout.json` was
 * written at the same time and is only ever measured, never used to tune.
 */

export const LABELS = ["correct", "vague", "wrong"] as const;

/** One hand-labelled explanation. */
export const LabelledExplanation = z.object({
  /** The pack entry id. */
  concept: z.string().min(1),
  language: z.enum(["en", "zh"]),
  text: z.string().min(1),
  label: z.enum(LABELS),
});
export type LabelledExplanation = z.infer<typeof LabelledExplanation>;

type Label = (typeof LABELS)[number];
type VerdictKind = (typeof VERDICTS)[number];

/** Figures for one slice of the set. Shares are between 0 and 1. */
export interface SliceFigures {
  correct: number;
  correctVerified: number;
  vagueOrWrong: number;
  vagueOrWrongVerified: number;
}

/** A disagreement between the label and the gate. */
export interface EvaluationFailure {
  concept: string;
  language: "en" | "zh";
  label: Label;
  verdict: VerdictKind;
  text: string;
  covered: string[];
  missing: string[];
  misconceptions: string[];
}

/** The grader's figures on a labelled set. */
export interface GraderEvaluation {
  set: string;
  total: number;
  /** Share of correct explanations verified (target ≥ 0.9). */
  correctVerified: number;
  /** Share of vague or wrong explanations verified (target ≤ 0.05). */
  vagueOrWrongVerified: number;
  byLanguage: Record<"en" | "zh", SliceFigures>;
  byLabel: Record<Label, { total: number; verified: number }>;
  /** Rows: label; columns: verdict; cells: how many. */
  confusion: Record<Label, Record<VerdictKind, number>>;
  /** Correct ones not verified, and vague or wrong ones verified. */
  failures: EvaluationFailure[];
  /** Median grading time, in milliseconds. */
  medianMs: number;
  /** Slowest single grading, in milliseconds (the first gradings also compile a rubric and warm the JIT). */
  maxMs: number;
}

const HERE = fileURLToPath(new URL(".", import.meta.url));

/** Read a labelled set from this folder (`labelled` or `holdout`). */
export function readLabelledSet(name: "labelled" | "holdout"): LabelledExplanation[] {
  const raw: unknown = JSON.parse(readFileSync(join(HERE, `${name}.json`), "utf8"));
  return z.array(LabelledExplanation).parse(raw);
}

function share(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}

function emptyConfusion(): Record<Label, Record<VerdictKind, number>> {
  const row = () => Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<VerdictKind, number>;
  return { correct: row(), vague: row(), wrong: row() };
}

/**
 * Grade every explanation of a labelled set with the bundled ai-2026 pack and compare with the
 * labels. Defaults to `labelled.json`.
 */
export function evaluateGrader(
  options: { set?: "labelled" | "holdout"; items?: LabelledExplanation[]; entries?: PackEntry[] } = {},
): GraderEvaluation {
  const setName = options.set ?? "labelled";
  const items = options.items ?? readLabelledSet(setName);
  const entries = options.entries ?? loadPack(join(bundledPacksDir(), "ai-2026")).entries;
  const byId = new Map(entries.map((e) => [e.id, e]));
  const confusion = emptyConfusion();
  const tally = { en: { c: 0, cv: 0, o: 0, ov: 0 }, zh: { c: 0, cv: 0, o: 0, ov: 0 } };
  const byLabel = {
    correct: { total: 0, verified: 0 },
    vague: { total: 0, verified: 0 },
    wrong: { total: 0, verified: 0 },
  };
  const failures: EvaluationFailure[] = [];
  const times: number[] = [];
  for (const item of items) {
    const entry = byId.get(item.concept);
    if (!entry) throw new Error(`${setName}.json: unknown concept id "${item.concept}"`);
    const started = performance.now();
    const verdict: Verdict = gradeExplanation({
      entry,
      conceptName: item.concept,
      text: item.text,
      language: item.language,
    });
    times.push(performance.now() - started);
    const verified = verdict.verdict === "verified";
    confusion[item.label][verdict.verdict]++;
    byLabel[item.label].total++;
    if (verified) byLabel[item.label].verified++;
    const slice = tally[item.language];
    if (item.label === "correct") {
      slice.c++;
      if (verified) slice.cv++;
    } else {
      slice.o++;
      if (verified) slice.ov++;
    }
    if ((item.label === "correct") !== verified) {
      failures.push({
        concept: item.concept,
        language: item.language,
        label: item.label,
        verdict: verdict.verdict,
        text: item.text,
        covered: verdict.covered,
        missing: verdict.missing,
        misconceptions: verdict.misconceptions,
      });
    }
  }
  const figures = (t: { c: number; cv: number; o: number; ov: number }): SliceFigures => ({
    correct: t.c,
    correctVerified: share(t.cv, t.c),
    vagueOrWrong: t.o,
    vagueOrWrongVerified: share(t.ov, t.o),
  });
  const all = {
    c: tally.en.c + tally.zh.c,
    cv: tally.en.cv + tally.zh.cv,
    o: tally.en.o + tally.zh.o,
    ov: tally.en.ov + tally.zh.ov,
  };
  return {
    set: setName,
    total: items.length,
    correctVerified: share(all.cv, all.c),
    vagueOrWrongVerified: share(all.ov, all.o),
    byLanguage: { en: figures(tally.en), zh: figures(tally.zh) },
    byLabel,
    confusion,
    failures,
    medianMs: times.sort((a, b) => a - b)[Math.floor(times.length / 2)] ?? 0,
    maxMs: times[times.length - 1] ?? 0,
  };
}
