import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { captureContext } from "../../../test/helpers/cli-context.js";
import { freshStore } from "../../../test/helpers/store.js";
import { importEpisode, SAMPLE } from "../../library/index.js";
import { getEpisodePass, listMarks } from "../../store/index.js";
import type { CliContext } from "../context.js";
import { UsageError } from "../usage-error.js";
import { markCommand } from "./mark.js";
import { passCommand } from "./pass.js";

let store: ReturnType<typeof freshStore>;
let episodeId: string;
let out: string[];
let ctx: CliContext;

beforeEach(async () => {
  store = freshStore();
  episodeId = (await importEpisode(store, { source: SAMPLE.transcript })).episode.id;
  ({ ctx, out } = captureContext(store));
});
afterEach(() => store.cleanup());

describe("deeplisten pass", () => {
  it("shows the pass, moves to another, and marks made without --pass belong to it", () => {
    passCommand(ctx, [episodeId]);
    expect(out.pop()).toMatch(/^On pass 1 of “Where Does Reasoning Come From/);
    passCommand(ctx, [episodeId, "2"]);
    expect(out.pop()).toContain("Now on pass 2");
    expect(getEpisodePass(store, episodeId)).toBe(2);

    markCommand(ctx, [episodeId, "--at", "0:03:09"]);
    markCommand(ctx, [episodeId, "--at", "0:04:10", "--pass", "1"]);
    expect(listMarks(store, episodeId).map((m) => m.pass)).toEqual([2, 1]);
  });

  it("refuses a pass that does not exist and stays where it was", () => {
    expect(() => passCommand(ctx, [episodeId, "4"])).toThrow(UsageError);
    expect(getEpisodePass(store, episodeId)).toBe(1);
  });
});
