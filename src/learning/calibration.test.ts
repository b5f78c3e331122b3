import { describe, expect, it } from "vitest";
import {
  brierScore,
  type CalibrationAttempt,
  computeCalibration,
  confidenceForecast,
  weekStartOf,
} from "./calibration.js";

const at = (confidence: number, verdict: CalibrationAttempt["verdict"], createdAt: string, id?: number) => ({
  confidence,
  verdict,
  createdAt,
  id,
});

describe("calibration", () => {
  it("reads confidence 1..5 as a forecast from 0 to 1", () => {
    expect([1, 2, 3, 4, 5].map(confidenceForecast)).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });

  it("scores perfect forecasts 0, always-wrong certainty 1 and constant even odds 0.25", () => {
    expect(
      brierScore([
        { forecast: 1, verified: true },
        { forecast: 0, verified: false },
      ]),
    ).toBe(0);
    expect(
      brierScore([
        { forecast: 1, verified: false },
        { forecast: 0, verified: true },
      ]),
    ).toBe(1);
    expect(
      brierScore([
        { forecast: 0.5, verified: true },
        { forecast: 0.5, verified: false },
      ]),
    ).toBe(0.25);
    expect(brierScore([])).toBeNull();
  });

  it("gives accuracy per confidence level, the Brier score and over-confidence", () => {
    const c = computeCalibration([
      at(5, "verified", "2026-01-05T10:00:00Z", 1),
      at(5, "partial", "2026-01-05T11:00:00Z", 2),
      at(5, "misconception", "2026-01-05T12:00:00Z", 3),
      at(1, "partial", "2026-01-06T10:00:00Z", 4),
      at(3, "verified", "2026-01-06T11:00:00Z", 5),
    ]);
    const five = c.buckets.find((b) => b.confidence === 5);
    expect(five).toMatchObject({ count: 3, verifiedCount: 1, forecast: 1 });
    expect(five?.verifiedRate).toBeCloseTo(1 / 3);
    expect(c.buckets.find((b) => b.confidence === 2)).toMatchObject({ count: 0, verifiedRate: null });
    // (0 + 1 + 1 + 0 + 0.25) / 5
    expect(c.brier).toBeCloseTo(0.45);
    // Mean forecast (1+1+1+0+0.5)/5 = 0.7 against 2 of 5 verified.
    expect(c.overconfidence).toBeCloseTo(0.3);
    expect(c.points.map((p) => p.runningBrier)).toEqual([0, 0.5, 2 / 3, 0.5, 0.45]);
    expect(c.points.map((p) => p.attemptId)).toEqual([1, 2, 3, 4, 5]);
  });

  it("leaves out attempts the grader could not check, and counts them", () => {
    const c = computeCalibration([
      at(5, "unknown-concept", "2026-01-05T10:00:00Z"),
      at(4, "verified", "2026-01-05T11:00:00Z"),
    ]);
    expect(c.points).toHaveLength(1);
    expect(c.ungraded).toBe(1);
    expect(c.brier).toBeCloseTo(0.0625);
  });

  it("orders attempts by time and groups them by week (Monday, UTC)", () => {
    expect(weekStartOf("2026-01-04T23:59:00Z")).toBe("2025-12-29"); // a Sunday
    expect(weekStartOf("2026-01-05T00:00:00Z")).toBe("2026-01-05"); // a Monday
    const c = computeCalibration([
      at(2, "verified", "2026-01-13T09:00:00Z"),
      at(5, "partial", "2026-01-05T09:00:00Z"),
      at(5, "verified", "2026-01-12T09:00:00Z"),
    ]);
    expect(c.points.map((p) => p.createdAt.slice(0, 10))).toEqual(["2026-01-05", "2026-01-12", "2026-01-13"]);
    expect(c.weeks.map((w) => [w.weekStart, w.count])).toEqual([
      ["2026-01-05", 1],
      ["2026-01-12", 2],
    ]);
    expect(c.weeks[0]?.brier).toBe(1);
    expect(c.weeks[1]?.brier).toBeCloseTo((0 + 0.75 ** 2) / 2);
    expect(c.weeks[1]?.verifiedRate).toBe(1);
  });

  it("says nothing when there is nothing to say", () => {
    const c = computeCalibration([]);
    expect(c).toMatchObject({ points: [], brier: null, overconfidence: null, weeks: [], ungraded: 0 });
    expect(c.buckets).toHaveLength(5);
  });
});
