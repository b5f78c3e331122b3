import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SAMPLE } from "../src/library/index.js";
import { createApp } from "../src/server/app.js";
import { openStore } from "../src/store/index.js";
import {
  type AsrReplayServer,
  missingAudioTools,
  type SynthesizedSpeech,
  startAsrReplayServer,
  synthesizeSpeech,
} from "./helpers/asr-replay-server.js";
import { runDeeplisten } from "./helpers/cli.js";

const missing = missingAudioTools();
if (missing) console.warn(`[audio] ${missing}: the attach-audio tests are skipped.`);

/** The sample transcript's first sentences (Maya Chen at 00:00:00), as the podcast MP3 would carry them after an ad. */
const OPENING = [
  "Welcome to Deep Listening, the show where we slow down and take one hard idea apart.",
  "I'm Maya Chen.",
  "Today's question sounds academic, but it decides where an enormous amount of compute gets spent.",
];
const AD = "This episode is brought to you by a mattress company that wants you to sleep well.";
const AD_MS = 7000;

let work: string;
let home: string;
let episodeId: string;
let server: AsrReplayServer;
let podcast: SynthesizedSpeech;

beforeAll(async () => {
  if (missing) return;
  work = mkdtempSync(join(tmpdir(), "deeplisten-attach-"));
  home = join(work, "home");
  const run = await runDeeplisten(home, ["import", SAMPLE.transcript, "--json", "--no-analyze"]);
  episodeId = JSON.parse(run.stdout).episode.id;
  // The ad and the silence after it take exactly 7 s, so the transcript's 00:00:00 is the audio's 00:00:07.
  const dir = mkdtempSync(join(work, "speech-"));
  const adOnly = synthesizeSpeech(dir, [{ say: AD }], join(dir, "ad.wav"));
  podcast = synthesizeSpeech(
    dir,
    [
      { say: AD },
      { pauseMs: AD_MS - adOnly.durationMs },
      ...OPENING.flatMap((say) => [{ say, voice: "en-us+f3" }, { pauseMs: 1200 }]),
    ],
    join(work, "podcast.mp3"),
  );
  server = await startAsrReplayServer({ sentences: podcast.sentences });
}, 60_000);

afterAll(async () => {
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

function asrEnv(): Record<string, string> {
  return {
    DEEPLISTEN_ASR_PROVIDER: "openai-compatible",
    DEEPLISTEN_ASR_BASE_URL: server.baseUrl,
    DEEPLISTEN_ASR_CHUNK_SECONDS: "8",
  };
}

interface Detail {
  audioUrl: string | null;
  playableAudioUrl: string | null;
  audioOffsetMs: number;
}

/** The episode as the web app's episode page gets it, and what a ranged request for its audio answers. */
async function episodeDetail(): Promise<Detail & { range: string | null }> {
  const store = openStore(join(home, "library.sqlite"));
  try {
    const app = createApp({ store, home });
    const { episode } = (await (await app.request(`/api/episodes/${episodeId}`)).json()) as { episode: Detail };
    const audio = episode.playableAudioUrl
      ? await app.request(episode.playableAudioUrl, { headers: { range: "bytes=100-199" } })
      : null;
    await audio?.body?.cancel();
    const range = audio ? `${audio.status} ${audio.headers.get("content-range")}` : null;
    return {
      audioUrl: episode.audioUrl,
      playableAudioUrl: episode.playableAudioUrl,
      audioOffsetMs: episode.audioOffsetMs,
      range,
    };
  } finally {
    store.db.close();
  }
}

describe.skipIf(missing !== null)("deeplisten attach-audio", () => {
  it("attaches audio with an offset set by hand; the web app gets both", async () => {
    const run = await runDeeplisten(home, ["attach-audio", episodeId, podcast.file, "--offset", "12.5"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`  audio   ${podcast.file}`);
    expect(run.stdout).toContain("  offset  12.5 s (the audio runs 12.5 s ahead of the transcript; set by hand)");
    expect(await episodeDetail()).toMatchObject({
      audioUrl: podcast.file,
      playableAudioUrl: `/api/episodes/${episodeId}/audio`,
      audioOffsetMs: 12_500,
      // The player seeks in the local file with range requests.
      range: expect.stringMatching(/^206 bytes 100-199\/\d+$/),
    });
  });

  it("finds the 7-second ad by aligning the first minutes to the transcript", async () => {
    server.reset();
    const run = await runDeeplisten(home, ["attach-audio", episodeId, podcast.file, "--align", "--json"], asrEnv());
    expect(run.stderr).toBe("");
    const attached = JSON.parse(run.stdout);
    expect(attached).toMatchObject({ episodeId, audioUrl: podcast.file, method: "aligned" });
    expect(Math.abs(attached.offsetMs - AD_MS)).toBeLessThan(1000);
    expect((await episodeDetail()).audioOffsetMs).toBe(attached.offsetMs);
    expect(server.requests.length).toBeGreaterThan(0);
  });

  it("says when the audio does not match the transcript, and changes nothing", async () => {
    const before = await episodeDetail();
    const other = synthesizeSpeech(
      mkdtempSync(join(work, "other-")),
      [{ say: "Something else entirely, about cooking pasta at home." }],
      join(work, "other.wav"),
    );
    server.reset({ sentences: other.sentences });
    const run = await runDeeplisten(home, ["attach-audio", episodeId, other.file, "--align"], asrEnv());
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /other\.wav: the first 5 minutes of the audio do not match the transcript of ".*": set the offset by hand with --offset SECONDS/,
    );
    expect(await episodeDetail()).toEqual(before);
  });

  it("refuses --offset with --align, and an offset that is not a number", async () => {
    const both = await runDeeplisten(home, ["attach-audio", episodeId, podcast.file, "--offset", "3", "--align"]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("give either --offset SECONDS or --align, not both");
    const nan = await runDeeplisten(home, ["attach-audio", episodeId, podcast.file, "--offset", "soon"]);
    expect(nan.stderr).toContain('--offset takes seconds (for example 72.5 or -3), not "soon"');
  });
});
