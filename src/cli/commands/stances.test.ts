import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { captureContext, sampleLibrary } from "../../../test/helpers/cli-context.js";
import { formatTimecode } from "../../core/index.js";
import { getClashes, listStances } from "../../store/index.js";
import type { CliContext } from "../context.js";
import { CommandError, UsageError } from "../usage-error.js";
import { speakersCommand } from "./speakers.js";
import { clashesCommand, stancesCommand } from "./stances.js";

let store: Awaited<ReturnType<typeof sampleLibrary>>["store"];
let episodeId: string;

beforeEach(async () => {
  ({ store, episodeId } = await sampleLibrary());
});
afterEach(() => store.cleanup());

/** Runs a command over the library; its stdout lines come back. */
async function run(
  command: (ctx: CliContext, args: string[]) => number | Promise<number>,
  args: string[],
  json = false,
): Promise<{ code: number; out: string }> {
  const { ctx, out } = captureContext(store, json);
  const code = await command(ctx, [episodeId, ...args]);
  return { code, out: out.join("\n") };
}

const stances = (args: string[], json = false) => run(stancesCommand, args, json);

// Said by Dr. Lena Vogel at 00:01:15 in the bundled sample.
const LENA = "reinforcement learning is a very good key, but it doesn't build the room";

describe("deeplisten clashes", () => {
  it("numbers the clash moments of the episode as --clash takes them", async () => {
    const clashes = getClashes(store, episodeId);
    expect(clashes.length).toBeGreaterThan(1);
    const { out } = await run(clashesCommand, []);
    expect(out).toContain(`${clashes.length} moments where the speakers of`);
    const first = clashes[0] as (typeof clashes)[number];
    expect(out).toContain(`1. ${formatTimecode(first.startMs)}-${formatTimecode(first.endMs)}  ${first.topic}`);
    expect(out).toContain(clashes[1]?.topic as string);

    const json = JSON.parse((await run(clashesCommand, [], true)).out) as {
      clashes: { number: number; topic: string; topicId: number | null }[];
    };
    expect(json.clashes.map((c) => c.number)).toEqual(clashes.map((_, i) => i + 1));
    expect(json.clashes.every((c) => c.topicId === null)).toBe(true);
  });
});

describe("deeplisten stances", () => {
  it("fills the table from the terminal: a row from a clash, cells by first name, quotes located and checked", async () => {
    expect((await stances([])).out).toContain("is empty");

    const clash = getClashes(store, episodeId)[1];
    expect((await stances(["--clash", "2"])).out).toContain(`Added topic`);
    expect((await stances(["--add", "Where does reasoning come from?"])).out).toContain(
      "“Where does reasoning come from?”",
    );
    const [fromClash, typed] = listStances(store, episodeId);
    expect(fromClash).toMatchObject({ title: clash?.topic, clashIdx: 1 });

    // "lena" is Dr. Lena Vogel; her quote brings its moment.
    const saved = await stances([
      "--topic",
      "reasoning",
      "--speaker",
      "lena",
      "--position",
      "RL unlocks",
      "--quote",
      LENA,
    ]);
    expect(saved.out).toContain("Saved Dr. Lena Vogel");
    expect(saved.out).toContain("✓ Dr. Lena Vogel says this");
    const cell = listStances(store, episodeId)[1]?.cells[0];
    expect(cell).toMatchObject({ speaker: "Dr. Lena Vogel", position: "RL unlocks", quote: LENA, startMs: 75_000 });
    expect(cell?.segmentId).not.toBeNull();

    // Her words credited to Arjun are flagged with who said them.
    const wrong = await stances(["--topic", String(typed?.id), "--speaker", "Arjun", "--quote", LENA]);
    expect(wrong.out).toContain("⚠ Dr. Lena Vogel says this, not Dr. Arjun Patel");

    await stances(["--topic", String(typed?.id), "--synthesis", "They differ on what RL adds."]);
    const table = await stances([]);
    expect(table.out).toContain(`[${fromClash?.id}] ${clash?.topic}  (from clash 2)`);
    expect(table.out).toContain("Your synthesis: They differ on what RL adds.");
    expect(table.out).toMatch(/Maya Chen: —/);

    const zh = (await stances(["--lang", "zh"])).out;
    expect(zh).toContain("我的综合看法：They differ on what RL adds.");
    expect(zh).toContain("⚠ 这句话是 Dr. Lena Vogel 说的，不是 Dr. Arjun Patel");
    expect((await run(clashesCommand, ["--lang", "zh"])).out).toMatch(/中说话人观点交锋的 \d+ 个时刻：/);

    const json = JSON.parse((await stances([], true)).out) as {
      topics: { title: string; cells: { speaker: string; check: { verdict: string; correctSpeaker: string } }[] }[];
    };
    const checks = json.topics[1]?.cells.map((c) => [c.speaker, c.check.verdict]);
    expect(checks).toEqual(
      expect.arrayContaining([
        ["Dr. Lena Vogel", "ok"],
        ["Dr. Arjun Patel", "wrong-speaker"],
      ]),
    );
  });

  it("keeps what a cell had when only one field changes, and sets a moment by time", async () => {
    await stances(["--add", "Scaling"]);
    await stances(["--topic", "scaling", "--speaker", "Maya", "--position", "Asks who is right"]);
    const moved = await stances(["--topic", "scaling", "--speaker", "Maya", "--at", "0:01:41"]);
    expect(moved.out).toContain("moment: [00:01:41]");
    expect(listStances(store, episodeId)[0]?.cells[0]).toMatchObject({
      position: "Asks who is right",
      startMs: 101_000,
    });
  });

  it("refuses what it cannot do with a sentence, and changes nothing", async () => {
    await stances(["--add", "Scaling"]);
    const before = JSON.stringify(listStances(store, episodeId));
    await expect(stances(["--topic", "scaling", "--speaker", "Bob", "--position", "x"])).rejects.toThrow(
      /"Bob" is not one speaker of this episode; the speakers are "Maya Chen"/,
    );
    await expect(stances(["--topic", "nothing like it", "--speaker", "Maya", "--position", "x"])).rejects.toThrow(
      CommandError,
    );
    await expect(stances(["--topic", "scaling", "--speaker", "Maya", "--at", "3:00:00"])).rejects.toThrow(
      /after the end/,
    );
    await expect(stances(["--topic", "scaling", "--speaker", "Maya", "--at", "soon"])).rejects.toThrow(UsageError);
    await expect(stances(["--clash", "99"])).rejects.toThrow(/--clash takes a number from 1 to/);
    await expect(stances(["--topic", "scaling"])).rejects.toThrow(UsageError);
    await expect(stances(["--topic", "scaling", "--rename", "x", "--delete"])).rejects.toThrow(UsageError);
    expect(JSON.stringify(listStances(store, episodeId))).toBe(before);

    const gone = await stances(["--topic", "scaling", "--delete"]);
    expect(gone.out).toContain("Deleted topic 1 “Scaling”");
    expect(listStances(store, episodeId)).toEqual([]);
  });

  it("follows a speaker rename: the cell moves with the speaker, and the clash moments name the new name", async () => {
    await stances(["--add", "Scaling"]);
    await stances(["--topic", "scaling", "--speaker", "Arjun", "--position", "RL builds it"]);
    expect(getClashes(store, episodeId).some((c) => c.speakers.includes("Dr. Arjun Patel"))).toBe(true);

    const { ctx } = captureContext(store);
    await speakersCommand(ctx, [episodeId, "--rename", "Dr. Arjun Patel=Arjun Patel"]);
    expect(listStances(store, episodeId)[0]?.cells.map((c) => c.speaker)).toEqual(["Arjun Patel"]);
    const clashSpeakers = getClashes(store, episodeId).flatMap((c) => c.speakers);
    expect(clashSpeakers).toContain("Arjun Patel");
    expect(clashSpeakers).not.toContain("Dr. Arjun Patel");
    expect((await stances([])).out).toMatch(/Arjun Patel:\n\s+RL builds it/);

    await speakersCommand(ctx, [episodeId, "--undo"]);
    expect(listStances(store, episodeId)[0]?.cells.map((c) => c.speaker)).toEqual(["Dr. Arjun Patel"]);
    expect(getClashes(store, episodeId).flatMap((c) => c.speakers)).toContain("Dr. Arjun Patel");
  });
});
