import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { getSetting, type Store, setSetting } from "../store/index.js";
import { importEpisode } from "./import-episode.js";

const SAMPLE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../../samples/reasoning-debate");

/** The bundled sample's transcript and audio. */
export const SAMPLE = {
  dir: SAMPLE_DIR,
  transcript: join(SAMPLE_DIR, "transcript.txt"),
  audio: join(SAMPLE_DIR, "audio.opus"),
};

/**
 * On a library's first start, imports the bundled sample so there is something to study. Runs
 * once per library: a learner who deletes the sample does not get it back.
 */
export async function offerSampleOnce(store: Store): Promise<string | null> {
  if (getSetting(store, "sample.offered")) return null;
  if (!existsSync(SAMPLE.transcript)) return null;
  const { episode } = await importEpisode(store, {
    source: SAMPLE.transcript,
    sourceKind: "sample",
    audioUrl: existsSync(SAMPLE.audio) ? SAMPLE.audio : undefined,
  });
  setSetting(store, "sample.offered", store.now().toISOString());
  return episode.id;
}
