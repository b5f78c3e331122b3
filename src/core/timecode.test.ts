import { describe, expect, it } from "vitest";
import { formatTimecode, parseTimecode } from "./timecode.js";

describe("parseTimecode", () => {
  it("reads the time codes of real transcripts", () => {
    expect(parseTimecode("01:08:18")).toBe(4_098_000);
    expect(parseTimecode("00:00:02.160")).toBe(2160);
    expect(parseTimecode("00:00:01,870")).toBe(1870);
    expect(parseTimecode("59:52.040")).toBe(3_592_040); // Whisper VTT under an hour
    expect(parseTimecode("1:00:03.5")).toBe(3_603_500); // Lexicap's one-digit hours
    expect(parseTimecode("3:33")).toBe(213_000); // a table of contents
  });

  it("returns null for what is not a time code", () => {
    for (const bad of ["", "12", "aa:bb", "00:61:00", "1:2:3:4", "00:00:60", "00:0"])
      expect(parseTimecode(bad)).toBeNull();
  });
});

describe("formatTimecode", () => {
  it("writes hh:mm:ss, optionally with milliseconds", () => {
    expect(formatTimecode(4_098_000)).toBe("01:08:18");
    expect(formatTimecode(15_906_123, true)).toBe("04:25:06.123");
    expect(formatTimecode(-5)).toBe("00:00:00");
  });
});
