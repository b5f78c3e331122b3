import { parseArgs } from "node:util";
import { formatTimecode } from "../../core/index.js";
import { alignAndAttachAudio, attachAudio } from "../../library/import-audio.js";
import type { CliContext } from "../context.js";
import { findOneEpisode } from "../find-episode.js";
import { progressBar } from "../progress-bar.js";
import { UsageError } from "../usage-error.js";

export const ATTACH_AUDIO_USAGE =
  "deeplisten attach-audio <episode> <file|URL> [--offset SECONDS | --align [--minutes 5]] [--json]";

/**
 * `deeplisten attach-audio`: gives an episode with a transcript its audio (the podcast MP3 of a
 * lexfridman.com page), with how far the audio runs ahead of the transcript (ad reads): set by
 * hand, or found by transcribing the first minutes and aligning them to the transcript.
 */
export async function attachAudioCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      offset: { type: "string" },
      align: { type: "boolean" },
      minutes: { type: "string" },
    },
  });
  if (positionals.length !== 2) throw new UsageError(`give an episode and an audio file or URL: ${ATTACH_AUDIO_USAGE}`);
  if (values.offset !== undefined && values.align) {
    throw new UsageError("give either --offset SECONDS or --align, not both");
  }
  const offsetSeconds = values.offset === undefined ? 0 : Number(values.offset);
  if (!Number.isFinite(offsetSeconds)) {
    throw new UsageError(`--offset takes seconds (for example 72.5 or -3), not "${values.offset}"`);
  }
  const minutes = values.minutes === undefined ? 5 : Number(values.minutes);
  if (!Number.isFinite(minutes) || minutes <= 0 || minutes > 60) {
    throw new UsageError("--minutes takes how many minutes to transcribe for --align (1 to 60)");
  }
  const [query, audio] = positionals as [string, string];
  const episode = findOneEpisode(ctx, query);
  const store = ctx.openLibrary();
  let attached: Awaited<ReturnType<typeof alignAndAttachAudio>>;
  if (values.align) {
    const bar = progressBar("aligning");
    try {
      attached = await alignAndAttachAudio(store, episode.id, audio, minutes, (message, detail) => {
        if (ctx.json) return;
        if (detail) bar.update(detail.fraction, message);
        else if (process.stderr.isTTY) ctx.stderr(message);
      });
    } finally {
      bar.done();
    }
  } else {
    attached = attachAudio(store, episode.id, audio, offsetSeconds * 1000);
  }
  if (ctx.json) {
    ctx.stdout(JSON.stringify(attached));
    return 0;
  }
  const sign = attached.offsetMs < 0 ? "behind" : "ahead of";
  const how =
    attached.method === "aligned"
      ? `found by aligning the first ${minutes} minutes (${attached.anchors} matching passages)`
      : values.offset === undefined
        ? "none given: use --align or --offset SECONDS if lines play too early or too late"
        : "set by hand";
  ctx.stdout(
    [
      `Audio attached to "${episode.title}" (${episode.id}):`,
      `  audio   ${attached.audioUrl}`,
      `  offset  ${formatOffset(attached.offsetMs)} (the audio runs ${formatOffset(Math.abs(attached.offsetMs))} ${sign} the transcript; ${how})`,
    ].join("\n"),
  );
  return 0;
}

function formatOffset(ms: number): string {
  const sign = ms < 0 ? "-" : "";
  const abs = Math.abs(ms);
  return abs < 60_000 ? `${sign}${(abs / 1000).toFixed(1)} s` : `${sign}${formatTimecode(abs)}`;
}
