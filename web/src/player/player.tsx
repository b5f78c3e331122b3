import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";
import type { PassNumber } from "../../../src/server/contract/index.js";
import { api } from "../api/client.js";
import { EpisodeContext } from "../pages/episode/episode-context.js";
import { useYouTube } from "./youtube.js";

/**
 * The episode's player, shared by every page of the episode (a moment clicked on the concept page
 * plays in the same player as the transcript's). Positions are on the transcript's timeline; the
 * audio's own timeline may be ahead by `offsetMs` (ad reads in a podcast MP3).
 *
 * Two backends: the episode's audio (a local file through the server, or a remote URL), or, when
 * there is no audio but the source links a YouTube video, the YouTube IFrame player (its timeline
 * is the transcript's: lexfridman.com timestamps are on the video).
 */
export interface PlayerApi {
  /** Where playback is, on the transcript's timeline. */
  currentMs: number;
  durationMs: number;
  playing: boolean;
  /** Whether there is anything to play. */
  available: boolean;
  /** What plays: the audio, the YouTube video, or nothing. */
  backend: "audio" | "youtube" | null;
  /** For the YouTube backend: loading, ready, or failed (offline). */
  backendStatus: "idle" | "loading" | "ready" | "failed";
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
  /** The YouTube video to play when there is no audio; defaults to the episode's. */
  youtubeId?: string | null;
  offsetMs: number;
  fallbackDurationMs: number;
  pass: PassNumber;
  children: ReactNode;
}

/** How often a stretch being listened to is saved while playing. */
const SPAN_FLUSH_MS = 30_000;
/** Where the learner left off, per episode, so a reload or a return resumes there. */
const positionKey = (episodeId: string) => `deeplisten.position.${episodeId}`;

export function PlayerProvider({
  episodeId,
  audioUrl,
  youtubeId: youtubeIdProp,
  offsetMs,
  fallbackDurationMs,
  pass,
  children,
}: PlayerProviderProps) {
  const episodeYoutubeId = useContext(EpisodeContext)?.episode.youtubeId ?? null;
  const youtubeId = audioUrl ? null : (youtubeIdProp ?? episodeYoutubeId);
  const backend: PlayerApi["backend"] = audioUrl ? "audio" : youtubeId ? "youtube" : null;

  const audioRef = useRef<HTMLAudioElement | null>(null);
  const [currentMs, setCurrentMs] = useState(() => savedPosition(episodeId));
  const [durationMs, setDurationMs] = useState(fallbackDurationMs);
  const [playing, setPlaying] = useState(false);
  const [rate, setRateState] = useState(1);
  const span = useRef<{ startMs: number; wallStart: number } | null>(null);
  const passRef = useRef(pass);
  passRef.current = pass;
  const lastSaved = useRef(0);

  const toTranscript = useCallback((audioSeconds: number) => Math.max(0, audioSeconds * 1000 - offsetMs), [offsetMs]);

  /** Saves the stretch played since the last flush (what was listened to in this pass). */
  const flushSpan = useCallback(
    (endMs: number, leaving = false) => {
      const open = span.current;
      span.current = null;
      if (!open) return;
      const wallMs = Date.now() - open.wallStart;
      if (endMs <= open.startMs || wallMs < 500) return;
      const path = `/api/episodes/${encodeURIComponent(episodeId)}/listened`;
      const body = { pass: passRef.current, startMs: Math.round(open.startMs), endMs: Math.round(endMs), wallMs };
      if (leaving) {
        // The page is going away (reload, closed tab): a keepalive request outlives it.
        void fetch(path, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body),
          credentials: "same-origin",
          keepalive: true,
        }).catch(() => {});
        return;
      }
      api.post(path, body).catch(() => {
        // Listening time is a convenience; a lost span is not the learner's work.
      });
    },
    [episodeId],
  );

  /** The backend-independent bookkeeping: position, listened stretches, where to resume. */
  const onTime = useCallback(
    (ms: number) => {
      setCurrentMs(ms);
      if (span.current && Date.now() - span.current.wallStart > SPAN_FLUSH_MS) {
        flushSpan(ms);
        span.current = { startMs: ms, wallStart: Date.now() };
      }
      if (Math.abs(ms - lastSaved.current) > 5000) {
        lastSaved.current = ms;
        savePosition(episodeId, ms);
      }
    },
    [flushSpan, episodeId],
  );
  const onPlay = useCallback((ms: number) => {
    setPlaying(true);
    span.current = { startMs: ms, wallStart: Date.now() };
  }, []);
  const onPause = useCallback(
    (ms: number) => {
      setPlaying(false);
      flushSpan(ms);
      savePosition(episodeId, ms);
    },
    [flushSpan, episodeId],
  );

  // The audio backend.
  useEffect(() => {
    const audio = audioRef.current;
    if (!audio || backend !== "audio") return;
    const time = () => toTranscript(audio.currentTime);
    const handleTime = () => onTime(time());
    const handlePlay = () => onPlay(time());
    const handlePause = () => onPause(time());
    const handleSeeking = () => {
      if (span.current) flushSpan(span.current.startMs + (Date.now() - span.current.wallStart) * audio.playbackRate);
      if (!audio.paused) span.current = { startMs: time(), wallStart: Date.now() };
    };
    const handleMeta = () => {
      if (Number.isFinite(audio.duration)) setDurationMs(toTranscript(audio.duration));
    };
    audio.addEventListener("timeupdate", handleTime);
    audio.addEventListener("play", handlePlay);
    audio.addEventListener("pause", handlePause);
    audio.addEventListener("seeking", handleSeeking);
    audio.addEventListener("loadedmetadata", handleMeta);
    return () => {
      audio.removeEventListener("timeupdate", handleTime);
      audio.removeEventListener("play", handlePlay);
      audio.removeEventListener("pause", handlePause);
      audio.removeEventListener("seeking", handleSeeking);
      audio.removeEventListener("loadedmetadata", handleMeta);
      flushSpan(time());
    };
  }, [backend, toTranscript, flushSpan, onTime, onPlay, onPause]);

  // Leaving the page while playing: save the stretch being played and where the learner is.
  const currentRef = useRef(currentMs);
  currentRef.current = currentMs;
  useEffect(() => {
    const onHide = () => {
      const audio = audioRef.current;
      const ms = backend === "audio" && audio ? toTranscript(audio.currentTime) : currentRef.current;
      flushSpan(ms, true);
      savePosition(episodeId, ms);
    };
    window.addEventListener("pagehide", onHide);
    return () => window.removeEventListener("pagehide", onHide);
  }, [backend, toTranscript, flushSpan, episodeId]);

  // Resume where the learner left off (setting currentTime before the metadata is loaded makes it
  // the start position).
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per episode and audio
  useEffect(() => {
    const audio = audioRef.current;
    const at = savedPosition(episodeId);
    if (audio && backend === "audio" && at > 0) audio.currentTime = (at + offsetMs) / 1000;
  }, [episodeId, audioUrl]);

  // The YouTube backend.
  const youtube = useYouTube(backend === "youtube" ? youtubeId : null, {
    onTime: (seconds) => onTime(seconds * 1000),
    onPlay: (seconds) => onPlay(seconds * 1000),
    onPause: (seconds) => onPause(seconds * 1000),
    onDuration: (seconds) => setDurationMs(seconds * 1000),
  });
  const youtubeReady = backend === "youtube" && youtube.status === "ready";

  const seek = useCallback(
    (ms: number, play = true) => {
      setCurrentMs(ms);
      savePosition(episodeId, ms);
      if (backend === "youtube") {
        if (!youtubeReady) return;
        if (span.current) flushSpan(span.current.startMs + (Date.now() - span.current.wallStart) * rate);
        const wasPlaying = !youtube.paused();
        youtube.seekTo(Math.max(0, ms / 1000));
        if (wasPlaying) span.current = { startMs: ms, wallStart: Date.now() };
        if (play) youtube.play();
        return;
      }
      const audio = audioRef.current;
      if (!audio || !audioUrl) return;
      audio.currentTime = Math.max(0, (ms + offsetMs) / 1000);
      if (play) void audio.play().catch(() => {});
    },
    [audioUrl, offsetMs, backend, youtubeReady, youtube, flushSpan, rate, episodeId],
  );
  const toggle = useCallback(() => {
    if (backend === "youtube") {
      if (!youtubeReady) return;
      if (youtube.paused()) youtube.play();
      else youtube.pause();
      return;
    }
    const audio = audioRef.current;
    if (!audio || !audioUrl) return;
    if (audio.paused) void audio.play().catch(() => {});
    else audio.pause();
  }, [audioUrl, backend, youtubeReady, youtube]);
  const skip = useCallback(
    (deltaMs: number) => {
      if (backend === "youtube") {
        if (youtubeReady) seek(Math.max(0, youtube.currentTime() * 1000 + deltaMs), !youtube.paused());
        return;
      }
      const audio = audioRef.current;
      if (!audio) return;
      seek(Math.max(0, toTranscript(audio.currentTime) + deltaMs), !audio.paused);
    },
    [seek, toTranscript, backend, youtubeReady, youtube],
  );
  const setRate = useCallback(
    (next: number) => {
      setRateState(next);
      if (audioRef.current) audioRef.current.playbackRate = next;
      if (backend === "youtube") youtube.setRate(next);
    },
    [backend, youtube],
  );

  const value = useMemo<PlayerApi>(
    () => ({
      currentMs,
      durationMs,
      playing,
      available: backend === "audio" || youtubeReady,
      backend,
      backendStatus: backend === "youtube" ? youtube.status : backend === "audio" ? "ready" : "idle",
      rate,
      setRate,
      seek,
      toggle,
      skip,
      audioRef,
    }),
    [currentMs, durationMs, playing, backend, youtubeReady, youtube.status, rate, setRate, seek, toggle, skip],
  );
  return (
    <PlayerContext.Provider value={value}>
      {children}
      {/* biome-ignore lint/a11y/useMediaCaption: the transcript on the page is the caption */}
      <audio ref={audioRef} src={audioUrl ?? undefined} preload="metadata" />
      {backend === "youtube" ? (
        <div
          className={`youtube-box youtube-${youtube.status}`}
          ref={youtube.hostRef}
          style={youtube.status === "ready" ? YOUTUBE_BOX : { display: "none" }}
        />
      ) : null}
    </PlayerContext.Provider>
  );
}

/** The video floats above the player bar, bottom right (styled here: every episode page shows it). */
const YOUTUBE_BOX: React.CSSProperties = {
  position: "fixed",
  right: "1rem",
  bottom: "calc(var(--player-height) + 0.75rem)",
  width: "min(320px, 40vw)",
  aspectRatio: "16 / 9",
  zIndex: 7,
  borderRadius: "8px",
  overflow: "hidden",
  boxShadow: "0 2px 12px rgb(0 0 0 / 25%)",
  background: "#000",
};

function savedPosition(episodeId: string): number {
  try {
    const value = Number(localStorage.getItem(positionKey(episodeId)));
    return Number.isFinite(value) && value > 0 ? value : 0;
  } catch {
    return 0;
  }
}

function savePosition(episodeId: string, ms: number): void {
  try {
    localStorage.setItem(positionKey(episodeId), String(Math.round(ms)));
  } catch {
    // Private mode or a full disk: resuming is a convenience.
  }
}
