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

/** A voice of the episode, with how many paragraphs carry its name. */
export interface SpeakerJson {
  id: number;
  name: string;
  role: "host" | "guest" | "speaker";
  /** A placeholder name ("Speaker 2") the learner has not named yet. */
  anonymous: boolean;
  paragraphs: number;
}

/** One recorded speaker correction. */
export interface SpeakerChangeJson {
  id: number;
  kind: "rename" | "merge" | "relabel";
  /** What changed, in English (the web app words its own messages). */
  summary: string;
  /** Paragraphs whose speaker changed. */
  segmentIds: number[];
  createdAt: string;
  undoneAt: string | null;
}

/** `GET /api/episodes/:id/speakers`: the speakers and the corrections, newest first. */
export interface SpeakersResponse {
  speakers: SpeakerJson[];
  changes: SpeakerChangeJson[];
}

/** Which paragraphs a relabel touches, starting from one: it alone, its whole turn, or it and the rest of its turn. */
export type RelabelScope = "paragraph" | "turn" | "until-change";

/** `POST /api/episodes/:id/speakers/relabel` */
export interface RelabelRequest {
  segmentId: number;
  scope: RelabelScope;
  /** An existing speaker's name or a new one. */
  to: string;
}

/** `POST /api/episodes/:id/speakers/rename`: renaming onto another speaker's name merges the two. */
export interface RenameSpeakerRequest {
  from: string;
  to: string;
}

/** `POST /api/episodes/:id/speakers/merge`: `from`'s paragraphs go to `into`, which must exist. */
export interface MergeSpeakersRequest {
  from: string;
  into: string;
}

/**
 * The answer of relabel, rename, merge and `POST /api/episodes/:id/speakers/undo`: the change made
 * (null: nothing changed, or nothing left to undo) and the speakers after it.
 */
export interface SpeakerChangeResponse {
  change: SpeakerChangeJson | null;
  speakers: SpeakerJson[];
}

export type SpeakerSuggestionRule = "host-labelled-answer" | "addresses-self" | "answers-own-question";

/** A paragraph whose label looks wrong, with who probably says it. */
export interface SpeakerSuggestionJson {
  segmentId: number;
  startMs: number;
  labelled: string;
  suggested: string;
  rule: SpeakerSuggestionRule;
  /** 0..1 */
  confidence: number;
  /** In English. */
  reasons: string[];
}

/** `GET /api/episodes/:id/speakers/suggestions` */
export interface SpeakerSuggestionsResponse {
  suggestions: SpeakerSuggestionJson[];
}
