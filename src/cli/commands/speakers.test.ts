import { afterEach, describe, expect, it } from "vitest";
import { captureContext } from "../../../test/helpers/cli-context.js";
import { freshStore } from "../../../test/helpers/store.js";
import { getSegments, insertEpisode } from "../../store/index.js";
import { CommandError, UsageError } from "../usage-error.js";
import { speakersCommand } from "./speakers.js";

const stores: ReturnType<typeof freshStore>[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.cleanup();
});

const ANSWER =
  "So winning is a very broad term. I would say you mentioned the DeepSeek moment, and I do think DeepSeek is definitely winning the hearts of the people who work on open weight models.";

function setup(json: boolean) {
  const store = freshStore();
  stores.push(store);
  const episodeId = insertEpisode(store, {
    title: "State of AI",
    show: "Lex Fridman Podcast",
    language: "en",
    durationMs: 60_000,
    wordCount: 80,
    format: "speaker-timestamp-lines",
    source: { kind: "file", ref: "a.txt", sha256: "a" },
    audioUrl: null,
    videoUrl: null,
    timingEstimated: false,
    speakersAnonymous: false,
    people: [
      { name: "Lex Fridman", role: "host", anonymous: false },
      { name: "Sebastian Raschka", role: "guest", anonymous: false },
      { name: "Nathan Lambert", role: "guest", anonymous: false },
    ],
    segments: [
      { startMs: 0, endMs: 10_000, speaker: "Lex Fridman", text: "So Sebastian, who do you think is winning?" },
      { startMs: 10_000, endMs: 20_000, speaker: "Lex Fridman", text: ANSWER },
      { startMs: 20_000, endMs: 30_000, speaker: "Sebastian Raschka", text: "However, budget and hardware decide." },
      { startMs: 30_000, endMs: 40_000, speaker: "Lex Fridman", text: "Nathan, what do you think?" },
      { startMs: 40_000, endMs: 50_000, speaker: "Nathan Lambert", text: "The labs put different energy in." },
    ],
    chapters: [],
  });
  const { ctx, out } = captureContext(store, json);
  const labels = () => getSegments(store, episodeId).map((s) => s.speaker);
  return { ctx, out, labels, ids: getSegments(store, episodeId).map((s) => s.id) };
}

describe("deeplisten speakers", () => {
  it("lists the speakers with paragraph counts", async () => {
    const { ctx, out } = setup(true);
    await speakersCommand(ctx, ["State of AI"]);
    expect(JSON.parse(out[0] as string)).toEqual({
      speakers: [
        { name: "Lex Fridman", role: "host", anonymous: false, paragraphs: 3 },
        { name: "Sebastian Raschka", role: "guest", anonymous: false, paragraphs: 1 },
        { name: "Nathan Lambert", role: "guest", anonymous: false, paragraphs: 1 },
      ],
    });
  });

  it("relabels by paragraph id or by time, with a loose name, and undoes", async () => {
    const { ctx, out, labels, ids } = setup(false);
    await speakersCommand(ctx, ["State of AI", "--relabel", String(ids[1]), "--to", "Sebastian"]);
    expect(out[0]).toBe("Done: Lex Fridman -> Sebastian Raschka (1 paragraph)");
    expect(labels()[1]).toBe("Sebastian Raschka");
    await speakersCommand(ctx, ["State of AI", "--undo"]);
    expect(labels()[1]).toBe("Lex Fridman");
    await speakersCommand(ctx, [
      "State of AI",
      "--relabel",
      "00:00:15",
      "--to",
      "Sebastian Raschka",
      "--scope",
      "until-change",
    ]);
    expect(labels()).toEqual([
      "Lex Fridman",
      "Sebastian Raschka",
      "Sebastian Raschka",
      "Lex Fridman",
      "Nathan Lambert",
    ]);
  });

  it("renames, and merges onto an existing speaker", async () => {
    const { ctx, out, labels } = setup(true);
    await speakersCommand(ctx, ["State of AI", "--rename", "Lex=Lex F."]);
    expect(JSON.parse(out[0] as string).change).toMatchObject({ kind: "rename" });
    await speakersCommand(ctx, ["State of AI", "--rename", "Nathan Lambert=Sebastian"]);
    expect(JSON.parse(out[1] as string).change).toMatchObject({ kind: "merge" });
    expect(labels()).toEqual(["Lex F.", "Lex F.", "Sebastian Raschka", "Lex F.", "Sebastian Raschka"]);
  });

  it("suggests the guest's answer filed under the host", async () => {
    const { ctx, out, ids } = setup(true);
    await speakersCommand(ctx, ["State of AI", "--suggest"]);
    const { suggestions } = JSON.parse(out[0] as string);
    expect(suggestions[0]).toMatchObject({
      segmentId: ids[1],
      labelled: "Lex Fridman",
      suggested: "Sebastian Raschka",
      rule: "host-labelled-answer",
    });
  });

  it("says what is wrong with a request", async () => {
    const { ctx } = setup(false);
    await expect(speakersCommand(ctx, ["State of AI", "--undo", "--suggest"])).rejects.toThrow(UsageError);
    await expect(speakersCommand(ctx, ["State of AI", "--rename", "Lex"])).rejects.toThrow(UsageError);
    await expect(speakersCommand(ctx, ["State of AI", "--rename", "Dylan=Dylan Patel"])).rejects.toThrow(CommandError);
    await expect(speakersCommand(ctx, ["State of AI", "--relabel", "3"])).rejects.toThrow(/--to/);
    await expect(speakersCommand(ctx, ["State of AI", "--relabel", "999", "--to", "Lex"])).rejects.toThrow(
      CommandError,
    );
    await expect(
      speakersCommand(ctx, ["State of AI", "--relabel", "3", "--to", "Lex", "--scope", "all"]),
    ).rejects.toThrow(/--scope/);
    await expect(speakersCommand(ctx, ["State of AI", "--to", "Lex"])).rejects.toThrow(UsageError);
  });
});
