import { createContext, useContext } from "react";
import type { EpisodeDetailResponse, PassNumber } from "../../../../src/server/contract/index.js";

export type EpisodeDetail = EpisodeDetailResponse["episode"];

export interface EpisodeContextValue {
  episode: EpisodeDetail;
  /** Fetches the episode again (after a speaker correction, a new analysis…). */
  reload: () => void;
  setPass: (pass: PassNumber) => Promise<void>;
}

export const EpisodeContext = createContext<EpisodeContextValue | null>(null);

/** The episode every page under /episodes/<id> shows; throws outside one. */
export function useEpisode(): EpisodeContextValue {
  const value = useContext(EpisodeContext);
  if (!value) throw new Error("useEpisode outside an episode page");
  return value;
}
