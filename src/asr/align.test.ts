import { describe, expect, it } from "vitest";
import { findAudioOffset } from "./align.js";

const PARAGRAPHS = [
  "Welcome back to the show where we take one idea apart and look at every piece of it.",
  "Thanks for having me. I want to start with mixture of experts, because people get the routing wrong.",
  "Go ahead and explain the router, then we can talk about load balancing and why it matters at scale.",
  "The router picks two experts per token, and the auxiliary loss keeps any single expert from being flooded.",
];

/** The transcript: one paragraph every 20 s from 0. */
const transcript = PARAGRAPHS.map((text, i) => ({ startMs: i * 20_000, endMs: i * 20_000 + 18_000, text }));

/** What a recogniser hears: an ad first, then the same words shifted, split into shorter segments. */
function heard(offsetMs: number) {
  const ad = { startMs: 0, endMs: offsetMs - 1000, text: "This episode is sponsored by a mattress company." };
  const lines = PARAGRAPHS.flatMap((text, i) => {
    const words = text.split(" ");
    const half = Math.ceil(words.length / 2);
    const start = offsetMs + i * 20_000;
    return [
      { startMs: start, endMs: start + 9_000, text: words.slice(0, half).join(" ").toLowerCase() },
      { startMs: start + 9_000, endMs: start + 18_000, text: words.slice(half).join(" ") },
    ];
  });
  return [ad, ...lines];
}

describe("findAudioOffset", () => {
  it("finds an ad read's length from the words both texts share", () => {
    expect(findAudioOffset(heard(73_000), transcript)).toMatchObject({ offsetMs: 73_000 });
    expect(findAudioOffset(heard(7_000), transcript)?.anchors).toBeGreaterThan(4);
  });

  it("finds a negative offset when the audio starts later than the transcript", () => {
    const late = heard(20_000).map((s) => ({ ...s, startMs: s.startMs - 25_000, endMs: s.endMs - 25_000 }));
    expect(findAudioOffset(late.slice(3), transcript)?.offsetMs).toBe(-5_000);
  });

  it("gives up on audio of another conversation", () => {
    const other = [{ startMs: 0, endMs: 9_000, text: "Today we cook pasta with garlic, oil and a little chili." }];
    expect(findAudioOffset(other, transcript)).toBeNull();
  });
});
