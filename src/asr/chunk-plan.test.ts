import { describe, expect, it } from "vitest";
import { planChunks } from "./chunk-plan.js";

describe("planChunks", () => {
  it("cuts in the middle of the longest pause between half the target and the maximum", () => {
    const chunks = planChunks(
      300_000,
      [
        { startMs: 40_000, endMs: 40_400 },
        { startMs: 90_000, endMs: 92_000 }, // the long pause inside the first window wins
        { startMs: 119_000, endMs: 119_500 },
        { startMs: 210_000, endMs: 211_000 },
      ],
      { targetMs: 120_000, maxMs: 180_000 },
    );
    expect(chunks).toEqual([
      { idx: 0, startMs: 0, endMs: 91_000 },
      { idx: 1, startMs: 91_000, endMs: 210_500 },
      { idx: 2, startMs: 210_500, endMs: 300_000 },
    ]);
  });

  it("cuts at the maximum where there is no pause (music), and never leaves a gap", () => {
    const chunks = planChunks(400_000, [], { targetMs: 120_000, maxMs: 180_000 });
    expect(chunks.map((c) => [c.startMs, c.endMs])).toEqual([
      [0, 180_000],
      [180_000, 360_000],
      [360_000, 400_000],
    ]);
  });

  it("keeps a short file whole, and uses only the part of a pause inside the window", () => {
    expect(planChunks(30_000, [{ startMs: 10_000, endMs: 12_000 }], { targetMs: 120_000 })).toEqual([
      { idx: 0, startMs: 0, endMs: 30_000 },
    ]);
    // A pause straddling the window's end: the cut lands in its part before the maximum.
    const [first] = planChunks(100_000, [{ startMs: 50_000, endMs: 70_000 }], { targetMs: 40_000, maxMs: 60_000 });
    expect(first?.endMs).toBe(55_000);
  });

  it("covers a 4.5-hour file with chunks no longer than the maximum, in order", () => {
    const silences = Array.from({ length: 3000 }, (_, i) => ({ startMs: i * 5400 + 4000, endMs: i * 5400 + 4600 }));
    const chunks = planChunks(16_200_000, silences, { targetMs: 120_000, maxMs: 180_000 });
    expect(chunks[0]?.startMs).toBe(0);
    expect(chunks.at(-1)?.endMs).toBe(16_200_000);
    chunks.forEach((c, i) => {
      expect(c.endMs - c.startMs).toBeLessThanOrEqual(180_000);
      if (i > 0) expect(c.startMs).toBe(chunks[i - 1]?.endMs);
    });
  });
});
