/**
 * The API contract for pass 2: the clash playlist and the stance table (topics x speakers), with
 * the attribution check of every quote the learner puts in a cell.
 */

/** A moment where the speakers disagree, as the analysis found it. */
export interface ClashJson {
  /** Its place in the analysis' list (what a stance topic's clashIdx points to). */
  idx: number;
  startMs: number;
  endMs: number;
  speakers: string[];
  topic: string;
  quote: string;
  segmentIds: number[];
  confidence: number;
  /** The stance-table row made from this clash, if the learner made one. */
  topicId: number | null;
}

/** `GET /api/episodes/:id/clashes`: the playlist in the episode's order. */
export interface ClashesResponse {
  /** False when the episode was never analysed (no clashes to show yet). */
  analysed: boolean;
  clashes: ClashJson[];
}

export type QuoteVerdictJson = "ok" | "wrong-speaker" | "not-found";

/** Where the transcript has a cell's quote, and whether the column's speaker says it. */
export interface QuoteCheckJson {
  /** The quote this check was made for (the cell's saved quote). */
  quote: string;
  found: boolean;
  /** Who says it in the transcript (null: not found, or an unlabelled paragraph). */
  speaker: string | null;
  startMs: number | null;
  segmentId: number | null;
  /** 0..1, 1 = word for word; the closest passage's when not found. */
  similarity: number;
  verdict: QuoteVerdictJson;
  /** The speaker to credit when found. */
  correctSpeaker: string | null;
  /** "translation" when a quote in another language was located through its translation. */
  via?: "words" | "translation";
  translation?: string | null;
  /** Why the quote could not be checked (e.g. a translation is needed and not had yet). */
  unchecked?: string | null;
  /** A sentence for the learner when it could not be checked. */
  problem?: string | null;
}

/** One speaker's position on a topic: the learner's words, a quote and its moment. */
export interface StanceCellJson {
  speaker: string;
  position: string;
  quote: string;
  startMs: number | null;
  segmentId: number | null;
  updatedAt: string;
  /** The check of `quote` against the transcript; null when the quote is empty. */
  check: QuoteCheckJson | null;
}

/** A row of the stance table. */
export interface StanceTopicJson {
  id: number;
  idx: number;
  title: string;
  clashIdx: number | null;
  /** The learner's own view on the topic. */
  synthesis: string;
  updatedAt: string;
  cells: StanceCellJson[];
}

/** A column of the stance table. */
export interface StanceSpeakerJson {
  name: string;
  /**
   * True for a name that is no longer a speaker of the transcript (renamed or merged since) but
   * still holds the learner's text: the column stays so nothing they wrote disappears.
   */
  former: boolean;
}

/** `GET /api/episodes/:id/stances` */
export interface StancesResponse {
  speakers: StanceSpeakerJson[];
  topics: StanceTopicJson[];
}

/** `POST /api/episodes/:id/stances`: a new row, from a clash or typed by the learner. */
export interface NewStanceTopicRequest {
  title: string;
  clashIdx?: number | null;
}

/** `PATCH /api/episodes/:id/stances/:topicId`: rename or write the synthesis. */
export interface UpdateStanceTopicRequest {
  title?: string;
  synthesis?: string;
}

/** The answer to creating or changing a row. */
export interface StanceTopicResponse {
  topic: StanceTopicJson;
}

/** `PUT /api/episodes/:id/stances/:topicId/cell`: the whole cell of one speaker. */
export interface SaveStanceCellRequest {
  speaker: string;
  position: string;
  quote: string;
  startMs: number | null;
  segmentId?: number | null;
}

/** The saved cell with the check of its quote. */
export interface StanceCellResponse {
  cell: StanceCellJson;
}

/** `PUT /api/episodes/:id/stances/order`: every row id of the episode, in the new order. */
export interface ReorderStancesRequest {
  topicIds: number[];
}

/** Longest texts the table takes (a position or synthesis is an essay at most, a quote a few sentences). */
export const STANCE_LIMITS = { title: 200, position: 10_000, quote: 2_000, synthesis: 20_000 } as const;
