import { parseArgs } from "node:util";
import { readEnv } from "../../config/env.js";
import { importEpisode } from "../../library/index.js";
import { getEpisode } from "../../store/index.js";
import type { CliContext } from "../context.js";
import { episodeBlock, episodeJson } from "../format.js";
import { progressBar } from "../progress-bar.js";
import { runAnalysis } from "../run-analysis.js";
import { UsageError } from "../usage-error.js";

export const IMPORT_USAGE =
  "deeplisten import <transcript|audio|feed, file or URL> [--title T] [--lang en|zh] [--item N] [--audio PATH|URL] [--json]";

/** `deeplisten import`: puts one episode in the library. */
export async function importCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      title: { type: "string" },
      lang: { type: "string" },
      item: { type: "string" },
      audio: { type: "string" },
      "no-analyze": { type: "boolean" },
    },
  });
  if (positionals.length !== 1) throw new UsageError(`give exactly one file or URL: ${IMPORT_USAGE}`);
  const language = parseLanguage(values.lang);
  const item = values.item === undefined ? undefined : Number(values.item);
  if (item !== undefined && (!Number.isInteger(item) || item < 1)) {
    throw new UsageError("--item takes the item's number as `deeplisten feed` lists it (1, 2, ...)");
  }
  const store = ctx.openLibrary();
  // Speech recognition reports a fraction: it gets a bar with the time left; other steps a line each.
  const bar = progressBar("transcribing");
  let barShown = false;
  const imported = await importEpisode(
    store,
    {
      source: positionals[0] as string,
      title: values.title,
      language,
      item,
      audioUrl: values.audio,
      fetchTimeoutMs: readEnv().DEEPLISTEN_FETCH_TIMEOUT_MS,
    },
    (message, detail) => {
      // Progress is for people watching a terminal; scripts and logs get only the result or the one error line.
      if (ctx.json || !process.stderr.isTTY) return;
      if (detail) {
        barShown = true;
        bar.update(detail.fraction, `${message}${timeLeft(detail.timeLeftMs)}`);
      } else {
        if (barShown) bar.done();
        barShown = false;
        ctx.stderr(message);
      }
    },
  ).finally(() => {
    if (barShown) bar.done();
  });
  // The analysis follows every new import; a failed analysis leaves the import in place and says how to retry.
  let analysis: { state: string; error?: string | null } = { state: "skipped" };
  const { alreadyImported } = imported;
  if (!alreadyImported && !values["no-analyze"]) {
    const job = await runAnalysis(ctx, imported.episode.id);
    analysis = { state: job.state, ...(job.error ? { error: job.error } : {}) };
    if (job.state !== "done") {
      ctx.stderr(`the analysis failed (${job.error}); retry with: deeplisten analyze ${imported.episode.id}`);
    }
  }
  // Read again: the analysis adds detected chapters to transcripts that had none.
  const episode = getEpisode(store, imported.episode.id) ?? imported.episode;
  if (ctx.json) {
    ctx.stdout(JSON.stringify({ episode: episodeJson(episode), alreadyImported, analysis }));
  } else {
    ctx.stdout(
      alreadyImported ? `Already in the library:\n${episodeBlock(episode)}` : `Imported:\n${episodeBlock(episode)}`,
    );
  }
  return 0;
}

/** ", about 12 min left" once a first chunk tells the pace. */
function timeLeft(ms: number | null): string {
  if (ms === null) return "";
  if (ms < 60_000) return `, ${Math.max(1, Math.round(ms / 1000))} s left`;
  if (ms < 3_600_000) return `, about ${Math.round(ms / 60_000)} min left`;
  return `, about ${Math.floor(ms / 3_600_000)} h ${Math.round((ms % 3_600_000) / 60_000)} min left`;
}

export function parseLanguage(value: string | undefined): "en" | "zh" | undefined {
  if (value === undefined) return undefined;
  if (value === "en" || value === "zh") return value;
  throw new UsageError(`--lang takes en or zh, not "${value}"`);
}
