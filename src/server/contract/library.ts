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
 * (Content-Type: application/octet-stream); at most UPLOAD_LIMIT_BYTES.
 */
export const UPLOAD_LIMIT_BYTES = 50 * 1024 * 1024;

/** The answer to an import or an upload. */
export interface ImportResponse {
  episode: EpisodeJson;
  alreadyImported: boolean;
  /** The analysis job queued for a new episode. */
  jobId: string | null;
}

/** Every error the API sends: one sentence the learner can act on. */
export interface ApiErrorBody {
  error: string;
}
