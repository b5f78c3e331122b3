import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";
import type { PassNumber } from "../../../src/server/contract/index.js";
import { api } from "../api/client.js";

/**
 * The episode's player, shared by every page of the episode (a moment clicked on the concept page
 * plays in the same player as the transcript's). Positions are on the transcript's timeline; the
 * audio's own timeline may be ahead by `offsetMs` (ad reads in a podcast MP3).
 */
export interface PlayerApi {
  /** Where playback is, on the transcript's timeline. */
  currentMs: number;
  durationMs: number;
  playing: boolean;
  /** Whether there is anything to play. */
  available: boolean;
  rate: number;
  setRate: (rate: number) => void;
  seek: (ms: number, play?: boolean) => void;
  toggle: () => void;
  skip: (deltaMs: number) => void;
  /** The audio element, for the player bar. */
  audioRef: React.RefObject<HTMLAudioElement | null>;
}

const PlayerContext = createContext<PlayerApi | null>(null);

/** The player of the episode on screen; throws outside an episode page. */
export function usePlayer(): PlayerApi {
  const player = useContext(PlayerContext);
  if (!player) throw new Error("usePlayer outside PlayerProvider");
  return player;
}

interface PlayerProviderProps {
  episodeId: string;
  audioUrl: string | null;
  offsetMs: number;
  fallbackDurationMs: number;
  pass: PassNumber;
  children: ReactNode;
}

/** How often a stretch being listened to is saved while playing. */
const SPAN_FLUSH_MS = 30_000;

export function PlayerProvider({
  episodeId,
  audioUrl,
  offsetMs,
  fallbackDurationMs,
  pass,
  children,
}: PlayerProviderProps) {
  const audioRef = useRef<HTMLAudioElement | null>(null);
  const [currentMs, setCurrentMs] = useState(0);
  const [durationMs, setDurationMs] = useState(fallbackDurationMs);
  const [playing, setPlaying] = useState(false);
  const [rate, setRateState] = useState(1);
  const span = useRef<{ startMs: number; wallStart: number } | null>(null);
  const passRef = useRef(pass);
  passRef.current = pass;

  const toTranscript = useCallback((audioSeconds: number) => Math.max(0, audioSeconds * 1000 - offsetMs), [offsetMs]);

  /** Saves the stretch played since the last flush (what was listened to in this pass). */
  const flushSpan = useCallback(
    (endMs: number) => {
      const open = span.current;
      span.current = null;
      if (!open) return;
      const wallMs = Date.now() - open.wallStart;
      if (endMs <= open.startMs || wallMs < 500) return;
      api
        .post(`/api/episodes/${encodeURIComponent(episodeId)}/listened`, {
          pass: passRef.current,
          startMs: Math.round(open.startMs),
          endMs: Math.round(endMs),
          wallMs,
        })
        .catch(() => {
          // Listening time is a convenience; a lost span is not the learner's work.
        });
    },
    [episodeId],
  );

  useEffect(() => {
    const audio = audioRef.current;
    if (!audio) return;
    const onTime = () => {
      const ms = toTranscript(audio.currentTime);
      setCurrentMs(ms);
      if (span.current && Date.now() - span.current.wallStart > SPAN_FLUSH_MS) {
        flushSpan(ms);
        span.current = { startMs: ms, wallStart: Date.now() };
      }
    };
    const onPlay = () => {
      setPlaying(true);
      span.current = { startMs: toTranscript(audio.currentTime), wallStart: Date.now() };
    };
    const onPause = () => {
      setPlaying(false);
      flushSpan(toTranscript(audio.currentTime));
    };
    const onSeeking = () => {
      if (span.current) flushSpan(span.current.startMs + (Date.now() - span.current.wallStart) * audio.playbackRate);
      if (!audio.paused) span.current = { startMs: toTranscript(audio.currentTime), wallStart: Date.now() };
    };
    const onMeta = () => {
      if (Number.isFinite(audio.duration)) setDurationMs(toTranscript(audio.duration));
    };
    audio.addEventListener("timeupdate", onTime);
    audio.addEventListener("play", onPlay);
    audio.addEventListener("pause", onPause);
    audio.addEventListener("seeking", onSeeking);
    audio.addEventListener("loadedmetadata", onMeta);
    return () => {
      audio.removeEventListener("timeupdate", onTime);
      audio.removeEventListener("play", onPlay);
      audio.removeEventListener("pause", onPause);
      audio.removeEventListener("seeking", onSeeking);
      audio.removeEventListener("loadedmetadata", onMeta);
      flushSpan(toTranscript(audio.currentTime));
    };
  }, [toTranscript, flushSpan]);

  const seek = useCallback(
    (ms: number, play = true) => {
      const audio = audioRef.current;
      setCurrentMs(ms);
      if (!audio || !audioUrl) return;
      audio.currentTime = Math.max(0, (ms + offsetMs) / 1000);
      if (play) void audio.play().catch(() => {});
    },
    [audioUrl, offsetMs],
  );
  const toggle = useCallback(() => {
    const audio = audioRef.current;
    if (!audio || !audioUrl) return;
    if (audio.paused) void audio.play().catch(() => {});
    else audio.pause();
  }, [audioUrl]);
  const skip = useCallback(
    (deltaMs: number) => {
      const audio = audioRef.current;
      if (!audio) return;
      seek(Math.max(0, toTranscript(audio.currentTime) + deltaMs), !audio.paused);
    },
    [seek, toTranscript],
  );
  const setRate = useCallback((next: number) => {
    setRateState(next);
    if (audioRef.current) audioRef.current.playbackRate = next;
  }, []);

  const value = useMemo<PlayerApi>(
    () => ({
      currentMs,
      durationMs,
      playing,
      available: !!audioUrl,
      rate,
      setRate,
      seek,
      toggle,
      skip,
      audioRef,
    }),
    [currentMs, durationMs, playing, audioUrl, rate, setRate, seek, toggle, skip],
  );
  return (
    <PlayerContext.Provider value={value}>
      {children}
      {/* biome-ignore lint/a11y/useMediaCaption: the transcript on the page is the caption */}
      <audio ref={audioRef} src={audioUrl ?? undefined} preload="metadata" />
    </PlayerContext.Provider>
  );
}
