/**
 * The API contract for the library: what `/api/episodes`, `/api/jobs` and the import routes send.
 * Contract files hold plain types only (no imports from the server), so the web app (web/) can
 * import them as types and the server routes are checked against the same shapes.
 */

export type EpisodeLanguage = "en" | "zh" | "und";

/** An episode as the CLI (`list --json`) and the API show it. */
export interface EpisodeJson {
  id: string;
  title: string;
  show: string | null;
  language: EpisodeLanguage;
  durationMs: number;
  speakers: string[];
  segmentCount: number;
  wordCount: number;
  chapters: { title: string; startMs: number }[];
  format: string;
  source: { kind: "file" | "url" | "rss-item" | "sample"; ref: string };
  audioUrl: string | null;
  videoUrl: string | null;
  timingEstimated: boolean;
  speakersAnonymous: boolean;
  importedAt: string;
}

/** The learner's progress on an episode, for the library list. */
export interface EpisodeProgressSummary {
  pass: 1 | 2 | 3;
  /** Concepts of the episode's analysis (0 before analysis). */
  conceptCount: number;
  verifiedCount: number;
  markCount: number;
  analysed: boolean;
}

/** `GET /api/episodes` */
export interface LibraryResponse {
  episodes: (EpisodeJson & { progress: EpisodeProgressSummary })[];
}

export type JobStateJson = "queued" | "running" | "done" | "failed";

export interface JobJson {
  id: string;
  kind: string;
  episodeId: string | null;
  state: JobStateJson;
  progress: number;
  step: string;
  error: string | null;
  attempts: number;
  createdAt: string;
  updatedAt: string;
}

/** `GET /api/jobs[?episode=ID]` */
export interface JobsResponse {
  jobs: JobJson[];
}

/** `POST /api/episodes/import`: a transcript, episode page or RSS feed by URL (http or https only). */
export interface ImportUrlRequest {
  url: string;
  /** For a feed: which item (1 = newest). */
  item?: number;
}

/**
 * `POST /api/episodes/upload?name=<file name>` with the file's bytes as the body
 * (Content-Type: application/octet-stream). A transcript is at most UPLOAD_LIMIT_BYTES; audio
 * (told by its first bytes) at most AUDIO_UPLOAD_LIMIT_BYTES, streamed to `<library>/audio/` and
 * kept there for the player, then transcribed in a background job.
 */
export const UPLOAD_LIMIT_BYTES = 50 * 1024 * 1024;
export const AUDIO_UPLOAD_LIMIT_BYTES = 2 * 1024 * 1024 * 1024;
/** The audio file types the library page names (the server tells audio by its bytes, and takes flac, webm and video too). */
export const AUDIO_UPLOAD_EXTENSIONS = ["mp3", "m4a", "wav", "ogg", "opus"] as const;

/**
 * The answer to an import or an upload. A transcript is imported at once (`episode`, and its
 * analysis job); audio is transcribed in the background (`transcription`, `episode` null until the
 * job has written it; follow it with GET /api/episodes/transcriptions).
 */
export interface ImportResponse {
  episode: EpisodeJson | null;
  alreadyImported: boolean;
  /** The job queued: the analysis of a new episode, or the transcription of audio. */
  jobId: string | null;
  transcription: TranscriptionJson | null;
}

/** What a transcription job is doing. */
export type TranscriptionPhaseJson = "waiting" | "preparing" | "downloading" | "listening" | "transcribing" | "saving";

/**
 * A background transcription of uploaded or imported audio. `error` is the server's sentence;
 * `problem` "no-recogniser" means no speech recogniser is configured (the sentence says what to set
 * and where), "recogniser" that the configured one failed (unreachable, key, model).
 */
export interface TranscriptionJson {
  jobId: string;
  /** The file name, or the title of a URL or feed item. */
  name: string;
  origin: "upload" | "url" | "feed";
  state: JobStateJson;
  /** 0..1 */
  progress: number;
  phase: TranscriptionPhaseJson;
  /** The job's step in English, with the time left while transcribing. */
  step: string;
  chunksDone: number | null;
  chunksTotal: number | null;
  /** Chunks taken from an earlier, interrupted attempt. */
  chunksResumed: number | null;
  timeLeftMs: number | null;
  error: string | null;
  problem: "no-recogniser" | "recogniser" | "other" | null;
  /** The episode once the transcript is stored. */
  episodeId: string | null;
  attempts: number;
  createdAt: string;
  updatedAt: string;
}

/**
 * `GET /api/episodes/transcriptions`: recent transcriptions, newest first.
 * `POST /api/episodes/transcriptions/:jobId/retry` queues a failed one again (it resumes with the
 * chunks it has) and answers `{ transcription }`; `DELETE /api/episodes/transcriptions/:jobId`
 * forgets a failed or finished one.
 */
export interface TranscriptionsResponse {
  transcriptions: TranscriptionJson[];
}

/** Every error the API sends: one sentence the learner can act on. */
export interface ApiErrorBody {
  error: string;
  /**
   * For a file or address that could not be imported: where and why, apart, so the page can say it
   * in the learner's language around the reader's own sentence.
   */
  importProblem?: ImportProblemJson;
}

/** Why an import failed: the file (or address), the line when one is at fault, and the reason. */
export interface ImportProblemJson {
  file: string | null;
  line: number | null;
  reason: string;
}
