/**
 * The API contract for the check of every quote in the learner's work on an episode (stance
 * table, positions, syntheses, insights, mark notes, mind-map nodes) and the learner's acceptance
 * of a quote the transcript does not back as credited.
 */
import type { QuoteCheckJson } from "./stances.js";

/** Where a quote sits in the learner's work. */
export type QuotePlaceJson =
  | { kind: "stance"; topicId: number; topic: string; speaker: string }
  | { kind: "stance-position"; topicId: number; topic: string; speaker: string }
  | { kind: "synthesis"; topicId: number; topic: string }
  | { kind: "insight"; insightId: number; text: string }
  | { kind: "mark"; markId: number; startMs: number }
  | { kind: "map"; nodeId: string; title: string };

/** "ok": the transcript backs it as credited; "accepted": the learner stands by it anyway; "flagged": neither. */
export type QuoteStatusJson = "ok" | "accepted" | "flagged";

/** A quote the learner accepted: by episode, quote text (spaces collapsed) and credited speaker. */
export interface QuoteAcceptanceJson {
  quote: string;
  /** null: the quote is credited to nobody. */
  speaker: string | null;
  /** The check's verdict when accepted. */
  verdict: "ok" | "wrong-speaker" | "not-found";
  acceptedAt: string;
}

export interface LearnerQuoteJson {
  /** Stable while the learner's text stays (place and order). */
  id: string;
  place: QuotePlaceJson;
  quote: string;
  /** Who it is credited to: a stance cell's column, or a speaker named next to it; null: nobody. */
  credited: string | null;
  check: QuoteCheckJson;
  status: QuoteStatusJson;
  accepted: QuoteAcceptanceJson | null;
}

/** `GET /api/episodes/:id/quotes` */
export interface QuotesResponse {
  quotes: LearnerQuoteJson[];
  /** How many are flagged (neither backed by the transcript nor accepted): the write-up's warning list. */
  flagged: number;
  /** Every acceptance of the episode, also those whose quote has changed since (they no longer apply). */
  acceptances: QuoteAcceptanceJson[];
}

/** `POST /api/episodes/:id/quotes/accept` and `…/quotes/unaccept`: one quote, as credited. */
export interface AcceptQuoteRequest {
  quote: string;
  /** The speaker it is credited to; null or absent for an uncredited quote. */
  speaker?: string | null;
}

/** The answer: the whole list again, as `GET …/quotes` gives it. */
export type AcceptQuoteResponse = QuotesResponse;
