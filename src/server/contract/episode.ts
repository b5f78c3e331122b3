import type { EpisodeJson } from "./library.js";

/** The API contract for one episode's listen view: transcript, chapters, marks, passes, listening. */

export interface SegmentJson {
  id: number;
  startMs: number;
  endMs: number;
  speaker: string | null;
  text: string;
}

export interface ChapterJson {
  title: string;
  startMs: number;
  endMs: number;
  source: "published" | "detected";
}

export type PassNumber = 1 | 2 | 3;

/** `GET /api/episodes/:id` */
export interface EpisodeDetailResponse {
  episode: EpisodeJson & {
    segments: SegmentJson[];
    chapterList: ChapterJson[];
    /** Where the player gets the audio: this server's audio route, a remote URL, or null. */
    playableAudioUrl: string | null;
    /** The YouTube video id when the source links one (timestamps are on the video's timeline). */
    youtubeId: string | null;
    /** Milliseconds the audio's timeline is ahead of the transcript's. */
    audioOffsetMs: number;
    pass: PassNumber;
  };
}

export interface MarkJson {
  id: number;
  episodeId: string;
  pass: PassNumber;
  kind: "moment" | "term";
  startMs: number;
  segmentId: number | null;
  selection: string | null;
  conceptId: number | null;
  conceptName: string | null;
  confidence: number | null;
  note: string | null;
  createdAt: string;
}

/** `GET /api/episodes/:id/marks` */
export interface MarksResponse {
  marks: MarkJson[];
}

/** `POST /api/episodes/:id/marks` */
export interface NewMarkRequest {
  pass: PassNumber;
  kind: "moment" | "term";
  startMs: number;
  segmentId?: number | null;
  /** The words of a term mark. */
  selection?: string | null;
  /** How well the learner thinks they understand it, 1 (not at all) to 5. */
  confidence?: number | null;
  note?: string | null;
}

/** `PATCH /api/episodes/:id/marks/:markId` */
export interface UpdateMarkRequest {
  confidence?: number | null;
  note?: string | null;
}

/** `PUT /api/episodes/:id/pass` */
export interface SetPassRequest {
  pass: PassNumber;
}

/** `POST /api/episodes/:id/listened`: a stretch played during a pass. */
export interface ListenSpanRequest {
  pass: PassNumber;
  startMs: number;
  endMs: number;
  wallMs: number;
}

export interface ListenSpanJson {
  pass: PassNumber;
  startMs: number;
  endMs: number;
  wallMs: number;
}

/** `GET /api/episodes/:id/listened` */
export interface ListenSpansResponse {
  spans: ListenSpanJson[];
}
