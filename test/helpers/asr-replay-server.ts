/**
 * Speech recognition in tests, without a model: (1) a real local HTTP server that speaks OpenAI's
 * `/v1/audio/transcriptions` (multipart upload, verbose_json with segments) and "hears" speech by its
 * energy, and (2) real speech made with espeak-ng and sox, with the positions of every sentence and pause.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";

/** A sentence the server may "hear", known by how long it takes to say. */
export interface KnownSentence {
  text: string;
  durationMs: number;
}

/** One transcription request as the server saw it. */
export interface AsrRequest {
  model: string;
  language: string | null;
  responseFormat: string | null;
  fileName: string;
  /** The uploaded chunk's length, from its WAV header. */
  durationMs: number;
  authorization: string | undefined;
}

export interface AsrReplayOptions {
  /** The sentences in the audio: each heard stretch is answered with the one closest in length. */
  sentences?: KnownSentence[];
  /** Answer this request (1-based) and every later one with this HTTP status (a failing chunk). */
  failFrom?: { request: number; status: number };
  /** Answer only this request (1-based) with this HTTP status (a server busy for a moment). */
  failOnly?: { request: number; status: number };
  /** Accept this request (1-based) and never answer it (a stuck server, for kill tests). */
  hangOn?: number;
  /** When set, any other bearer token gets 401. */
  apiKey?: string;
}

export interface AsrReplayServer {
  baseUrl: string;
  requests: AsrRequest[];
  /** Change the behaviour for the next requests; the request count starts again. */
  reset(options?: Partial<AsrReplayOptions>): void;
  close(): Promise<void>;
}

/**
 * Starts the server on 127.0.0.1. Each uploaded chunk is read as 16-bit WAV; stretches louder than
 * -40 dBFS, joined across gaps under half a second, become segments with times relative to the
 * chunk, so the client's chunking and stitching are what put them on the file's timeline.
 */
export async function startAsrReplayServer(options: AsrReplayOptions = {}): Promise<AsrReplayServer> {
  let current = { ...options };
  let requests: AsrRequest[] = [];
  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: { message: String(error) } });
    });
  });
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const path = (req.url ?? "/").split("?")[0];
    if (req.method !== "POST" || path !== "/v1/audio/transcriptions") {
      sendJson(res, 404, { error: { message: `no route ${req.method} ${path}` } });
      return;
    }
    const form = await new Request("http://local/", {
      method: "POST",
      headers: { "content-type": req.headers["content-type"] ?? "" },
      body: new Uint8Array(body),
    }).formData();
    const file = form.get("file");
    if (!(file instanceof Blob)) {
      sendJson(res, 400, { error: { message: "no file in the upload" } });
      return;
    }
    const wav = readWav(new Uint8Array(await file.arrayBuffer()));
    requests.push({
      model: String(form.get("model") ?? ""),
      language: form.get("language") === null ? null : String(form.get("language")),
      responseFormat: form.get("response_format") === null ? null : String(form.get("response_format")),
      fileName: (file as File).name ?? "",
      durationMs: wav ? Math.round((wav.samples.length / wav.sampleRate) * 1000) : 0,
      authorization: req.headers.authorization,
    });
    const n = requests.length;
    if (current.hangOn === n) return;
    if (current.apiKey !== undefined && req.headers.authorization !== `Bearer ${current.apiKey}`) {
      sendJson(res, 401, { error: { message: "Incorrect API key provided." } });
      return;
    }
    if ((current.failFrom && n >= current.failFrom.request) || current.failOnly?.request === n) {
      const status = current.failOnly?.request === n ? current.failOnly.status : (current.failFrom?.status ?? 500);
      sendJson(res, status, { error: { message: `replay failure on request ${n}` } });
      return;
    }
    if (!wav) {
      sendJson(res, 400, { error: { message: "the upload is not 16-bit PCM WAV" } });
      return;
    }
    const sentences = current.sentences ?? [];
    const segments = speechStretches(wav.samples, wav.sampleRate).map((s, i) => ({
      id: i,
      start: s.startMs / 1000,
      end: s.endMs / 1000,
      text:
        closestSentence(sentences, s.endMs - s.startMs) ?? `speech of ${((s.endMs - s.startMs) / 1000).toFixed(1)} s`,
    }));
    sendJson(res, 200, {
      task: "transcribe",
      language: "english",
      duration: wav.samples.length / wav.sampleRate,
      text: segments.map((s) => s.text).join(" "),
      segments,
    });
  }
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    get requests() {
      return requests;
    },
    reset(next = {}) {
      current = { ...options, ...next };
      requests = [];
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Stretches of sound in 20 ms frames above -40 dBFS, gaps under 500 ms bridged, blips under 150 ms dropped. */
function speechStretches(samples: Int16Array, rate: number): { startMs: number; endMs: number }[] {
  const frame = Math.round(rate / 50);
  const out: { startMs: number; endMs: number }[] = [];
  for (let i = 0; i < samples.length; i += frame) {
    let sum = 0;
    const end = Math.min(samples.length, i + frame);
    for (let j = i; j < end; j++) sum += (samples[j] as number) ** 2;
    const rms = Math.sqrt(sum / Math.max(1, end - i)) / 32768;
    if (rms < 0.01) continue;
    const startMs = (i / rate) * 1000;
    const endMs = (end / rate) * 1000;
    const last = out.at(-1);
    if (last && startMs - last.endMs < 500) last.endMs = endMs;
    else out.push({ startMs, endMs });
  }
  return out.filter((s) => s.endMs - s.startMs >= 150);
}

function closestSentence(sentences: KnownSentence[], durationMs: number): string | null {
  let best: KnownSentence | null = null;
  for (const s of sentences) {
    if (!best || Math.abs(s.durationMs - durationMs) < Math.abs(best.durationMs - durationMs)) best = s;
  }
  return best?.text ?? null;
}

/** The samples of a 16-bit PCM WAV file (the chunks deeplisten uploads), or null. */
function readWav(bytes: Uint8Array): { sampleRate: number; samples: Int16Array } | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));
  if (bytes.length < 12 || tag(0) !== "RIFF" || tag(8) !== "WAVE") return null;
  let sampleRate = 0;
  let bits = 0;
  for (let at = 12; at + 8 <= bytes.length; ) {
    const id = tag(at);
    let size = view.getUint32(at + 4, true);
    if (id === "fmt ") {
      sampleRate = view.getUint32(at + 12, true);
      bits = view.getUint16(at + 22, true);
    }
    if (id === "data") {
      if (bits !== 16 || !sampleRate) return null;
      // ffmpeg writing to a pipe leaves the size unknown; here it is a file, but be lenient.
      if (size === 0xffffffff || at + 8 + size > bytes.length) size = bytes.length - at - 8;
      const data = bytes.slice(at + 8, at + 8 + (size - (size % 2)));
      return { sampleRate, samples: new Int16Array(data.buffer, data.byteOffset, data.byteLength / 2) };
    }
    at += 8 + size + (size % 2);
  }
  return null;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const text = JSON.stringify(value);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

// ---- Test speech: espeak-ng says the sentences, sox puts pauses between them and joins them.

/** What is missing to make test speech, or null when espeak-ng, sox and ffmpeg are all there. */
export function missingAudioTools(): string | null {
  const missing = ["espeak-ng", "sox", "ffmpeg"].filter(
    (tool) => spawnSync(tool, ["--version"], { stdio: "ignore" }).error !== undefined,
  );
  return missing.length ? `${missing.join(", ")} not installed (Debian: apt-get install espeak-ng sox ffmpeg)` : null;
}

/** A piece of the test audio: a sentence in a voice, or a pause. */
export type SpeechPart = { say: string; voice?: string } | { pauseMs: number };

/** A synthesized file and where each sentence (its voiced part) and pause is in it. */
export interface SynthesizedSpeech {
  file: string;
  durationMs: number;
  sentences: (KnownSentence & { startMs: number; endMs: number })[];
  pauses: { startMs: number; endMs: number }[];
}

/**
 * Speaks the parts with espeak-ng (22.05 kHz mono), joins them with sox, and converts the result
 * with ffmpeg when `out` is not .wav (mp3, ogg, opus, m4a). Positions come from the measured clip lengths.
 */
export function synthesizeSpeech(dir: string, parts: SpeechPart[], out: string): SynthesizedSpeech {
  const clips: string[] = [];
  const sentences: SynthesizedSpeech["sentences"] = [];
  const pauses: SynthesizedSpeech["pauses"] = [];
  let at = 0;
  parts.forEach((part, i) => {
    const clip = join(dir, `part-${i}.wav`);
    if ("say" in part) {
      execFileSync("espeak-ng", ["-v", part.voice ?? "en-us", "-s", "165", "-w", clip, part.say]);
    } else {
      execFileSync("sox", ["-n", "-r", "22050", "-c", "1", "-b", "16", clip, "trim", "0", String(part.pauseMs / 1000)]);
    }
    const ms = lengthMs(clip);
    if ("say" in part) {
      // espeak-ng pads its clips with a little silence: the sentence is the voiced part.
      const lead = ms - lengthMs(clip, ["silence", "1", "0.01", "1%"]);
      const voiced = lengthMs(clip, ["silence", "1", "0.01", "1%", "reverse", "silence", "1", "0.01", "1%", "reverse"]);
      sentences.push({ text: part.say, durationMs: voiced, startMs: at + lead, endMs: at + lead + voiced });
    } else {
      pauses.push({ startMs: at, endMs: at + ms });
    }
    at += ms;
    clips.push(clip);
  });
  const wav = out.endsWith(".wav") ? out : join(dir, "joined.wav");
  execFileSync("sox", [...clips, wav]);
  if (wav !== out) execFileSync("ffmpeg", ["-hide_banner", "-loglevel", "error", "-y", "-i", wav, out]);
  return { file: out, durationMs: at, sentences, pauses };
}

/** A clip's length, after sox effects when given (piped to sox's null output, nothing written). */
function lengthMs(clip: string, effects: string[] = []): number {
  if (effects.length === 0) return Math.round(Number(execFileSync("soxi", ["-D", clip], { encoding: "utf8" })) * 1000);
  const trimmed = `${clip}.trimmed.wav`;
  execFileSync("sox", [clip, trimmed, ...effects]);
  return lengthMs(trimmed);
}
