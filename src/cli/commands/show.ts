import { parseArgs } from "node:util";
import { formatTimecode } from "../../core/index.js";
import { getSegments } from "../../store/index.js";
import type { CliContext } from "../context.js";
import { findOneEpisode } from "../find-episode.js";
import { episodeBlock, episodeJson } from "../format.js";
import { UsageError } from "../usage-error.js";

/** `deeplisten show <id>`: one episode with its transcript. */
export function showCommand(ctx: CliContext, args: string[]): number {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  if (positionals.length !== 1) throw new UsageError("usage: deeplisten show <id or part of the title> [--json]");
  const store = ctx.openLibrary();
  const episode = findOneEpisode(ctx, positionals[0] as string);
  const segments = getSegments(store, episode.id);
  if (ctx.json) {
    ctx.stdout(JSON.stringify({ episode: { ...episodeJson(episode), segments } }));
    return 0;
  }
  const lines = [episodeBlock(episode), ""];
  let speaker: string | null = null;
  for (const s of segments) {
    const who = s.speaker && s.speaker !== speaker ? `${s.speaker}: ` : "";
    speaker = s.speaker;
    lines.push(`[${formatTimecode(s.startMs)}] ${who}${s.text}`);
  }
  ctx.stdout(lines.join("\n"));
  return 0;
}
