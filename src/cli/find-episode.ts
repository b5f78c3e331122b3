import { type EpisodeSummary, findEpisodes } from "../store/index.js";
import type { CliContext } from "./context.js";
import { CommandError } from "./usage-error.js";

/** The one episode a person means by an id or a piece of its title; a clear error otherwise. */
export function findOneEpisode(ctx: CliContext, query: string): EpisodeSummary {
  const matches = findEpisodes(ctx.openLibrary(), query);
  if (matches.length === 0) {
    throw new CommandError(
      `no episode "${query}" in the library at ${ctx.home}; \`deeplisten list\` shows what is there`,
    );
  }
  if (matches.length > 1) {
    throw new CommandError(
      `"${query}" matches ${matches.length} episodes: ${matches.map((m) => `${m.id} (${m.title})`).join(", ")}`,
    );
  }
  return matches[0] as EpisodeSummary;
}
