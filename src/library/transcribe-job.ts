/**
 * Transcription as a background job (the web app): the upload or import request answers at once
 * with the job; the job transcribes (resuming with the chunks an earlier attempt stored), writes the
 * episode and queues its analysis. The request of each job (which audio, what to call it) is kept in
 * the library's setting table under `transcription:<job id>`, with its latest progress.
 */
import { existsSync, rmSync } from "node:fs";
import { AsrConfigError, RecogniserError } from "../asr/index.js";
import { ImportError } from "../core/index.js";
import type { JobHandler } from "../jobs/runner.js";
import {
  enqueueJob,
  findEpisodeBySha256,
  getSetting,
  insertEpisode,
  type Job,
  type Store,
  setSetting,
} from "../store/index.js";
import { ANALYSIS_JOB } from "./analyze-episode.js";
import {
  type AudioImportOptions,
  type AudioProgressDetail,
  type AudioSource,
  transcribeAudioSource,
} from "./import-audio.js";
import { newEpisodeFromTranscript } from "./import-episode.js";

export const TRANSCRIBE_JOB = "transcribe";

/** Where the audio came from, for the page's wording. */
export type TranscriptionOrigin = "upload" | "url" | "feed";

/** What the job is doing, for a localised line on the page. */
export type TranscriptionPhase = "waiting" | "preparing" | "downloading" | "listening" | "transcribing" | "saving";

/** Why a transcription failed: the page words a missing recogniser itself and links the settings. */
export type TranscriptionProblem = "no-recogniser" | "recogniser" | "other";

/** A transcription job's request and latest progress, as stored. */
export interface TranscriptionRecord {
  audio: AudioSource;
  name: string;
  origin: TranscriptionOrigin;
  phase: TranscriptionPhase;
  chunksDone: number | null;
  chunksTotal: number | null;
  chunksResumed: number | null;
  timeLeftMs: number | null;
  problem: TranscriptionProblem | null;
  episodeId: string | null;
}

/** A transcription job with its request, for the API. */
export interface Transcription extends Omit<TranscriptionRecord, "audio"> {
  job: Job;
}

const key = (jobId: string) => `transcription:${jobId}`;

function readRecord(store: Store, jobId: string): TranscriptionRecord | null {
  const raw = getSetting(store, key(jobId));
  if (!raw) return null;
  try {
    return JSON.parse(raw) as TranscriptionRecord;
  } catch {
    return null;
  }
}

function writeRecord(store: Store, jobId: string, record: TranscriptionRecord): void {
  setSetting(store, key(jobId), JSON.stringify(record));
}

const JOB_COLUMNS = `id, kind, episode_id AS episodeId, state, progress, step, error, attempts,
  created_at AS createdAt, updated_at AS updatedAt`;

function transcriptionJobs(store: Store, where: string, ...params: unknown[]): Job[] {
  return store.db
    .prepare(`SELECT ${JOB_COLUMNS} FROM job WHERE kind = ? ${where} ORDER BY created_at DESC, rowid DESC LIMIT 50`)
    .all(TRANSCRIBE_JOB, ...params) as Job[];
}

/**
 * Queues the transcription of a local file or a URL; the same audio already waiting or being
 * transcribed is not queued twice (its job id is returned). The job row is written here rather than
 * with enqueueJob, which keeps one job per kind and episode, and these jobs have no episode yet.
 */
export function queueTranscription(store: Store, audio: AudioSource, origin: TranscriptionOrigin): string {
  const { bytes: _bytes, ...request } = audio;
  for (const job of transcriptionJobs(store, "AND state IN ('queued', 'running')")) {
    const other = readRecord(store, job.id)?.audio;
    if (other && (other.source === request.source || (request.sha256 && other.sha256 === request.sha256))) {
      return job.id;
    }
  }
  const id = store.newId("job");
  const now = store.now().toISOString();
  store.db.transaction(() => {
    store.db
      .prepare(
        "INSERT INTO job (id, kind, episode_id, state, created_at, updated_at) VALUES (?, ?, NULL, 'queued', ?, ?)",
      )
      .run(id, TRANSCRIBE_JOB, now, now);
    writeRecord(store, id, {
      audio: request,
      name: request.title ?? request.fallbackTitle,
      origin,
      phase: "waiting",
      chunksDone: null,
      chunksTotal: null,
      chunksResumed: null,
      timeLeftMs: null,
      problem: null,
      episodeId: null,
    });
  })();
  return id;
}

/** The transcriptions of the library, newest first (done ones too: they name their episode). */
export function listTranscriptions(store: Store): Transcription[] {
  const out: Transcription[] = [];
  for (const job of transcriptionJobs(store, "")) {
    const record = readRecord(store, job.id);
    if (!record) continue;
    const { audio: _audio, ...rest } = record;
    out.push({ ...rest, job });
  }
  return out;
}

export function getTranscription(store: Store, jobId: string): Transcription | null {
  return listTranscriptions(store).find((t) => t.job.id === jobId) ?? null;
}

/**
 * Puts a failed transcription back in the queue. The chunks it finished are stored by the audio's
 * hash, so it resumes where it stopped. Returns false when there is no such failed job.
 */
export function retryTranscription(store: Store, jobId: string): boolean {
  const record = readRecord(store, jobId);
  if (!record) return false;
  const changed = store.db
    .prepare(
      "UPDATE job SET state = 'queued', error = NULL, step = '', updated_at = ? WHERE id = ? AND kind = ? AND state = 'failed'",
    )
    .run(store.now().toISOString(), jobId, TRANSCRIBE_JOB).changes;
  if (changed === 0) return false;
  writeRecord(store, jobId, { ...record, phase: "waiting", problem: null, timeLeftMs: null });
  return true;
}

/**
 * Forgets a failed (or finished) transcription. An uploaded file no episode plays is deleted with
 * it; a running or waiting job is left alone (false).
 */
export function dismissTranscription(store: Store, jobId: string): boolean {
  const record = readRecord(store, jobId);
  const changed = store.db
    .prepare("DELETE FROM job WHERE id = ? AND kind = ? AND state IN ('failed', 'done')")
    .run(jobId, TRANSCRIBE_JOB).changes;
  if (changed === 0) return false;
  store.db.prepare("DELETE FROM setting WHERE key = ?").run(key(jobId));
  const audio = record?.audio;
  if (record?.origin === "upload" && audio?.sha256 && !findEpisodeBySha256(store, audio.sha256)) {
    if (existsSync(audio.source)) rmSync(audio.source, { force: true });
  }
  return true;
}

/** How often the detailed progress is written (the runner writes the bar itself). */
const RECORD_EVERY_MS = 500;

/** The handler of transcription jobs; `options` lets tests give another recogniser configuration. */
export function transcribeJobHandler(store: Store, options: AudioImportOptions = {}): JobHandler {
  return async (job, progress) => {
    const stored = readRecord(store, job.id);
    if (!stored) throw new ImportError("this transcription lost its request: upload or import the audio again");
    let record: TranscriptionRecord = { ...stored, problem: null, phase: "preparing" };
    writeRecord(store, job.id, record);
    let fraction = 0;
    let lastWrite = 0;
    let written = record;
    const report = (message: string, detail?: AudioProgressDetail) => {
      if (detail) fraction = detail.fraction;
      const phase = phaseOf(message, detail);
      record = {
        ...record,
        phase,
        ...(detail?.chunksTotal !== undefined
          ? {
              chunksDone: detail.chunksDone ?? 0,
              chunksTotal: detail.chunksTotal,
              chunksResumed: detail.chunksResumed ?? 0,
            }
          : {}),
        timeLeftMs: detail?.timeLeftMs ?? (phase === "transcribing" ? record.timeLeftMs : null),
      };
      const left = record.timeLeftMs !== null && phase === "transcribing" ? `, ${timeLeft(record.timeLeftMs)}` : "";
      progress(Math.min(0.99, fraction), `${message}${left}`);
      const now = Date.now();
      // A finished chunk or a new phase is written at once (they are few); the rest at most twice a second.
      const changed = record.phase !== written.phase || record.chunksDone !== written.chunksDone;
      if (changed || now - lastWrite >= RECORD_EVERY_MS) {
        written = record;
        writeRecord(store, job.id, record);
        lastWrite = now;
      }
    };
    try {
      const done = await transcribeAudioSource(store, record.audio, report, { ...options, queue: undefined });
      progress(0.995, "saving the transcript");
      const episodeId =
        "existingId" in done
          ? done.existingId
          : insertEpisode(
              store,
              newEpisodeFromTranscript(done.transcript, {
                title: record.audio.title,
                sourceKind: record.audio.sourceKind,
                sourceRef: record.audio.sourceRef,
                sha: done.sha,
                audioUrl: done.audioUrl,
                fallbackTitle: record.audio.fallbackTitle,
              }),
            );
      store.db.prepare("UPDATE job SET episode_id = ? WHERE id = ?").run(episodeId, job.id);
      record = { ...record, phase: "saving", timeLeftMs: 0, episodeId };
      writeRecord(store, job.id, record);
      // The analysis follows in the same queue run.
      if (!("existingId" in done)) enqueueJob(store, ANALYSIS_JOB, episodeId);
      progress(1, "transcribed");
    } catch (error) {
      writeRecord(store, job.id, { ...record, problem: problemOf(error), timeLeftMs: null });
      throw error;
    }
  };
}

function phaseOf(message: string, detail?: AudioProgressDetail): TranscriptionPhase {
  if (detail?.chunksTotal !== undefined) return "transcribing";
  if (message.startsWith("downloading")) return "downloading";
  if (message.startsWith("listening")) return "listening";
  return "preparing";
}

function problemOf(error: unknown): TranscriptionProblem {
  if (error instanceof AsrConfigError) return "no-recogniser";
  if (error instanceof RecogniserError) return "recogniser";
  if (error instanceof ImportError && error.reason.startsWith("no speech recogniser is configured")) {
    return "no-recogniser";
  }
  return "other";
}

/** "about 3 min left", "less than a minute left". */
export function timeLeft(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return "less than a minute left";
  if (minutes < 90) return `about ${minutes} min left`;
  return `about ${(minutes / 60).toFixed(1)} h left`;
}
