import { describe, expect, it } from "vitest";
import { evaluateGrader, type GraderEvaluation, readLabelledSet } from "./grader-eval/evaluate.js";

/**
 * The grader's figures on our hand-labelled explanations, printed as a test report. The targets of
 * issue 4 are asserted on `labelled.json`; `holdout.json` is only reported, so it stays a measure
 * and never becomes something to tune against.
 */

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

function report(e: GraderEvaluation): string {
  const lines = [
    `grader on ${e.set}.json: ${e.total} explanations`,
    `  correct verified:        ${percent(e.correctVerified)} (target >= 90%)`,
    `  vague or wrong verified: ${percent(e.vagueOrWrongVerified)} (target <= 5%)`,
  ];
  for (const language of ["en", "zh"] as const) {
    const f = e.byLanguage[language];
    lines.push(
      `  ${language}: correct verified ${percent(f.correctVerified)} of ${f.correct}; vague or wrong verified ${percent(f.vagueOrWrongVerified)} of ${f.vagueOrWrong}`,
    );
  }
  lines.push("  label \\ verdict   verified  partial  misconception  unknown-concept");
  for (const label of ["correct", "vague", "wrong"] as const) {
    const row = e.confusion[label];
    lines.push(
      `  ${label.padEnd(17)} ${String(row.verified).padStart(8)} ${String(row.partial).padStart(8)} ${String(row.misconception).padStart(14)} ${String(row["unknown-concept"]).padStart(16)}`,
    );
  }
  lines.push(
    `  grading time: median ${e.medianMs.toFixed(2)} ms, slowest ${e.maxMs.toFixed(1)} ms (first use compiles a rubric)`,
  );
  for (const f of e.failures) {
    lines.push(`  MISS ${f.label}/${f.language} ${f.concept} -> ${f.verdict}; missing [${f.missing.join(", ")}]`);
    lines.push(`       ${f.text.length > 140 ? `${f.text.slice(0, 140)}…` : f.text}`);
  }
  return lines.join("\n");
}

describe("grader evaluation", () => {
  it("the labelled set is big enough, bilingual, and covers about twenty concepts", () => {
    const items = readLabelledSet("labelled");
    expect(items.length).toBeGreaterThanOrEqual(120);
    expect(new Set(items.map((i) => i.concept)).size).toBeGreaterThanOrEqual(18);
    for (const language of ["en", "zh"] as const) {
      for (const label of ["correct", "vague", "wrong"] as const) {
        expect(items.filter((i) => i.language === language && i.label === label).length).toBeGreaterThan(10);
      }
    }
    expect(readLabelledSet("holdout").length).toBe(30);
  });

  it("meets the targets on the labelled set", () => {
    const e = evaluateGrader({ set: "labelled" });
    console.log(report(e));
    expect(e.correctVerified).toBeGreaterThanOrEqual(0.9);
    expect(e.vagueOrWrongVerified).toBeLessThanOrEqual(0.05);
  });

  it("reports the hold-out set (measured, not tuned against)", () => {
    const e = evaluateGrader({ set: "holdout" });
    console.log(report(e));
    expect(e.total).toBe(30);
  });
});
