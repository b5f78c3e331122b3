/**
 * Speech recognition's own overhead (issue 8): for a 1-hour MP3, the time deeplisten spends around the
 * recogniser (probing, hashing the file for resume, one streaming decode to find pauses, decoding each
 * chunk to a 16 kHz WAV, stitching), as a share of the audio's real time. The recogniser answers at once
 * here, so its own time is excluded. Target: under 5%. Peak memory is this process's (ffmpeg runs beside it).
 *
 * The 1-hour file is made once with espeak-ng, sox and ffmpeg (speech with pauses, looped) and kept in
 * the temp folder for later runs. Prints one JSON line.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { createReadStream, existsSync, mkdirSync, renameSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import type { Recogniser } from "../src/asr/index.js";
import { transcribeAudio } from "../src/asr/index.js";

const HOUR_MS = 3_600_000;
const dir = join(tmpdir(), "deeplisten-bench-asr");
const file = join(dir, "one-hour.mp3");

function makeHourFile(): void {
  mkdirSync(dir, { recursive: true });
  const lines = [
    "Mixture of experts routes every token to a few of many feed forward blocks.",
    "The router is trained with an auxiliary loss, so no expert is flooded.",
    "Latent attention compresses the keys and values into a small shared vector.",
    "Reinforcement learning with verifiable rewards checks the answer, not the style.",
  ];
  const clips = lines.map((say, i) => {
    const clip = join(dir, `line-${i}.wav`);
    execFileSync("espeak-ng", ["-v", i % 2 ? "en-gb+f3" : "en-us", "-w", clip, say]);
    return clip;
  });
  const pause = join(dir, "pause.wav");
  execFileSync("sox", ["-n", "-r", "22050", "-c", "1", "-b", "16", pause, "trim", "0", "1.2"]);
  const loop = join(dir, "loop.wav");
  execFileSync("sox", [...clips.flatMap((c) => [c, pause]), loop]);
  const part = `${file}.part.mp3`;
  execFileSync("ffmpeg", [
    "-hide_banner",
    "-loglevel",
    "error",
    "-y",
    "-stream_loop",
    "-1",
    "-i",
    loop,
    "-t",
    String(HOUR_MS / 1000),
    "-ac",
    "1",
    "-c:a",
    "libmp3lame",
    "-b:a",
    "64k",
    part,
  ]);
  renameSync(part, file);
}

if (!existsSync(file)) makeHourFile();

/** Answers every chunk at once with one line: only deeplisten's own work is timed. */
const instant: Recogniser = {
  id: "bench-instant",
  label: "instant",
  encoding: "wav",
  maxChunkMs: 600_000,
  transcribe: async (chunk) => [{ startMs: 0, endMs: chunk.durationMs, text: `chunk ${chunk.idx}` }],
};

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);
const t0 = performance.now();
const hash = createHash("sha256");
for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
hash.digest("hex");
const hashMs = performance.now() - t0;
let silencesMs = 0;
const t1 = performance.now();
const result = await transcribeAudio(file, file, {
  recogniser: instant,
  cache: { get: () => null, put: () => {} },
  chunkMs: 120_000,
  parallel: 2,
  onProgress: (p) => {
    if (p.phase === "transcribing" && silencesMs === 0) silencesMs = performance.now() - t1;
  },
});
const pipelineMs = performance.now() - t1;
clearInterval(sampler);
const totalMs = hashMs + pipelineMs;
process.stdout.write(
  `${JSON.stringify({
    case: "speech recognition overhead, 1-hour MP3 (recogniser excluded)",
    audioMs: result.durationMs,
    chunks: result.chunks.length,
    segments: result.segments.length,
    hashMs: Math.round(hashMs),
    probeAndPausesMs: Math.round(silencesMs),
    chunkDecodeAndStitchMs: Math.round(pipelineMs - silencesMs),
    overheadMs: Math.round(totalMs),
    percentOfRealTime: Math.round((totalMs / result.durationMs) * 10_000) / 100,
    targetPercent: 5,
    withinTarget: totalMs / result.durationMs < 0.05,
    peakRssMb: Math.round(peakRss / 1024 / 1024),
  })}\n`,
);
