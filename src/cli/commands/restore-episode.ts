import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { EpisodeBackupError, restoreEpisodeBackup } from "../../library/episode-backup.js";
import { analyzeStoredEpisode, libraryGlossary } from "../../library/index.js";
import type { CliContext } from "../context.js";
import { CommandError, UsageError } from "../usage-error.js";

export const RESTORE_EPISODE_USAGE = "deeplisten restore-episode <episode.json> [--replace] [--json]";

/**
 * `deeplisten restore-episode FILE`: brings back one episode and the learner's work on it from
 * `export --format json`. The episode gets a new id; it is analysed again; everything the learner
 * made is mapped onto this library. One transaction: a bad file changes nothing.
 */
export function restoreEpisodeCommand(ctx: CliContext, args: string[]): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { replace: { type: "boolean", default: false } },
  });
  if (positionals.length !== 1) throw new UsageError(`usage: ${RESTORE_EPISODE_USAGE}`);
  const file = resolve(process.cwd(), positionals[0] as string);
  let document: unknown;
  try {
    document = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new CommandError(
      `${file}: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : `not JSON (${(error as Error).message})`}`,
    );
  }
  const store = ctx.openLibrary();
  const glossary = libraryGlossary(ctx.home);
  let summary: ReturnType<typeof restoreEpisodeBackup>;
  try {
    summary = restoreEpisodeBackup(store, document, {
      replace: values.replace,
      analyze: (s, id) => analyzeStoredEpisode(s, id, glossary),
    });
  } catch (error) {
    if (error instanceof EpisodeBackupError) throw new CommandError(`${file}: ${error.message}`);
    throw error;
  }
  if (ctx.json) {
    ctx.stdout(JSON.stringify({ restored: summary }));
    return 0;
  }
  const c = summary.counts;
  ctx.stdout(
    `Restored "${summary.title}" as ${summary.episodeId}: ${c.segments} paragraphs, ${c.marks} marks, ${c.attempts} explanations, ${c.stances} stance topics, ${c.insights} insights, ${c.cards} review cards${summary.replaced ? ` (replaced ${summary.replaced})` : ""}.`,
  );
  return 0;
}
