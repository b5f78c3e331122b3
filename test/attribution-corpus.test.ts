import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lex490Mislabels } from "../quality/speaker-labels.js";
import { attributeQuote, buildQuoteIndex, locateQuote, suggestSpeakerLabels } from "../src/attribution/index.js";
import { attributeCommand } from "../src/cli/commands/attribute.js";
import type { EpisodeExportData } from "../src/export/index.js";
import { episodeToPost } from "../src/export/index.js";
import { importEpisode, libraryPacks, loadEpisodeExportData } from "../src/library/index.js";
import { loadPostExtras } from "../src/library/post-data.js";
import { acceptLearnerQuote, listLearnerQuotes } from "../src/library/quote-checks.js";
import { addStanceTopic, getSegments, saveStanceCell } from "../src/store/index.js";
import { listSpeakers, relabelSegments, undoLastSpeakerChange } from "../src/store/speakers.js";
import { corpusFile, HAS_CORPUS } from "./corpus.js";
import { freshStore } from "./helpers/store.js";

/**
 * Attribution on the real #490 transcript (4h25m, 624 paragraphs, ~45k words): the quotes a real
 * write-up got wrong, the suspicious-label suggestions against our own list, and a correction with
 * undo through the library.
 */
describe.skipIf(!HAS_CORPUS)("attribution on Lex Fridman #490", () => {
  const store = freshStore();
  let episodeId = "";
  afterAll(() => store.cleanup());
  beforeAll(async () => {
    episodeId = (await importEpisode(store, { source: corpusFile("en/lex490-state-of-ai-2026.timestamped.txt") }))
      .episode.id;
  });
  const segments = () => getSegments(store, episodeId);

  it("credits the skill-unlock quote to Sebastian Raschka at 01:08:18, not to Nathan", () => {
    const quote = "RL post-training is more like the skill unlock, where pre-training is like soaking up the knowledge";
    expect(attributeQuote(segments(), quote)).toMatchObject({
      found: true,
      speaker: "Sebastian Raschka",
      similarity: 1,
      verdict: "ok",
    });
    const credited = attributeQuote(segments(), quote, "Nathan Lambert");
    expect(credited).toMatchObject({ verdict: "wrong-speaker", correctSpeaker: "Sebastian Raschka" });
    expect(Math.abs((credited.startMs ?? 0) - (1 * 3600 + 8 * 60 + 18) * 1000)).toBeLessThanOrEqual(5_000);
  });

  it('finds Nathan Lambert\'s "I still disagree with the premise" around 01:45:03', () => {
    const a = attributeQuote(segments(), "I still disagree with the premise", "Nathan");
    expect(a).toMatchObject({ found: true, speaker: "Nathan Lambert", verdict: "ok", similarity: 1 });
    expect(Math.abs((a.startMs ?? 0) - (1 * 3600 + 45 * 60 + 3) * 1000)).toBeLessThanOrEqual(5_000);
  });

  it("does not find the write-up's paraphrase that nobody said", () => {
    const a = attributeQuote(segments(), "Knowledge comes from pre-training, reasoning from post-training", "Nathan");
    expect(a.verdict).toBe("not-found");
  });

  it("finds a misremembered quote quickly on 45,000 words", () => {
    const index = buildQuoteIndex(segments());
    const m = locateQuote(index, "the knowledge is already there in pre-training, you are just unlocking it");
    expect(m).toMatchObject({ found: true, speaker: "Sebastian Raschka" });
    expect(m.similarity).toBeGreaterThan(0.8);
  });

  it("suggests most of the guests' answers filed under Lex Fridman, with the right guest", () => {
    const host = listSpeakers(store, episodeId).find((s) => s.role === "host")?.name ?? null;
    expect(host).toBe("Lex Fridman");
    const suggestions = suggestSpeakerLabels({ segments: segments(), host });
    const list = new Map(lex490Mislabels().mislabels.map((m) => [timeMs(m.time), m.speaker]));
    const accepted = suggestions.filter((s) => list.get(s.startMs) === s.suggested);
    // 00:02:53 is Sebastian Raschka answering "So Sebastian, who do you think is winning?"
    expect(suggestions.find((s) => s.startMs === timeMs("00:02:53"))).toMatchObject({
      labelled: "Lex Fridman",
      suggested: "Sebastian Raschka",
    });
    expect(accepted.length / list.size).toBeGreaterThanOrEqual(0.8);
    expect(accepted.length / suggestions.length).toBeGreaterThanOrEqual(0.8);
  });

  it("lists the skill-unlock quote credited to Nathan in the write-up until the learner accepts it", () => {
    const quote = "RL post-training is more like the skill unlock, where pre-training is like soaking up the knowledge";
    const topic = addStanceTopic(store, episodeId, { title: "Where does reasoning come from?" });
    saveStanceCell(store, episodeId, topic.id, {
      speaker: "Nathan Lambert",
      position: "Knowledge from pre-training, reasoning from post-training",
      quote,
      startMs: null,
      segmentId: null,
    });
    const listed = listLearnerQuotes(store, episodeId);
    expect(listed).toEqual([
      expect.objectContaining({
        quote,
        credited: "Nathan Lambert",
        status: "flagged",
        check: expect.objectContaining({ verdict: "wrong-speaker", correctSpeaker: "Sebastian Raschka" }),
      }),
    ]);
    const top = () => {
      const data = loadEpisodeExportData(store, episodeId, { packs: libraryPacks(store.dir) }) as EpisodeExportData;
      const text = episodeToPost(data, loadPostExtras(store, episodeId, data, libraryPacks(store.dir)));
      return { head: text.slice(0, text.indexOf("\n# ")), text };
    };
    expect(top().head).toContain(
      `“${quote}” (Where does reasoning come from?): credited to Nathan Lambert, but the transcript has Sebastian Raschka saying it at`,
    );
    const cli = (args: string[]) => {
      const out: string[] = [];
      const ctx = {
        home: store.dir,
        json: false,
        stdout: (t: string) => out.push(t),
        stderr: () => {},
        openLibrary: () => store,
      };
      attributeCommand(ctx, [episodeId, ...args]);
      return out.join("\n");
    };
    expect(cli(["--all"])).toMatch(
      /✗ flagged +“RL post-training.*” credited to Nathan Lambert, stance table .*: wrong speaker: Sebastian Raschka says this at 01:08:1\d/,
    );
    expect(
      acceptLearnerQuote(store, episodeId, "RL post-training is more like the skill unlock", "Nathan"),
    ).toMatchObject({
      ok: true,
      quote: { status: "accepted" },
    });
    const after = top();
    expect(after.head).not.toContain("Check before publishing");
    expect(after.text).toContain(`“${quote}” (in the transcript: Sebastian Raschka)`);
  });

  it("relabels a turn of the real transcript and undoes it exactly", () => {
    const before = segments().map((s) => s.speaker);
    const at = segments().find((s) => s.startMs === timeMs("00:02:53"));
    relabelSegments(store, episodeId, { segmentIds: [at?.id as number] }, "Sebastian Raschka");
    expect(attributeQuote(segments(), "So winning is a very broad term", "Sebastian").verdict).toBe("ok");
    undoLastSpeakerChange(store, episodeId);
    expect(segments().map((s) => s.speaker)).toEqual(before);
  });
});

function timeMs(time: string): number {
  const [h, m, s] = time.split(":").map(Number);
  return (((h ?? 0) * 60 + (m ?? 0)) * 60 + (s ?? 0)) * 1000;
}
