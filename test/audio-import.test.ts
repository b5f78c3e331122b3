import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importEpisode } from "../src/library/index.js";
import { getSegments, openStore, type Store } from "../src/store/index.js";
import {
  type AsrReplayServer,
  missingAudioTools,
  type SynthesizedSpeech,
  startAsrReplayServer,
  synthesizeSpeech,
} from "./helpers/asr-replay-server.js";
import { BIN, runDeeplisten } from "./helpers/cli.js";
import { freshStore } from "./helpers/store.js";

const missing = missingAudioTools();
if (missing) console.warn(`[audio] ${missing}: the speech recognition tests are skipped.`);

let work: string;
let server: AsrReplayServer;
let talk: SynthesizedSpeech;
let zh: SynthesizedSpeech;
/** The library of the first import, imported into again by the next test. */
let firstHome: string;

/** Two voices, pauses of 1.5 s between the sentences: the chunks must be cut in those pauses. */
const TALK = [
  { say: "Reasoning comes from reinforcement learning." },
  { pauseMs: 1500 },
  { say: "I think the base model already knows how to reason.", voice: "en-gb+f3" },
  { pauseMs: 1500 },
  { say: "Then why does training help so much?" },
  { pauseMs: 1500 },
  { say: "Because it teaches the model when to use what it knows, step by step.", voice: "en-gb+f3" },
  { pauseMs: 1500 },
  { say: "Fair enough." },
  { pauseMs: 1500 },
  { say: "Let us look at the numbers from the paper next.", voice: "en-gb+f3" },
];

function asrEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    DEEPLISTEN_ASR_PROVIDER: "openai-compatible",
    DEEPLISTEN_ASR_BASE_URL: server.baseUrl,
    DEEPLISTEN_ASR_CHUNK_SECONDS: "5",
    DEEPLISTEN_ASR_PARALLEL: "1",
    ...extra,
  };
}

function newHome(): string {
  const home = join(work, `home-${Math.random().toString(36).slice(2)}`);
  mkdirSync(home);
  return home;
}

function withLibrary<T>(home: string, read: (store: Store) => T): T {
  const store = openStore(join(home, "library.sqlite"));
  try {
    return read(store);
  } finally {
    store.db.close();
  }
}

function chunksOf(store: Store): { idx: number; startMs: number; endMs: number }[] {
  return store.db.prepare("SELECT idx, start_ms AS startMs, end_ms AS endMs FROM asr_chunk ORDER BY idx").all() as {
    idx: number;
    startMs: number;
    endMs: number;
  }[];
}

beforeAll(async () => {
  if (missing) return;
  work = mkdtempSync(join(tmpdir(), "deeplisten-audio-"));
  talk = synthesizeSpeech(mkdtempSync(join(work, "talk-")), TALK, join(work, "talk.mp3"));
  zh = synthesizeSpeech(
    mkdtempSync(join(work, "zh-")),
    [{ say: "强化学习让模型学会推理。", voice: "cmn" }, { pauseMs: 1500 }, { say: "我不同意。", voice: "cmn" }],
    join(work, "zh.ogg"),
  );
  server = await startAsrReplayServer({ sentences: [...talk.sentences, ...zh.sentences] });
}, 60_000);

afterAll(async () => {
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe.skipIf(missing !== null)("deeplisten import <audio>", { timeout: 120_000 }, () => {
  it("transcribes an mp3: chunks cut in pauses, every line on the file's timeline, the audio playable", async () => {
    server.reset();
    const home = newHome();
    firstHome = home;
    const run = await runDeeplisten(home, ["import", talk.file, "--json", "--no-analyze"], asrEnv());
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const { episode } = JSON.parse(run.stdout);
    expect(episode).toMatchObject({
      title: "talk",
      language: "en",
      speakers: ["Speaker 1"],
      speakersAnonymous: true,
      segmentCount: talk.sentences.length,
      audioUrl: talk.file,
      source: { kind: "file", ref: talk.file },
    });
    withLibrary(home, (store) => {
      const segments = getSegments(store, episode.id);
      expect(segments.map((s) => s.text)).toEqual(talk.sentences.map((s) => s.text));
      segments.forEach((s, i) => {
        const spoken = talk.sentences[i] as SynthesizedSpeech["sentences"][number];
        expect(Math.abs(s.startMs - spoken.startMs)).toBeLessThan(1000);
        expect(Math.abs(s.endMs - spoken.endMs)).toBeLessThan(1000);
        if (i > 0) expect(s.startMs).toBeGreaterThanOrEqual((segments[i - 1] as { endMs: number }).endMs);
      });
      const chunks = chunksOf(store);
      expect(chunks.length).toBeGreaterThanOrEqual(4);
      // Every cut lies inside one of the synthesized pauses: no word is cut in half.
      for (const c of chunks.slice(1)) {
        expect(talk.pauses.some((p) => c.startMs > p.startMs && c.startMs < p.endMs)).toBe(true);
      }
      expect(chunks.at(-1)?.endMs).toBeGreaterThan(talk.durationMs - 500);
    });
    expect(server.requests).toHaveLength(withLibrary(home, chunksOf).length);
    expect(server.requests[0]).toMatchObject({ model: "whisper-1", responseFormat: "verbose_json" });
  });

  it("says it is already in the library the second time, without transcribing again", async () => {
    server.reset();
    const again = await runDeeplisten(firstHome, ["import", talk.file], asrEnv());
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^Already in the library:/);
    expect(server.requests).toHaveLength(0);
  });

  it("resumes after an error on chunk 3: the second run transcribes only the missing chunks", async () => {
    const home = newHome();
    server.reset({ failFrom: { request: 3, status: 400 } });
    const failed = await runDeeplisten(home, ["import", talk.file, "--no-analyze"], asrEnv());
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(
      /talk\.mp3: the transcription server at .* answered 400: replay failure on request 3 \(chunk 3 of \d+, at 00:00:\d\d\); the 2 chunks done are kept: import again to resume/,
    );
    expect(
      withLibrary(home, (store) => [
        chunksOf(store).length,
        store.db.prepare("SELECT COUNT(*) AS n FROM episode").get(),
      ]),
    ).toEqual([2, { n: 0 }]);
    server.reset();
    const resumed = await runDeeplisten(home, ["import", talk.file, "--json", "--no-analyze"], asrEnv());
    expect(resumed.code).toBe(0);
    const total = withLibrary(home, chunksOf).length;
    expect(server.requests).toHaveLength(total - 2);
    expect(JSON.parse(resumed.stdout).episode.segmentCount).toBe(talk.sentences.length);
  });

  it("resumes after the process is killed mid-transcription", async () => {
    const home = newHome();
    server.reset({ hangOn: 3 });
    const child = spawn(process.execPath, [BIN, "import", talk.file, "--no-analyze"], {
      env: { ...process.env, DEEPLISTEN_HOME: home, ...asrEnv() },
      stdio: "ignore",
    });
    const deadline = Date.now() + 60_000;
    while (server.requests.length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(server.requests).toHaveLength(3);
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGKILL");
    await exited;
    expect(withLibrary(home, chunksOf)).toHaveLength(2);
    server.reset();
    const resumed = await runDeeplisten(home, ["import", talk.file, "--json", "--no-analyze"], asrEnv());
    expect(resumed.code).toBe(0);
    expect(server.requests).toHaveLength(withLibrary(home, chunksOf).length - 2);
  });

  it("retries a busy server (503) and then succeeds", async () => {
    server.reset({ failOnly: { request: 2, status: 503 } });
    const store = freshStore();
    try {
      const { episode } = await importEpisode(store, {
        source: talk.file,
        audio: { env: asrEnv(), http: { retryDelaysMs: [100, 100] } },
      });
      expect(episode.segmentCount).toBe(talk.sentences.length);
      const chunks = chunksOf(store);
      // Chunk 2 was asked twice: once refused, once answered.
      expect(server.requests).toHaveLength(chunks.length + 1);
      expect(server.requests[1]?.fileName).toBe(server.requests[2]?.fileName);
    } finally {
      store.cleanup();
    }
  });

  it("transcribes Chinese with --lang zh, and tells the server the language", async () => {
    server.reset();
    const home = newHome();
    const run = await runDeeplisten(home, ["import", zh.file, "--lang", "zh", "--json", "--no-analyze"], asrEnv());
    expect(run.code).toBe(0);
    const { episode } = JSON.parse(run.stdout);
    expect(episode.language).toBe("zh");
    expect(server.requests.every((r) => r.language === "zh")).toBe(true);
    expect(withLibrary(home, (store) => getSegments(store, episode.id).map((s) => s.text))).toEqual([
      "强化学习让模型学会推理。",
      "我不同意。",
    ]);
  });

  it("transcribes a feed item that has no transcript, with the feed's people", async () => {
    server.reset();
    const { createServer } = await import("node:http");
    const { readFileSync } = await import("node:fs");
    const host = createServer((req, res) => {
      if (req.url === "/ep.mp3") res.writeHead(200, { "content-type": "audio/mpeg" }).end(readFileSync(talk.file));
      else if (req.url === "/feed.xml") res.writeHead(200, { "content-type": "application/rss+xml" }).end(feed(base));
      else res.writeHead(404).end();
    });
    await new Promise<void>((r) => host.listen(0, "127.0.0.1", r));
    const base = `http://127.0.0.1:${(host.address() as { port: number }).port}`;
    try {
      const home = newHome();
      const run = await runDeeplisten(
        home,
        ["import", `${base}/feed.xml`, "--item", "1", "--json", "--no-analyze"],
        asrEnv(),
      );
      expect(run.stderr).toBe("");
      const { episode } = JSON.parse(run.stdout);
      expect(episode).toMatchObject({
        title: "Where reasoning comes from",
        show: "Audio Only Feed",
        audioUrl: `${base}/ep.mp3`,
        speakers: ["Maya Chen", "Arjun Patel"],
        speakersAnonymous: false,
        segmentCount: talk.sentences.length,
        source: { kind: "rss-item" },
      });
    } finally {
      host.closeAllConnections();
      await new Promise((r) => host.close(r));
    }
  });
});

describe.skipIf(missing !== null)("clear sentences when speech recognition cannot run", { timeout: 120_000 }, () => {
  it("no recogniser configured: says what to set and where models come from", async () => {
    const newHomeName = newHome();
    const run = await runDeeplisten(newHomeName, ["import", talk.file], { DEEPLISTEN_ASR_PROVIDER: "" });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^deeplisten import: no speech recogniser is configured: set DEEPLISTEN_ASR_PROVIDER/);
    expect(run.stderr).toContain("DEEPLISTEN_ASR_MODEL_DIR to a local sherpa-onnx model folder");
    expect(run.stderr).toContain(join(newHomeName, "asr.json"));
    expect(run.stderr).toContain("https://huggingface.co/ggerganov/whisper.cpp");
    expect(run.stderr).toContain("https://github.com/k2-fsa/sherpa-onnx/releases/tag/asr-models");
  });

  it("ffmpeg missing: says to install it", async () => {
    const emptyPath = mkdtempSync(join(work, "no-ffmpeg-"));
    const run = await runDeeplisten(newHome(), ["import", talk.file], { ...asrEnv(), PATH: emptyPath });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `deeplisten import: ${talk.file}: ffprobe is not installed or not on PATH, and audio is decoded with it: install ffmpeg (Debian/Ubuntu: sudo apt install ffmpeg`,
    );
  });

  it("sherpa-onnx without a model folder, with an empty one, and without the package", async () => {
    const home = newHome();
    const noDir = await runDeeplisten(home, ["import", talk.file], { DEEPLISTEN_ASR_PROVIDER: "sherpa-onnx" });
    expect(noDir.stderr).toMatch(/sherpa-onnx needs a model folder: set DEEPLISTEN_ASR_MODEL_DIR .*asr-models/);
    const empty = mkdtempSync(join(work, "empty-model-"));
    const emptyRun = await runDeeplisten(home, ["import", talk.file], { DEEPLISTEN_ASR_MODEL_DIR: empty });
    expect(emptyRun.stderr).toContain(`${empty}: no sherpa-onnx model in this folder`);
    const model = join(work, "sherpa-onnx-sense-voice-zh-en");
    mkdirSync(model, { recursive: true });
    writeFileSync(join(model, "tokens.txt"), "a 0\n");
    writeFileSync(join(model, "model.int8.onnx"), "not really a model");
    const noPackage = await runDeeplisten(home, ["import", talk.file], { DEEPLISTEN_ASR_MODEL_DIR: model });
    expect(noPackage.code).toBe(1);
    expect(noPackage.stderr).toMatch(/sherpa-onnx-node (is not installed: run npm install sherpa-onnx-node|could not)/);
  });
});

function feed(base: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:podcast="https://podcastindex.org/namespace/1.0">
<channel>
  <title>Audio Only Feed</title>
  <item>
    <title>Where reasoning comes from</title>
    <guid>ep-audio-1</guid>
    <enclosure url="${base}/ep.mp3" type="audio/mpeg" length="100000"/>
    <podcast:person role="host">Maya Chen</podcast:person>
    <podcast:person role="guest">Arjun Patel</podcast:person>
    <podcast:person role="cover art designer" group="visuals">Jo Artist</podcast:person>
  </item>
</channel>
</rss>`;
}
