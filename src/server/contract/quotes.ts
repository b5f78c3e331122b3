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

/** Why a quote in another language than the transcript's was not checked. */
export type UncheckedReasonJson = "needs-model" | "model-failed" | "not-translated";

/** A quote's check with how it was matched: as written, or through a translation into the transcript's language. */
export interface CheckedQuoteJson extends QuoteCheckJson {
  via: "words" | "translation";
  /** The translation that was located (via "translation"). */
  translation: string | null;
  /** Set when the quote needs a translation that could not be had ("needs-model": no model configured). */
  unchecked: UncheckedReasonJson | null;
  /** The sentence for the learner when `unchecked` is set. */
  problem: string | null;
}

export interface LearnerQuoteJson {
  /** Stable while the learner's text stays (place and order). */
  id: string;
  place: QuotePlaceJson;
  quote: string;
  /** Who it is credited to: a stance cell's column, or a speaker named next to it; null: nobody. */
  credited: string | null;
  check: CheckedQuoteJson;
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

/** `POST /api/episodes/:id/quotes/check`: one quote, credited to a speaker (or nobody), checked now. */
export interface CheckQuoteRequest {
  quote: string;
  speaker?: string | null;
}

/** The answer: the check, through the library's model when the quote is in another language. */
export interface CheckQuoteResponse {
  check: CheckedQuoteJson;
}

/** `POST /api/episodes/:id/claims/check`: a claim in the learner's words about a speaker. */
export interface ClaimCheckRequest {
  claim: string;
  speaker?: string | null;
}

/** The model's verdict on a claim, with the passage that settles it and its moment. */
export interface ClaimCheckResponse {
  verdict: "supported" | "contradicted" | "not-found";
  passage: { segmentId: number; startMs: number; speaker: string | null; text: string } | null;
  /** The model's one-sentence reason, in the claim's language. */
  explanation: string;
  /** The speaker the claim was checked against, as the transcript spells it. */
  speaker: string | null;
  /** The translation the passages were searched with, for a claim in another language than the transcript's. */
  translation: string | null;
  /** `provider/model` that answered. */
  model: string;
  cached: boolean;
  inputTokens: number;
  outputTokens: number;
}

/** A claim that could not be checked: 409 with "needs-model" (configure one in /settings), 502 when the model failed. */
export interface ClaimCheckErrorJson {
  error: string;
  reason: "needs-model" | "model-failed";
}
