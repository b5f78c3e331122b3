import { describe, expect, it } from "vitest";
import { listenedCoverage, mergeStretches } from "./listened-coverage.js";

describe("listened coverage", () => {
  it("counts a stretch heard twice once, and joins touching stretches", () => {
    expect(
      mergeStretches([
        { startMs: 30_000, endMs: 60_000 },
        { startMs: 0, endMs: 10_000 },
        { startMs: 10_000, endMs: 20_000 },
        { startMs: 40_000, endMs: 50_000 },
      ]),
    ).toEqual([
      { startMs: 0, endMs: 20_000 },
      { startMs: 30_000, endMs: 60_000 },
    ]);
  });

  it("gives the fraction of the episode covered, clipped to its duration", () => {
    const c = listenedCoverage(
      [
        { startMs: 0, endMs: 25_000 },
        { startMs: 90_000, endMs: 120_000 },
      ],
      100_000,
    );
    expect(c.listenedMs).toBe(35_000);
    expect(c.fraction).toBeCloseTo(0.35);
    expect(c.merged.at(-1)).toEqual({ startMs: 90_000, endMs: 100_000 });
  });

  it("covers nothing without stretches or duration", () => {
    expect(listenedCoverage([], 100_000)).toEqual({ listenedMs: 0, fraction: 0, merged: [] });
    expect(listenedCoverage([{ startMs: 0, endMs: 5000 }], 0).fraction).toBe(0);
  });
});
