import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { basename, resolve } from "node:path";
import { ImportError, type Language, type TranscriptChapter, type TranscriptPerson } from "../core/index.js";
import {
  type FinalTranscript,
  MAX_IMPORT_BYTES,
  type ParsedFile,
  parseFeed,
  parsePodcasting20Chapters,
  parseTranscriptBytes,
  pickPreferredTranscript,
} from "../ingest/index.js";
import {
  type EpisodeSummary,
  findEpisodeBySha256,
  getEpisode,
  insertEpisode,
  type NewEpisode,
  type SourceKind,
  type Store,
} from "../store/index.js";
import { fetchSource } from "./fetch-source.js";
import {
  type AudioImportOptions,
  type AudioProgressDetail,
  type AudioSource,
  isAudioImport,
  transcribeAudioSource,
} from "./import-audio.js";

export interface ImportRequest {
  /** A file path, or an http(s) URL of a transcript or a feed. */
  source: string;
  title?: string;
  language?: Language;
  /** For a feed: which item (1-based, as `deeplisten feed` lists them). */
  item?: number;
  /** Audio the player should use (a local path or URL), when the transcript does not name one. */
  audioUrl?: string;
  /** Marks the bundled sample so the first run can tell it apart. */
  sourceKind?: SourceKind;
  /** How long a download may wait for an answer. */
  fetchTimeoutMs?: number;
  /** The file's bytes when they come from an upload (then `source` is the uploaded file's name). */
  bytes?: Uint8Array;
  /** Speech recognition: another configuration than the environment's, shorter waits (tests). */
  audio?: AudioImportOptions;
}

export interface ImportResult {
  episode: EpisodeSummary;
  /** True when these exact bytes were imported before: nothing new was written. */
  alreadyImported: boolean;
}

/** Reports what the import is doing, for the CLI's stderr and the job runner; a transcription adds a fraction and the time left. */
export type ImportProgress = (message: string, detail?: AudioProgressDetail) => void;

/**
 * Imports one episode into the library: reads or downloads the source, parses and checks it, then
 * writes it in one transaction. Any failure throws ImportError and leaves the library unchanged.
 */
export async function importEpisode(
  store: Store,
  request: ImportRequest,
  progress: ImportProgress = () => {},
): Promise<ImportResult> {
  const isUrl = !request.bytes && /^[a-z][a-z0-9+.-]*:\/\//i.test(request.source);
  // Audio (a file, a URL, an upload) is transcribed by speech recognition: see import-audio.ts.
  if (request.item === undefined && isAudioImport(request.source, isUrl, request.bytes)) {
    return importAudio(store, request, isUrl, progress);
  }
  const bytes =
    request.bytes ?? (isUrl ? await downloadBytes(request.source, request, progress) : readLocalFile(request.source));
  if (request.bytes && request.bytes.byteLength > MAX_IMPORT_BYTES) {
    throw new ImportError(`the file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB`, { file: request.source });
  }
  const sourceRef = isUrl || request.bytes ? request.source : resolve(request.source);
  if (isUrl && isAudioImport(request.source, false, bytes)) {
    // A URL without an audio extension that served audio: transcribe the downloaded bytes, play the URL.
    return importAudio(store, { ...request, bytes, audioUrl: request.audioUrl ?? request.source }, true, progress);
  }
  const sha = sha256(bytes);

  const asText = peekIsFeed(bytes);
  if (asText !== null && request.item !== undefined) {
    return importFeedItem(store, { ...request, source: sourceRef }, asText, progress);
  }
  if (request.item !== undefined) {
    throw new ImportError("--item is for podcast feeds, and this is not a feed", { file: request.source });
  }

  const existing = findEpisodeBySha256(store, sha);
  if (existing) return { episode: mustGet(store, existing), alreadyImported: true };

  progress(`parsing ${basename(request.source)}`);
  const parsed = parseTranscriptBytes(bytes, request.source, { language: request.language });
  const id = writeEpisode(store, parsed, {
    title: request.title,
    sourceKind: request.sourceKind ?? (isUrl ? "url" : "file"),
    sourceRef,
    sha,
    audioUrl: request.audioUrl ?? parsed.transcript.audioUrl ?? null,
    fallbackTitle: titleFromSource(request.source),
  });
  return { episode: mustGet(store, id), alreadyImported: false };
}

async function importFeedItem(
  store: Store,
  request: ImportRequest,
  feedText: string,
  progress: ImportProgress,
): Promise<ImportResult> {
  const feed = parseFeed(feedText, { fileName: request.source });
  const item = feed.items.find((i) => i.index === request.item);
  if (!item) {
    throw new ImportError(
      `the feed has no item ${request.item} (it has ${feed.items.length}: see \`deeplisten feed\`)`,
      {
        file: request.source,
      },
    );
  }
  const choice = pickPreferredTranscript(item.transcripts);
  if (!choice && item.audio) {
    // No transcript: speech recognition makes one from the enclosure, with the feed's cast as speakers.
    const audioUrl = resolveAgainst(item.audio.url, request.source);
    return writeTranscribed(
      store,
      {
        source: audioUrl,
        sourceKind: "rss-item",
        sourceRef: `${request.source}#item=${item.guid ?? item.index}`,
        audioUrl: request.audioUrl ?? audioUrl,
        language: request.language,
        title: request.title ?? item.title,
        fallbackTitle: item.title,
        show: feed.title,
        people: castOf(item.persons),
        fetchTimeoutMs: request.fetchTimeoutMs,
      },
      progress,
      request.audio,
    );
  }
  if (!choice) {
    throw new ImportError(`item ${item.index} "${item.title}" links neither a transcript nor audio`, {
      file: request.source,
    });
  }
  const transcriptUrl = resolveAgainst(choice.url, request.source);
  progress(`downloading the transcript of "${item.title}"`);
  const bytes = await downloadBytes(transcriptUrl, request, progress);
  const sha = sha256(bytes);
  const existing = findEpisodeBySha256(store, sha);
  if (existing) return { episode: mustGet(store, existing), alreadyImported: true };
  let chapters: TranscriptChapter[] | undefined;
  if (item.chapters) {
    const chaptersUrl = resolveAgainst(item.chapters.url, request.source);
    progress("downloading the chapters");
    const chapterBytes = await downloadBytes(chaptersUrl, request, progress);
    chapters = parsePodcasting20Chapters(new TextDecoder().decode(chapterBytes), { fileName: chaptersUrl });
  }
  const people = castOf(item.persons);
  const parsed = parseTranscriptBytes(bytes, transcriptUrl, { language: request.language, people, chapters });
  const transcript: FinalTranscript = { ...parsed.transcript, show: parsed.transcript.show ?? feed.title };
  const id = writeEpisode(
    store,
    { ...parsed, transcript },
    {
      title: request.title ?? item.title,
      sourceKind: "rss-item",
      sourceRef: `${request.source}#item=${item.guid ?? item.index}`,
      sha,
      audioUrl: request.audioUrl ?? item.audio?.url ?? null,
      fallbackTitle: item.title,
    },
  );
  return { episode: mustGet(store, id), alreadyImported: false };
}

function isCast(person: { group?: string }): boolean {
  return !person.group || person.group.toLowerCase() === "cast";
}

/** Only the cast speaks; a feed also credits cover artists, editors and so on. */
function castOf(persons: { name: string; role?: string; group?: string }[]): TranscriptPerson[] {
  return persons
    .filter(isCast)
    .map(
      (p): TranscriptPerson => ({ name: p.name, role: p.role === "host" || p.role === "guest" ? p.role : "speaker" }),
    );
}

// ---- Audio: speech recognition (src/library/import-audio.ts) makes the transcript; written here like any other.

function importAudio(store: Store, request: ImportRequest, isUrl: boolean, progress: ImportProgress) {
  return writeTranscribed(
    store,
    {
      source: request.source,
      ...(request.bytes ? { bytes: request.bytes } : {}),
      sourceKind: request.sourceKind ?? (isUrl ? "url" : "file"),
      sourceRef: isUrl || request.bytes ? request.source : resolve(request.source),
      audioUrl: request.audioUrl,
      language: request.language,
      title: request.title,
      fallbackTitle: titleFromSource(request.source),
      fetchTimeoutMs: request.fetchTimeoutMs,
    },
    progress,
    request.audio,
  );
}

async function writeTranscribed(
  store: Store,
  audio: AudioSource,
  progress: ImportProgress,
  options: AudioImportOptions | undefined,
): Promise<ImportResult> {
  const done = await transcribeAudioSource(store, audio, progress, options);
  if ("existingId" in done) return { episode: mustGet(store, done.existingId), alreadyImported: true };
  const id = insertEpisode(
    store,
    newEpisodeFromTranscript(done.transcript, {
      title: audio.title,
      sourceKind: audio.sourceKind,
      sourceRef: audio.sourceRef,
      sha: done.sha,
      audioUrl: done.audioUrl,
      fallbackTitle: audio.fallbackTitle,
    }),
  );
  return { episode: mustGet(store, id), alreadyImported: false };
}

export interface WriteOptions {
  title: string | undefined;
  sourceKind: SourceKind;
  sourceRef: string;
  sha: string;
  audioUrl: string | null;
  fallbackTitle: string;
}

function writeEpisode(store: Store, parsed: ParsedFile, o: WriteOptions): string {
  return insertEpisode(store, newEpisodeFromTranscript(parsed.transcript, o));
}

/** What the library stores of a checked transcript: the one mapping the import and the benchmarks use. */
export function newEpisodeFromTranscript(t: FinalTranscript, o: WriteOptions): NewEpisode {
  return {
    title: o.title?.trim() || t.title?.trim() || o.fallbackTitle,
    show: t.show ?? null,
    language: t.language,
    durationMs: t.durationMs,
    wordCount: t.wordCount,
    format: t.format,
    source: { kind: o.sourceKind, ref: o.sourceRef, sha256: o.sha },
    audioUrl: o.audioUrl,
    videoUrl: t.videoUrl ?? null,
    timingEstimated: t.timingEstimated ?? false,
    speakersAnonymous: t.speakersAnonymous ?? false,
    people: t.people.map((p) => ({ ...p, anonymous: t.speakersAnonymous ?? false })),
    segments: t.segments.map((s) => ({ startMs: s.startMs, endMs: s.endMs, speaker: s.speaker, text: s.text })),
    chapters: t.chapters.map((c) => ({ title: c.title, startMs: c.startMs, endMs: c.endMs, source: c.source })),
  };
}

function readLocalFile(path: string): Uint8Array {
  let size: number;
  try {
    const stat = statSync(path);
    if (stat.isDirectory())
      throw new ImportError("this is a folder; give the path of a transcript file", { file: path });
    size = stat.size;
  } catch (error) {
    if (error instanceof ImportError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new ImportError(code === "ENOENT" ? "no such file" : `the file cannot be read (${code})`, { file: path });
  }
  if (size > MAX_IMPORT_BYTES) {
    throw new ImportError(
      `the file is ${Math.round(size / 1024 / 1024)} MB; a transcript is at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB (is this an audio or video file?)`,
      { file: path },
    );
  }
  try {
    return readFileSync(path);
  } catch (error) {
    throw new ImportError(`the file cannot be read (${(error as NodeJS.ErrnoException).code})`, { file: path });
  }
}

async function downloadBytes(url: string, request: ImportRequest, progress: ImportProgress): Promise<Uint8Array> {
  progress(`downloading ${url}`);
  return (await fetchSource(url, { timeoutMs: request.fetchTimeoutMs })).bytes;
}

/** Returns the decoded text when the bytes are a feed, else null (cheap: looks at the start only). */
function peekIsFeed(bytes: Uint8Array): string | null {
  const head = new TextDecoder().decode(bytes.subarray(0, 2048)).replace(/^\uFEFF/, "");
  if (!/<rss[\s>]|<feed[\s>]/i.test(head)) return null;
  return new TextDecoder().decode(bytes).replace(/^\uFEFF/, "");
}

function resolveAgainst(url: string, base: string): string {
  try {
    return new URL(url, /^https?:\/\//i.test(base) ? base : undefined).toString();
  } catch {
    return url;
  }
}

function titleFromSource(source: string): string {
  const name = basename(source.split(/[?#]/)[0] ?? source);
  return name.replace(/\.[a-z0-9]{1,5}$/i, "") || source;
}

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

function mustGet(store: Store, id: string): EpisodeSummary {
  const episode = getEpisode(store, id);
  if (!episode) throw new Error(`episode ${id} vanished right after it was written`);
  return episode;
}
