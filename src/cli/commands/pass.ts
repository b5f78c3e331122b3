import { parseArgs } from "node:util";
import { getEpisodePass, type PassNumber, setEpisodePass } from "../../store/index.js";
import type { CliContext } from "../context.js";
import { findOneEpisode } from "../find-episode.js";
import { UsageError } from "../usage-error.js";

export const PASS_USAGE =
  "deeplisten pass <episode> [1|2|3] [--json]   the pass you are on (marks and listening count for it); with a number, move to it";

/** What each pass is for, said when the learner moves to it. */
const PURPOSE: Record<PassNumber, string> = {
  1: "listen through and mark every moment and term you do not really understand (deeplisten mark)",
  2: "re-listen where the speakers clash (deeplisten clashes) and fill your stance table (deeplisten stances)",
  3: "verify without help (deeplisten review --pass3) and write down what changed (deeplisten insight add)",
};

/** `deeplisten pass`: shows or sets the pass the learner is on, the same one the web app's pass selector sets. */
export function passCommand(ctx: CliContext, args: string[]): number {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  if (positionals.length < 1 || positionals.length > 2) throw new UsageError(`usage: ${PASS_USAGE}`);
  const [episodeQuery, typed] = positionals as [string, string | undefined];
  if (typed !== undefined && !["1", "2", "3"].includes(typed)) {
    throw new UsageError(`a pass is 1, 2 or 3, not "${typed}"`);
  }
  const store = ctx.openLibrary();
  const episode = findOneEpisode(ctx, episodeQuery);
  if (typed !== undefined) setEpisodePass(store, episode.id, Number(typed) as PassNumber);
  const pass = getEpisodePass(store, episode.id);
  if (ctx.json) ctx.stdout(JSON.stringify({ episodeId: episode.id, pass }));
  else ctx.stdout(`${typed === undefined ? "On" : "Now on"} pass ${pass} of “${episode.title}”: ${PURPOSE[pass]}.`);
  return 0;
}
