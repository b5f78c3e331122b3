/**
 * Audio into the library: speech recognition makes the transcript of an audio file, URL, upload or
 * feed enclosure (src/asr does the work; this module wires it to the library), and audio can be
 * attached to an episode that already has a transcript, with the offset between the two timelines.
 */
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, extname, join, resolve } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import {
  type AsrConfig,
  type AudioChunk,
  asrSettingsFile,
  type ChunkCache,
  createRecogniser,
  findAudioOffset,
  type HttpRecogniserOptions,
  hasAudioExtension,
  isAudioFile,
  looksLikeAudioBytes,
  noRecogniserMessage,
  probeAudio,
  readAsrConfig,
  type TimedSegment,
  type TranscribeProgress,
  transcribeAudio,
} from "../asr/index.js";
import { ImportError, type Language, type Transcript, type TranscriptPerson } from "../core/index.js";
import type { FinalTranscript } from "../ingest/index.js";
import { finalizeTranscript } from "../ingest/normalize.js";
import { findEpisodeBySha256, getEpisode, getSegments, type SourceKind, type Store } from "../store/index.js";

/** Progress of a transcription, for a bar with the time left. */
export interface AudioProgressDetail {
  fraction: number;
  timeLeftMs: number | null;
  /** While transcribing: the chunks done (resumed ones included) and in all. */
  chunksDone?: number;
  chunksTotal?: number;
  chunksResumed?: number;
}

/** Where the audio of an import comes from, and what the library should record about it. */
export interface AudioSource {
  /** A local path or an http(s) URL, as the learner gave it. */
  source: string;
  /** The bytes of an upload (then `source` is the uploaded file's name). */
  bytes?: Uint8Array;
  sourceKind: SourceKind;
  sourceRef: string;
  /** What the player plays; defaults to the local file or the URL. */
  audioUrl?: string;
  language?: Language;
  title?: string;
  fallbackTitle: string;
  show?: string;
  /** The cast a feed names (podcast:person): who speaks, when the recogniser cannot tell voices apart. */
  people?: TranscriptPerson[];
  fetchTimeoutMs?: number;
  /** The SHA-256 of a local file when it is already known (an upload hashed while it was stored). */
  sha256?: string;
}

/** A finished transcription, ready to be written like any imported transcript. */
export interface TranscribedAudio {
  transcript: FinalTranscript;
  sha: string;
  audioUrl: string;
  chunksResumed: number;
  chunksTranscribed: number;
}

/** Test and tool hooks: another recogniser configuration, shorter HTTP waits. */
export interface AudioImportOptions {
  env?: NodeJS.ProcessEnv;
  http?: HttpRecogniserOptions;
  /**
   * Transcribe later, in a background job (the web app): called with the audio to transcribe (a
   * local file or a URL, never bytes), returns the job's id; the import then throws TranscriptionQueued.
   */
  queue?: (audio: AudioSource) => string;
}

/** Not a failure: the import's audio was handed to a background transcription job. */
export class TranscriptionQueued extends Error {
  readonly jobId: string;
  constructor(jobId: string) {
    super(`the audio is being transcribed in job ${jobId}`);
    this.name = "TranscriptionQueued";
    this.jobId = jobId;
  }
}

/** True when an import request is audio: by the path's or URL's extension, or a local file's or upload's first bytes. */
export function isAudioImport(source: string, isUrl: boolean, bytes?: Uint8Array): boolean {
  if (bytes) return looksLikeAudioBytes(bytes.subarray(0, 16));
  return isUrl ? hasAudioExtension(source) : isAudioFile(source);
}

/** The library folder of a store: where asr.json, uploads and downloads live. */
function libraryHome(store: Store): string {
  return dirname(resolve(store.path));
}

/** Where uploaded audio is kept (the player plays it from there). */
export function audioFolder(store: Store): string {
  return join(libraryHome(store), "audio");
}

/** The recogniser configuration, or the sentence saying what to configure. */
export function requireAsrConfig(store: Store, env: NodeJS.ProcessEnv = process.env): AsrConfig {
  const file = asrSettingsFile(libraryHome(store));
  const config = readAsrConfig(env, file);
  if (!config) throw new ImportError(noRecogniserMessage(file));
  return config;
}

/**
 * Transcribes an audio source. Returns `{ existingId }` when the same audio was imported before
 * (nothing is transcribed again). Chunks are stored as they finish, so a second run after a
 * failure or a kill transcribes only what is missing.
 */
export async function transcribeAudioSource(
  store: Store,
  audio: AudioSource,
  progress: (message: string, detail?: AudioProgressDetail) => void,
  options: AudioImportOptions = {},
): Promise<TranscribedAudio | { existingId: string }> {
  if (options.queue) return queueAudio(store, audio, options.queue);
  const config = requireAsrConfig(store, options.env);
  const local = await localAudio(store, audio, progress);
  const existingId = findEpisodeBySha256(store, local.sha);
  if (existingId) return { existingId };
  const recogniser = await createRecogniser(config, options.http);
  try {
    progress(`transcribing with ${recogniser.label}`);
    const result = await transcribeAudio(local.path, audio.source, {
      recogniser,
      cache: chunkCache(store, local.sha),
      chunkMs: config.chunkSeconds * 1000,
      parallel: config.parallel,
      language: audio.language,
      onProgress: (p) => progress(describeProgress(p), progressDetail(p)),
    });
    if (result.segments.length === 0) {
      throw new ImportError(`${recogniser.label} heard no speech in the audio`, { file: audio.source });
    }
    const transcript = finalizeTranscript(
      transcriptOf(result.segments, audio, result.durationMs),
      audio.source,
      audio.language,
    );
    if (local.temporary) rmSync(local.path, { force: true });
    return {
      transcript,
      sha: local.sha,
      audioUrl: audio.audioUrl ?? local.playerUrl,
      chunksResumed: result.chunksResumed,
      chunksTranscribed: result.chunksTranscribed,
    };
  } finally {
    recogniser.close?.();
  }
}

/**
 * Hands the audio to a background job. Bytes (a URL that served audio without saying so) are kept
 * in the library's audio folder first, so the job reads a file; audio already in the library is not queued.
 */
function queueAudio(store: Store, audio: AudioSource, queue: (audio: AudioSource) => string): { existingId: string } {
  const { bytes, ...rest } = audio;
  if (!bytes) throw new TranscriptionQueued(queue(rest));
  const sha = createHash("sha256").update(bytes).digest("hex");
  const existingId = findEpisodeBySha256(store, sha);
  if (existingId) return { existingId };
  mkdirSync(audioFolder(store), { recursive: true });
  const path = join(audioFolder(store), `${sha.slice(0, 16)}${extensionOf(audio.source)}`);
  if (!existsSync(path)) writeFileSync(path, bytes);
  throw new TranscriptionQueued(queue({ ...rest, source: path, sha256: sha, audioUrl: audio.audioUrl ?? path }));
}

function progressDetail(p: TranscribeProgress): AudioProgressDetail {
  return {
    fraction: p.fraction,
    timeLeftMs: p.timeLeftMs,
    ...(p.phase === "transcribing"
      ? { chunksDone: p.chunksDone, chunksTotal: p.chunksTotal, chunksResumed: p.chunksResumed }
      : {}),
  };
}

function describeProgress(p: TranscribeProgress): string {
  if (p.phase === "listening for pauses") return "listening for pauses";
  const resumed = p.chunksResumed ? `, ${p.chunksResumed} from the last run` : "";
  return `transcribing: ${p.chunksDone}/${p.chunksTotal} chunks${resumed}`;
}

/**
 * The transcript of recognised segments. Speakers: a recogniser's voice labels become "Speaker 1",
 * "Speaker 2"... (anonymous, renamable); without labels, a feed's only cast member speaks every
 * line, a feed's larger cast is listed without guessing who said what, and otherwise every line is "Speaker 1".
 */
export function transcriptOf(segments: TimedSegment[], audio: AudioSource, durationMs: number): Transcript {
  const cast = audio.people ?? [];
  const labels = new Map<string, string>();
  for (const s of segments)
    if (s.speaker && !labels.has(s.speaker)) labels.set(s.speaker, `Speaker ${labels.size + 1}`);
  const only = cast.length === 1 ? (cast[0] as TranscriptPerson).name : null;
  const speakerOf = (s: TimedSegment): string | null =>
    labels.size > 0 ? (labels.get(s.speaker ?? "") ?? null) : only ? only : cast.length > 1 ? null : "Speaker 1";
  const anonymous = labels.size > 0 || cast.length === 0;
  const last = segments.at(-1);
  return {
    format: "speech-recognition",
    ...(audio.title ? { title: audio.title } : {}),
    ...(audio.show ? { show: audio.show } : {}),
    ...(audio.language ? { language: audio.language } : {}),
    people: anonymous && labels.size === 0 ? [] : cast,
    segments: segments.map((s) => ({
      startMs: s.startMs,
      // The last line runs to the end of what was heard, not past the file.
      endMs: s === last ? Math.min(Math.max(s.endMs, s.startMs), durationMs) : s.endMs,
      speaker: speakerOf(s),
      text: s.text,
    })),
    chapters: [],
    speakersAnonymous: anonymous,
  };
}

interface LocalAudio {
  /** What ffmpeg reads. */
  path: string;
  sha: string;
  /** The player's audio when the learner named none: the local file, the URL, or the stored upload. */
  playerUrl: string;
  /** A download deleted once the transcript is written (the player streams the URL). */
  temporary: boolean;
}

/** The audio as a local file with its hash: a local file as is, an upload stored in the library, a URL downloaded. */
async function localAudio(store: Store, audio: AudioSource, progress: (message: string) => void): Promise<LocalAudio> {
  if (audio.bytes) {
    const sha = createHash("sha256").update(audio.bytes).digest("hex");
    // An upload has no other home: the library keeps it so the player can play it.
    const dir = join(libraryHome(store), "audio");
    mkdirSync(dir, { recursive: true });
    const path = join(dir, `${sha.slice(0, 16)}${extensionOf(audio.source)}`);
    if (!existsSync(path)) writeFileSync(path, audio.bytes);
    return { path, sha, playerUrl: path, temporary: false };
  }
  if (/^https?:\/\//i.test(audio.source)) {
    const path = await downloadAudio(store, audio.source, progress, audio.fetchTimeoutMs);
    return { path, sha: await hashFile(path), playerUrl: audio.source, temporary: true };
  }
  const path = resolve(audio.source);
  if (!existsSync(path)) throw new ImportError("no such file", { file: audio.source });
  progress("reading the audio");
  return { path, sha: audio.sha256 ?? (await hashFile(path)), playerUrl: path, temporary: false };
}

/**
 * Downloads audio to the library's download folder, streaming to disk (a 4-hour MP3 is 250 MB).
 * The file is named by its URL and kept until the transcript is written, so a resumed import does
 * not download it again; a half-written download never counts (it is renamed into place when complete).
 */
async function downloadAudio(
  store: Store,
  url: string,
  progress: (message: string) => void,
  timeoutMs = 60_000,
): Promise<string> {
  const dir = join(libraryHome(store), "downloads");
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${createHash("sha256").update(url).digest("hex").slice(0, 16)}${extensionOf(url)}`);
  if (existsSync(path)) return path;
  progress(`downloading ${url}`);
  let response: Response;
  try {
    response = await fetch(url, {
      signal: AbortSignal.timeout(timeoutMs),
      redirect: "follow",
      headers: { "user-agent": "deeplisten/0.1 (+local study tool)" },
    });
  } catch (error) {
    const name = (error as Error).name;
    throw new ImportError(
      name === "TimeoutError" || name === "AbortError"
        ? `the server did not answer within ${Math.round(timeoutMs / 1000)} s`
        : `the server could not be reached (${(error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message})`,
      { file: url },
    );
  }
  if (!response.ok || !response.body) {
    await response.body?.cancel().catch(() => {});
    throw new ImportError(`the server answered ${response.status} ${response.statusText || ""}`.trim(), { file: url });
  }
  const part = `${path}.part`;
  try {
    await pipeline(
      Readable.fromWeb(response.body as import("node:stream/web").ReadableStream),
      createWriteStream(part),
    );
  } catch (error) {
    rmSync(part, { force: true });
    throw new ImportError(`the download broke off (${(error as Error).message})`, { file: url });
  }
  renameSync(part, path);
  return path;
}

async function hashFile(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

function extensionOf(name: string): string {
  const ext = extname(name.split(/[?#]/)[0] ?? name).toLowerCase();
  return /^\.[a-z0-9]{2,4}$/.test(ext) ? ext : ".audio";
}

/** Finished chunks in the library's asr_chunk table, by the audio's hash. */
export function chunkCache(store: Store, sha: string): ChunkCache {
  const select = store.db.prepare(
    "SELECT start_ms AS startMs, end_ms AS endMs, recogniser, result FROM asr_chunk WHERE audio_sha256 = ? AND idx = ?",
  );
  const upsert = store.db.prepare(
    `INSERT INTO asr_chunk (audio_sha256, idx, start_ms, end_ms, recogniser, result, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (audio_sha256, idx) DO UPDATE SET start_ms = excluded.start_ms, end_ms = excluded.end_ms,
       recogniser = excluded.recogniser, result = excluded.result, created_at = excluded.created_at`,
  );
  return {
    get(chunk: AudioChunk, recogniserId: string) {
      const row = select.get(sha, chunk.idx) as
        | { startMs: number; endMs: number; recogniser: string; result: string }
        | undefined;
      if (!row || row.startMs !== chunk.startMs || row.endMs !== chunk.endMs || row.recogniser !== recogniserId) {
        return null;
      }
      try {
        return JSON.parse(row.result) as TimedSegment[];
      } catch {
        return null;
      }
    },
    put(chunk: AudioChunk, recogniserId: string, segments: TimedSegment[]) {
      upsert.run(
        sha,
        chunk.idx,
        chunk.startMs,
        chunk.endMs,
        recogniserId,
        JSON.stringify(segments),
        store.now().toISOString(),
      );
    },
  };
}

/** What attaching audio did. */
export interface AttachedAudio {
  episodeId: string;
  audioUrl: string;
  offsetMs: number;
  /** How the offset was found. */
  method: "given" | "aligned";
  /** For an aligned offset: how many matching word runs agreed. */
  anchors?: number;
}

/**
 * Attaches audio to an episode that has a transcript, with the offset between the two timelines
 * (how far the audio is ahead: ad reads, a cold open). Local files must exist; the player plays a URL as is.
 */
export function attachAudio(store: Store, episodeId: string, audio: string, offsetMs: number): AttachedAudio {
  const audioUrl = /^https?:\/\//i.test(audio) ? audio : resolve(audio);
  if (!/^https?:\/\//i.test(audio) && !existsSync(audioUrl)) throw new ImportError("no such file", { file: audio });
  const changed = store.db
    .prepare("UPDATE episode SET audio_url = ?, audio_offset_ms = ? WHERE id = ?")
    .run(audioUrl, Math.round(offsetMs), episodeId).changes;
  if (changed === 0) throw new ImportError(`no episode ${episodeId} in the library`);
  return { episodeId, audioUrl, offsetMs: Math.round(offsetMs), method: "given" };
}

/** The offset stored for an episode's audio. */
export function audioOffsetOf(store: Store, episodeId: string): number {
  const row = store.db.prepare("SELECT audio_offset_ms AS ms FROM episode WHERE id = ?").get(episodeId) as
    | { ms: number }
    | undefined;
  return row?.ms ?? 0;
}

/**
 * Finds the offset of an audio file against an episode's transcript by transcribing its first
 * minutes (ffmpeg reads only those, even from a URL) and aligning the words, then attaches it.
 */
export async function alignAndAttachAudio(
  store: Store,
  episodeId: string,
  audio: string,
  minutes: number,
  progress: (message: string, detail?: AudioProgressDetail) => void = () => {},
  options: AudioImportOptions = {},
): Promise<AttachedAudio> {
  const episode = getEpisode(store, episodeId);
  if (!episode) throw new ImportError(`no episode ${episodeId} in the library`);
  const config = requireAsrConfig(store, options.env);
  const isUrl = /^https?:\/\//i.test(audio);
  const input = isUrl ? audio : resolve(audio);
  if (!isUrl && !existsSync(input)) throw new ImportError("no such file", { file: audio });
  await probeAudio(input, audio);
  const recogniser = await createRecogniser(config, options.http);
  let heard: TimedSegment[];
  try {
    progress(`transcribing the first ${minutes} minutes with ${recogniser.label}`);
    // A few minutes are quick to redo: no resume cache, and no hash of a file that may be a 250 MB URL.
    const result = await transcribeAudio(input, audio, {
      recogniser,
      cache: { get: () => null, put: () => {} },
      chunkMs: config.chunkSeconds * 1000,
      parallel: config.parallel,
      language: episode.language === "und" ? undefined : episode.language,
      limitMs: minutes * 60_000,
      onProgress: (p) => progress(describeProgress(p), progressDetail(p)),
    });
    heard = result.segments;
  } finally {
    recogniser.close?.();
  }
  const alignment = findAudioOffset(heard, getSegments(store, episodeId));
  if (!alignment) {
    throw new ImportError(
      `the first ${minutes} minutes of the audio do not match the transcript of "${episode.title}": set the offset by hand with --offset SECONDS, or align more with --minutes`,
      { file: audio },
    );
  }
  return {
    ...attachAudio(store, episodeId, audio, alignment.offsetMs),
    method: "aligned",
    anchors: alignment.anchors,
  };
}

/** An upload received into the library's audio folder, not yet kept or discarded. */
export interface ReceivedUpload {
  /** A temporary file in the audio folder. */
  tempPath: string;
  sha: string;
  size: number;
  /** The first bytes, to tell audio from a transcript. */
  head: Uint8Array;
}

/** The body was larger than the limit: nothing was kept. */
export class UploadTooLarge extends Error {
  constructor(readonly limitBytes: number) {
    super(`the upload is larger than ${limitBytes} bytes`);
    this.name = "UploadTooLarge";
  }
}

/**
 * Streams an upload to a temporary file in the library's audio folder, hashing it on the way, so a
 * 2 GB recording never sits in memory. Over `limitBytes` the transfer stops and the file is removed.
 */
export async function receiveUpload(
  store: Store,
  body: ReadableStream<Uint8Array> | null,
  limitBytes: number,
): Promise<ReceivedUpload> {
  const dir = audioFolder(store);
  mkdirSync(dir, { recursive: true });
  const tempPath = join(dir, `.upload-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.part`);
  const hash = createHash("sha256");
  let size = 0;
  const head: number[] = [];
  const counted = async function* (source: AsyncIterable<Uint8Array>) {
    for await (const chunk of source) {
      size += chunk.byteLength;
      if (size > limitBytes) throw new UploadTooLarge(limitBytes);
      if (head.length < 16) head.push(...chunk.subarray(0, 16 - head.length));
      hash.update(chunk);
      yield chunk;
    }
  };
  try {
    const source = body ? Readable.fromWeb(body as import("node:stream/web").ReadableStream) : Readable.from([]);
    await pipeline(source, counted, createWriteStream(tempPath));
  } catch (error) {
    rmSync(tempPath, { force: true });
    throw error;
  }
  return { tempPath, sha: hash.digest("hex"), size, head: Uint8Array.from(head) };
}

/** Keeps a received audio upload under its hash (the player plays it from there); returns its path. */
export function keepAudioUpload(store: Store, upload: ReceivedUpload, name: string): string {
  const path = join(audioFolder(store), `${upload.sha.slice(0, 16)}${extensionOf(name)}`);
  if (existsSync(path)) rmSync(upload.tempPath, { force: true });
  else renameSync(upload.tempPath, path);
  return path;
}
