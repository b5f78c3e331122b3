import { describe, expect, it } from "vitest";
import { placeChunkSegments, stitchChunks } from "./stitch.js";

describe("stitching chunks onto the file's timeline", () => {
  it("moves segments by the chunk's start, clamps them into the chunk and drops empty text", () => {
    const chunk = { idx: 2, startMs: 240_000, endMs: 360_000 };
    expect(
      placeChunkSegments(chunk, [
        { startMs: 0, endMs: 4_000, text: "  First   line. " },
        { startMs: 4_000, endMs: 4_500, text: "   " },
        // Whisper rounds its last segment up to the 30-second window, past the chunk's end.
        { startMs: 118_000, endMs: 150_000, text: "Last line." },
      ]),
    ).toEqual([
      { startMs: 240_000, endMs: 244_000, text: "First line." },
      { startMs: 358_000, endMs: 360_000, text: "Last line." },
    ]);
  });

  it("orders chunks by index and keeps starts non-decreasing and lines apart", () => {
    const a = { idx: 0, startMs: 0, endMs: 10_000 };
    const b = { idx: 1, startMs: 10_000, endMs: 20_000 };
    const stitched = stitchChunks([
      { chunk: b, segments: [{ startMs: 10_000, endMs: 12_000, text: "two" }] },
      { chunk: a, segments: [{ startMs: 8_000, endMs: 11_000, text: "one" }] },
    ]);
    expect(stitched).toEqual([
      { startMs: 8_000, endMs: 10_000, text: "one" },
      { startMs: 10_000, endMs: 12_000, text: "two" },
    ]);
  });
});
