import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attributeCommand } from "../src/cli/commands/attribute.js";
import type { CliContext } from "../src/cli/context.js";
import { CommandError } from "../src/cli/usage-error.js";
import { type EpisodeExportData, episodeToPost } from "../src/export/index.js";
import { importEpisode, libraryPacks, loadEpisodeExportData, SAMPLE } from "../src/library/index.js";
import { loadPostExtras } from "../src/library/post-data.js";
import {
  acceptLearnerQuote,
  flaggedQuotes,
  listLearnerQuotes,
  unacceptLearnerQuote,
} from "../src/library/quote-checks.js";
import { createApp } from "../src/server/app.js";
import type { QuotesResponse } from "../src/server/contract/quotes.js";
import { addMark, addStanceTopic, saveLearnerMap, saveStanceCell } from "../src/store/index.js";
import { addInsight } from "../src/store/insights.js";
import { freshStore } from "./helpers/store.js";

const ARJUN = "Dr. Arjun Patel";
const LENA = "Dr. Lena Vogel";
/** Said by Lena Vogel at 00:01:15; the learner puts it in Arjun Patel's column. */
const LENA_KEY = "reinforcement learning is a very good key, but it doesn't build the room";
/** Said by Arjun Patel at 00:00:41. */
const ARJUN_SAYS = "The reasoning we see in models like DeepSeek-R1 or OpenAI's o1 is a product of post-training";
/** A paraphrase nobody says. */
const PARAPHRASE = "knowledge comes from pre-training and reasoning comes from post-training";

/**
 * Every quote of the learner's work on the bundled sample, checked: the stance table, an insight,
 * a mark's note and mind-map nodes; accepting a flagged one takes it off the write-up's warning
 * list and marks it in place, and changing its words flags it again. Through the library, the
 * blog post, the API and `deeplisten attribute --all / --accept`.
 */
const store = freshStore();
let episodeId = "";
let topicId = 0;

beforeAll(async () => {
  const { episode } = await importEpisode(store, { source: SAMPLE.transcript, sourceKind: "sample" });
  episodeId = episode.id;
  const topic = addStanceTopic(store, episodeId, { title: "Where reasoning comes from", clashIdx: null });
  topicId = topic.id;
  saveStanceCell(store, episodeId, topicId, {
    speaker: ARJUN,
    position: "RL builds it",
    quote: LENA_KEY,
    startMs: null,
    segmentId: null,
  });
  addInsight(store, episodeId, {
    text: `I wrote down “${PARAPHRASE}” but I no longer believe it.`,
    conceptIds: [],
    moments: [],
  });
  addMark(store, {
    episodeId,
    pass: 2,
    kind: "moment",
    startMs: 41_000,
    segmentId: null,
    selection: null,
    conceptId: null,
    confidence: 3,
    note: `Arjun: "${ARJUN_SAYS}"`,
  });
  saveLearnerMap(
    store,
    episodeId,
    {
      nodeData: {
        id: "root",
        topic: "Reasoning",
        children: [
          { id: "a", topic: `“${LENA_KEY}” — Lena`, children: [] },
          { id: "b", topic: "The “reasoning” debate", note: `Arjun: “${LENA_KEY}”`, children: [] },
        ],
      },
    },
    0,
  );
});
afterAll(() => store.cleanup());

function data(): EpisodeExportData {
  return loadEpisodeExportData(store, episodeId, { packs: libraryPacks(store.dir) }) as EpisodeExportData;
}
function post(): string {
  const d = data();
  return episodeToPost(d, loadPostExtras(store, episodeId, d, libraryPacks(store.dir)));
}
const top = () => {
  const text = post();
  return text.slice(0, text.indexOf("\n# "));
};

function cli(json: boolean) {
  const out: string[] = [];
  const ctx: CliContext = {
    home: store.dir,
    json,
    stdout: (t) => out.push(t),
    stderr: () => {},
    openLibrary: () => store,
  };
  return { ctx, out };
}

describe("every quote of the learner's work", () => {
  it("finds the quotes of the stance table, an insight, a mark's note and map nodes, each checked", () => {
    const quotes = listLearnerQuotes(store, episodeId);
    const summary = quotes.map((q) => [q.place.kind, q.quote, q.credited, q.check.verdict, q.status]);
    expect(summary).toEqual([
      ["stance", LENA_KEY, ARJUN, "wrong-speaker", "flagged"],
      ["insight", PARAPHRASE, null, "not-found", "flagged"],
      ["mark", ARJUN_SAYS, ARJUN, "ok", "ok"],
      // "— Lena" credits Lena Vogel; the scare quotes of “reasoning” are no quotation.
      ["map", LENA_KEY, LENA, "ok", "ok"],
      ["map", LENA_KEY, ARJUN, "wrong-speaker", "flagged"],
    ]);
    expect(quotes[0]?.check).toMatchObject({ correctSpeaker: LENA, startMs: expect.any(Number) });
  });

  it("lists each flagged quote at the top of the post, with where it is", () => {
    const warning = top();
    expect(warning).toContain("Check before publishing: 3 quote(s)");
    expect(warning).toContain(`(Where reasoning comes from): credited to ${ARJUN}, but the transcript has ${LENA}`);
    expect(warning).toContain(`“${PARAPHRASE}” (an insight): not found in the transcript`);
    expect(warning).toContain(`(map node: The “reasoning” debate): credited to ${ARJUN}`);
  });

  it("round trip: accept → gone from the top and marked in place → change the words → flagged again", () => {
    const accepted = acceptLearnerQuote(store, episodeId, LENA_KEY, "Arjun");
    expect(accepted).toMatchObject({ ok: true, quote: { status: "accepted", credited: ARJUN } });
    // The same words credited to Arjun in the map are the same acceptance.
    expect(flaggedQuotes(listLearnerQuotes(store, episodeId)).map((q) => q.place.kind)).toEqual(["insight"]);
    expect(top()).toContain("Check before publishing: 1 quote(s)");
    expect(top()).not.toContain(LENA_KEY);
    expect(post()).toContain(`“${LENA_KEY}” (in the transcript: ${LENA})`);

    saveStanceCell(store, episodeId, topicId, {
      speaker: ARJUN,
      position: "RL builds it",
      quote: "reinforcement learning is a very good key, but it does not build the room",
      startMs: null,
      segmentId: null,
    });
    expect(top()).toContain("Check before publishing: 2 quote(s)");
    expect(top()).toContain("but it does not build the room");

    // Back to the accepted words: the acceptance holds again; nothing the learner wrote was lost.
    saveStanceCell(store, episodeId, topicId, {
      speaker: ARJUN,
      position: "RL builds it",
      quote: LENA_KEY,
      startMs: null,
      segmentId: null,
    });
    expect(top()).toContain("Check before publishing: 1 quote(s)");
    expect(unacceptLearnerQuote(store, episodeId, LENA_KEY, ARJUN)).toMatchObject({ ok: true });
    expect(top()).toContain("Check before publishing: 3 quote(s)");
  });

  it("needs no acceptance for a quote the transcript backs, and asks which when several match", () => {
    expect(acceptLearnerQuote(store, episodeId, ARJUN_SAYS)).toMatchObject({ ok: false, reason: "verified" });
    expect(acceptLearnerQuote(store, episodeId, "doesn't build the room")).toMatchObject({
      ok: false,
      reason: "ambiguous",
    });
    expect(acceptLearnerQuote(store, episodeId, "words nobody wrote anywhere")).toMatchObject({
      ok: false,
      reason: "not-found",
    });
  });
});

describe("deeplisten attribute --all / --accept", () => {
  it("lists every quote with its check, flagged first, and as JSON", () => {
    const text = cli(false);
    expect(attributeCommand(text.ctx, [episodeId, "--all"])).toBe(0);
    expect(text.out[0]).toContain("5 quote(s) in your work on");
    expect(text.out[0]).toContain("3 flagged, 0 accepted, 2 ok");
    expect(text.out[1]).toMatch(/^✗ flagged +“reinforcement learning.*” credited to Dr\. Arjun Patel, stance table/);
    expect(text.out[1]).toContain(`wrong speaker: ${LENA} says this at 00:01:`);
    expect(text.out.at(-1)).toContain("--accept");

    const json = cli(true);
    attributeCommand(json.ctx, [episodeId, "--all"]);
    const doc = JSON.parse(json.out[0] as string);
    expect(doc).toMatchObject({ episodeId, flagged: 3, accepted: 0, ok: 2 });
    expect(doc.quotes[1]).toMatchObject({
      place: { kind: "insight" },
      quote: PARAPHRASE,
      credited: null,
      status: "flagged",
      verdict: "not-found",
      found: false,
    });
  });

  it("accepts a quote typed again loosely, and takes the acceptance back", () => {
    const run = cli(false);
    expect(
      attributeCommand(run.ctx, [
        episodeId,
        "--accept",
        "Knowledge comes from pre-training and reasoning comes from post-training.",
      ]),
    ).toBe(0);
    expect(run.out[0]).toContain(`Accepted "${PARAPHRASE}"`);
    const json = cli(true);
    attributeCommand(json.ctx, [episodeId, "--all"]);
    expect(JSON.parse(json.out[0] as string)).toMatchObject({ flagged: 2, accepted: 1 });
    expect(top()).not.toContain(PARAPHRASE);

    expect(() => attributeCommand(cli(false).ctx, [episodeId, "--accept", "build the room"])).toThrow(CommandError);
    const back = cli(false);
    attributeCommand(back.ctx, [episodeId, "--unaccept", PARAPHRASE]);
    expect(back.out[0]).toContain("flagged again");
    expect(top()).toContain(PARAPHRASE);
  });
});

describe("GET /api/episodes/:id/quotes", () => {
  it("answers the list with checks, and accepts exactly the quote and speaker sent", async () => {
    const app = createApp({ store, home: store.dir });
    const base = `/api/episodes/${episodeId}/quotes`;
    const post = (path: string, body: unknown) =>
      app.request(`${base}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const list = (await (await app.request(base)).json()) as QuotesResponse;
    expect(list.flagged).toBe(3);
    expect(list.quotes[0]).toMatchObject({
      id: `stance:${topicId}:${ARJUN}`,
      place: { kind: "stance", topicId, speaker: ARJUN },
      check: { quote: LENA_KEY, verdict: "wrong-speaker", correctSpeaker: LENA },
      status: "flagged",
      accepted: null,
    });

    // Loose wording is for the terminal: the page sends what it shows.
    expect((await post("/accept", { quote: LENA_KEY.toUpperCase(), speaker: ARJUN })).status).toBe(404);
    expect((await post("/accept", { quote: ARJUN_SAYS, speaker: ARJUN })).status).toBe(409);
    const accepted = (await (await post("/accept", { quote: LENA_KEY, speaker: ARJUN })).json()) as QuotesResponse;
    expect(accepted.flagged).toBe(1);
    expect(accepted.quotes[0]).toMatchObject({ status: "accepted", accepted: { speaker: ARJUN } });
    expect(accepted.acceptances).toEqual([expect.objectContaining({ quote: LENA_KEY, speaker: ARJUN })]);
    const back = (await (await post("/unaccept", { quote: LENA_KEY, speaker: ARJUN })).json()) as QuotesResponse;
    expect(back.flagged).toBe(3);
    expect((await app.request("/api/episodes/nope/quotes")).status).toBe(404);
  });
});

describe("deeplisten restore with one episode's JSON", () => {
  it("restores the episode (as restore-episode does) instead of treating it as a library backup", async () => {
    const { restoreCommand } = await import("../src/cli/commands/backup.js");
    const { episodeBackup } = await import("../src/library/episode-backup.js");
    const file = join(store.dir, "episode.json");
    writeFileSync(file, JSON.stringify(episodeBackup(store, episodeId)));
    const other = freshStore();
    try {
      const out: string[] = [];
      const ctx: CliContext = {
        home: other.dir,
        json: true,
        stdout: (t) => out.push(t),
        stderr: () => {},
        openLibrary: () => other,
      };
      expect(await restoreCommand(ctx, [file])).toBe(0);
      const restored = JSON.parse(out[0] as string).restored;
      expect(restored.counts).toMatchObject({ stances: 1, insights: 1, marks: 1 });
      // The learner's quotes come back with their checks.
      expect(listLearnerQuotes(other, restored.episodeId).map((q) => q.status)).toEqual(
        listLearnerQuotes(store, episodeId).map((q) => q.status),
      );
    } finally {
      other.cleanup();
    }
  });
});
