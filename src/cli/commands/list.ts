import { listEpisodes } from "../../store/index.js";
import type { CliContext } from "../context.js";
import { episodeJson, episodeLine } from "../format.js";
import { UsageError } from "../usage-error.js";

/** `deeplisten list`: what is in the library. */
export function listCommand(ctx: CliContext, args: string[]): number {
  if (args.length) throw new UsageError(`list takes no arguments (got ${args.join(" ")})`);
  const episodes = listEpisodes(ctx.openLibrary());
  if (ctx.json) {
    ctx.stdout(JSON.stringify({ episodes: episodes.map(episodeJson) }));
  } else if (episodes.length === 0) {
    ctx.stdout(`The library at ${ctx.home} is empty. Import an episode: deeplisten import <file or URL>`);
  } else {
    for (const e of episodes) ctx.stdout(episodeLine(e));
  }
  return 0;
}
