import type { Store } from "./database.js";

/** The verdicts a quote check gives (the attribution module's, repeated so the store stands alone). */
export type AcceptedVerdict = "ok" | "wrong-speaker" | "not-found";

/** A quote the learner stands by although the transcript does not back it as credited. */
export interface QuoteAcceptance {
  episodeId: string;
  /** The quote as accepted, trimmed with its spaces collapsed (`quoteKey`). */
  quote: string;
  /** Who it is credited to; null when uncredited. */
  speaker: string | null;
  /** What the check said when the learner accepted it. */
  verdict: AcceptedVerdict;
  createdAt: string;
}

/**
 * The text an acceptance is keyed by: trimmed, runs of white space made one space. Anything else
 * (a word, a letter's case, punctuation) is a change of the quote and drops the acceptance.
 */
export function quoteKey(quote: string): string {
  return quote.trim().replace(/\s+/g, " ");
}

interface Row {
  episodeId: string;
  quote: string;
  speaker: string;
  verdict: AcceptedVerdict;
  createdAt: string;
}

const SELECT = `SELECT episode_id AS episodeId, quote, speaker, verdict, created_at AS createdAt FROM quote_acceptance`;

function fromRow(r: Row): QuoteAcceptance {
  return { ...r, speaker: r.speaker === "" ? null : r.speaker };
}

/** Accepts a quote as credited (again: the newest verdict and time replace the old ones). */
export function acceptQuote(
  store: Store,
  episodeId: string,
  accepted: { quote: string; speaker: string | null; verdict: AcceptedVerdict },
): QuoteAcceptance {
  const quote = quoteKey(accepted.quote);
  if (!quote) throw new Error("an empty quote cannot be accepted");
  const speaker = accepted.speaker?.trim() ?? "";
  const createdAt = store.now().toISOString();
  store.db
    .prepare(
      `INSERT INTO quote_acceptance (episode_id, quote, speaker, verdict, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (episode_id, quote, speaker) DO UPDATE SET verdict = excluded.verdict, created_at = excluded.created_at`,
    )
    .run(episodeId, quote, speaker, accepted.verdict, createdAt);
  return { episodeId, quote, speaker: speaker || null, verdict: accepted.verdict, createdAt };
}

/** Takes an acceptance back; false when there was none. */
export function unacceptQuote(store: Store, episodeId: string, quote: string, speaker: string | null): boolean {
  return (
    store.db
      .prepare("DELETE FROM quote_acceptance WHERE episode_id = ? AND quote = ? AND speaker = ?")
      .run(episodeId, quoteKey(quote), speaker?.trim() ?? "").changes > 0
  );
}

/** Every acceptance of an episode, oldest first. */
export function listQuoteAcceptances(store: Store, episodeId: string): QuoteAcceptance[] {
  return (store.db.prepare(`${SELECT} WHERE episode_id = ? ORDER BY created_at, rowid`).all(episodeId) as Row[]).map(
    fromRow,
  );
}

/** A lookup of an episode's acceptances by quote and credited speaker, read once. */
export function quoteAcceptanceLookup(
  store: Store,
  episodeId: string,
): (quote: string, speaker: string | null) => QuoteAcceptance | null {
  const byKey = new Map(listQuoteAcceptances(store, episodeId).map((a) => [`${a.speaker ?? ""}\u0000${a.quote}`, a]));
  return (quote, speaker) => byKey.get(`${speaker?.trim() ?? ""}\u0000${quoteKey(quote)}`) ?? null;
}
