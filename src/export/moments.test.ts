import { describe, expect, it } from "vitest";
import { isYouTubeUrl, momentUrl, safeUrl } from "./moments.js";

describe("moment links", () => {
  it("seeks a YouTube video with t=<seconds>s, keeping the video id", () => {
    expect(momentUrl("https://www.youtube.com/watch?v=abc123", 4_098_900)).toBe(
      "https://www.youtube.com/watch?v=abc123&t=4098s",
    );
    expect(momentUrl("https://youtu.be/abc123", 61_000)).toBe("https://youtu.be/abc123?t=61s");
    expect(momentUrl("https://www.youtube.com/watch?v=abc123&t=5s", 0)).toBe(
      "https://www.youtube.com/watch?v=abc123&t=0s",
    );
  });

  it("has no link without a YouTube video", () => {
    expect(momentUrl(null, 1000)).toBeNull();
    expect(momentUrl("https://example.com/episode.mp3", 1000)).toBeNull();
    expect(momentUrl("https://notyoutube.com/watch?v=x", 1000)).toBeNull();
    expect(isYouTubeUrl("javascript:alert(1)//youtube.com")).toBe(false);
  });

  it("allows only http(s) and encodes what would end a link or an attribute", () => {
    expect(safeUrl("javascript:alert(1)")).toBeNull();
    expect(safeUrl("https://x.org/a_(b)?q='\"<>")).toBe("https://x.org/a_%28b%29?q=%27%22%3C%3E");
  });
});
