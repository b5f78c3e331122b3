import { parseArgs } from "node:util";
import { formatTimecode } from "../../core/index.js";
import { findEpisodes, getSegments } from "../../store/index.js";
import type { CliContext } from "../context.js";
import { episodeBlock, episodeJson } from "../format.js";
import { UsageError } from "../usage-error.js";

/** `deeplisten show <id>`: one episode with its transcript. */
export function showCommand(ctx: CliContext, args: string[]): number {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  if (positionals.length !== 1) throw new UsageError("usage: deeplisten show <id or part of the title> [--json]");
  const query = positionals[0] as string;
  const store = ctx.openLibrary();
  const matches = findEpisodes(store, query);
  if (matches.length === 0) {
    ctx.stderr(`no episode "${query}" in the library at ${ctx.home}; \`deeplisten list\` shows what is there`);
    return 1;
  }
  if (matches.length > 1) {
    ctx.stderr(
      `"${query}" matches ${matches.length} episodes: ${matches.map((m) => `${m.id} (${m.title})`).join(", ")}`,
    );
    return 1;
  }
  const episode = matches[0] as (typeof matches)[number];
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
