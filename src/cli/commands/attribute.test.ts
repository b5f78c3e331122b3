import { afterEach, describe, expect, it } from "vitest";
import { captureContext } from "../../../test/helpers/cli-context.js";
import { freshStore } from "../../../test/helpers/store.js";
import { insertEpisode } from "../../store/index.js";
import { UsageError } from "../usage-error.js";
import { attributeCommand } from "./attribute.js";

const stores: ReturnType<typeof freshStore>[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.cleanup();
});

/** A context over a fresh library holding one short episode; `out` collects stdout. */
function setup(json: boolean) {
  const store = freshStore();
  stores.push(store);
  insertEpisode(store, {
    title: "State of AI",
    show: null,
    language: "en",
    durationMs: 60_000,
    wordCount: 40,
    format: "speaker-timestamp-lines",
    source: { kind: "file", ref: "a.txt", sha256: "a" },
    audioUrl: null,
    videoUrl: null,
    timingEstimated: false,
    speakersAnonymous: false,
    people: [],
    segments: [
      {
        startMs: 4_098_000,
        endMs: 4_100_000,
        speaker: "Sebastian Raschka",
        text: "Toy examples, right. But to generalize, RL post-training is more like the skill unlock, where pre-training is like soaking up the knowledge essentially.",
      },
      {
        startMs: 6_303_000,
        endMs: 6_310_000,
        speaker: "Nathan Lambert",
        text: "I still disagree with the premise because there's a lot of weird complexities that you can't prove.",
      },
    ],
    chapters: [],
  });
  return captureContext(store, json);
}

describe("deeplisten attribute", () => {
  it("prints exactly the documented JSON", async () => {
    const { ctx, out } = setup(true);
    const quote = "RL post-training is more like the skill unlock, where pre-training is like soaking up the knowledge";
    expect(await attributeCommand(ctx, ["State of AI", "--quote", quote, "--speaker", "Nathan"])).toBe(0);
    const printed = JSON.parse(out[0] as string);
    expect(Object.keys(printed)).toEqual([
      "found",
      "speaker",
      "startMs",
      "segmentId",
      "similarity",
      "verdict",
      "correctSpeaker",
    ]);
    expect(printed).toMatchObject({
      found: true,
      speaker: "Sebastian Raschka",
      startMs: 4_098_000,
      similarity: 1,
      verdict: "wrong-speaker",
      correctSpeaker: "Sebastian Raschka",
    });
  });

  it("prints a readable line for each verdict", async () => {
    const { ctx, out } = setup(false);
    await attributeCommand(ctx, ["State of AI", "--quote", "I still disagree with the premise", "--speaker", "Nathan"]);
    await attributeCommand(ctx, [
      "State of AI",
      "--quote",
      "I still disagree with the premise",
      "--speaker",
      "Sebastian",
    ]);
    await attributeCommand(ctx, ["State of AI", "--quote", "Reasoning comes only from post-training"]);
    expect(out).toEqual([
      "ok: Nathan Lambert says this at 01:45:03 (paragraph 2, word for word).",
      "wrong speaker: Nathan Lambert says this at 01:45:03 (paragraph 2, word for word), not Sebastian.",
      expect.stringMatching(/^not found in "State of AI"/),
    ]);
  });

  it("asks for an episode and a quote", () => {
    const { ctx } = setup(true);
    expect(() => attributeCommand(ctx, ["State of AI"])).toThrow(UsageError);
    expect(() => attributeCommand(ctx, ["State of AI", "--quote", "  "])).toThrow(UsageError);
    expect(() => attributeCommand(ctx, ["--quote", "x"])).toThrow(UsageError);
  });
});
