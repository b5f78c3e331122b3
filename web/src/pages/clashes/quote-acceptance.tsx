import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from "react";
import type { QuotesResponse } from "../../../../src/server/contract/quotes.js";
import { type ApiError, api, useApi } from "../../api/client.js";

/**
 * The learner's accepted quotes of an episode (quotes they stand by although the transcript does
 * not back them as credited), for the stance cells' checks. An acceptance holds for one quote text
 * (spaces collapsed) credited to one speaker: change either and the quote is flagged again.
 */
interface QuoteAcceptanceState {
  isAccepted: (quote: string, speaker: string | null) => boolean;
  accept: (quote: string, speaker: string | null) => Promise<void>;
  unaccept: (quote: string, speaker: string | null) => Promise<void>;
  error: ApiError | null;
}

const QuoteAcceptanceContext = createContext<QuoteAcceptanceState | null>(null);

/** The key an acceptance is stored under (the server's `quoteKey` and credited speaker). */
export function acceptanceKey(quote: string, speaker: string | null): string {
  return `${speaker?.trim() ?? ""}\u0000${quote.trim().replace(/\s+/g, " ")}`;
}

export function QuoteAcceptanceProvider({ episodeId, children }: { episodeId: string; children: ReactNode }) {
  const path = `/api/episodes/${encodeURIComponent(episodeId)}/quotes`;
  const quotes = useApi<QuotesResponse>(path);
  const [error, setError] = useState<ApiError | null>(null);
  const { setData } = quotes;
  const keys = useMemo(
    () => new Set((quotes.data?.acceptances ?? []).map((a) => acceptanceKey(a.quote, a.speaker))),
    [quotes.data],
  );
  const change = useCallback(
    async (action: "accept" | "unaccept", quote: string, speaker: string | null) => {
      try {
        setData(await api.post<QuotesResponse>(`${path}/${action}`, { quote, speaker }));
        setError(null);
      } catch (e) {
        setError(e as ApiError);
      }
    },
    [path, setData],
  );
  const value = useMemo<QuoteAcceptanceState>(
    () => ({
      isAccepted: (quote, speaker) => keys.has(acceptanceKey(quote, speaker)),
      accept: (quote, speaker) => change("accept", quote, speaker),
      unaccept: (quote, speaker) => change("unaccept", quote, speaker),
      error,
    }),
    [keys, change, error],
  );
  return <QuoteAcceptanceContext.Provider value={value}>{children}</QuoteAcceptanceContext.Provider>;
}

/** The acceptances of the page's episode; null outside a provider (the check then offers no accept). */
export function useQuoteAcceptance(): QuoteAcceptanceState | null {
  return useContext(QuoteAcceptanceContext);
}
