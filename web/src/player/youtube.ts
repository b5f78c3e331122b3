import { useEffect, useMemo, useRef, useState } from "react";

/**
 * A small backend for the YouTube IFrame Player API, used when an episode has no audio but its
 * source links a video (lexfridman.com timestamps are on the video's timeline). It needs the
 * internet; where the API cannot load, the page works on without it (the transcript still seeks
 * and highlights) and the player bar says why there is nothing to play.
 */

/** The part of YT.Player this backend uses. */
interface YTPlayer {
  playVideo(): void;
  pauseVideo(): void;
  seekTo(seconds: number, allowSeekAhead: boolean): void;
  getCurrentTime(): number;
  getDuration(): number;
  getPlayerState(): number;
  setPlaybackRate(rate: number): void;
  destroy(): void;
}

interface YTNamespace {
  Player: new (
    element: HTMLElement,
    options: {
      videoId: string;
      width?: number | string;
      height?: number | string;
      playerVars?: Record<string, string | number>;
      events?: {
        onReady?: () => void;
        onStateChange?: (event: { data: number }) => void;
        onError?: (event: { data: number }) => void;
      };
    },
  ) => YTPlayer;
}

declare global {
  interface Window {
    YT?: YTNamespace;
    onYouTubeIframeAPIReady?: () => void;
  }
}

const STATE_ENDED = 0;
const STATE_PLAYING = 1;
const LOAD_TIMEOUT_MS = 15_000;

let apiPromise: Promise<YTNamespace> | null = null;

/** Loads https://www.youtube.com/iframe_api once; rejects when offline or blocked. */
function loadYouTubeApi(): Promise<YTNamespace> {
  if (window.YT?.Player) return Promise.resolve(window.YT);
  apiPromise ??= new Promise<YTNamespace>((resolve, reject) => {
    const previous = window.onYouTubeIframeAPIReady;
    const timer = window.setTimeout(() => fail(), LOAD_TIMEOUT_MS);
    const fail = () => {
      window.clearTimeout(timer);
      apiPromise = null;
      reject(new Error("the YouTube player could not be loaded"));
    };
    window.onYouTubeIframeAPIReady = () => {
      previous?.();
      window.clearTimeout(timer);
      if (window.YT?.Player) resolve(window.YT);
      else fail();
    };
    const script = document.createElement("script");
    script.src = "https://www.youtube.com/iframe_api";
    script.async = true;
    script.onerror = fail;
    document.head.appendChild(script);
  });
  return apiPromise;
}

export interface YouTubeEvents {
  /** Position in seconds on the video's timeline, while playing (4 times a second) and after a seek. */
  onTime: (seconds: number) => void;
  onPlay: (seconds: number) => void;
  onPause: (seconds: number) => void;
  onDuration: (seconds: number) => void;
}

export interface YouTubeBackend {
  /** Where the player puts its iframe. */
  hostRef: React.RefObject<HTMLDivElement | null>;
  status: "idle" | "loading" | "ready" | "failed";
  play: () => void;
  pause: () => void;
  paused: () => boolean;
  seekTo: (seconds: number) => void;
  currentTime: () => number;
  setRate: (rate: number) => void;
}

/** The YouTube player of `videoId` (null: none). */
export function useYouTube(videoId: string | null, events: YouTubeEvents): YouTubeBackend {
  const hostRef = useRef<HTMLDivElement | null>(null);
  const playerRef = useRef<YTPlayer | null>(null);
  const [status, setStatus] = useState<YouTubeBackend["status"]>(videoId ? "loading" : "idle");
  const eventsRef = useRef(events);
  eventsRef.current = events;

  useEffect(() => {
    if (!videoId) {
      setStatus("idle");
      return;
    }
    let live = true;
    let poll = 0;
    setStatus("loading");
    const time = () => playerRef.current?.getCurrentTime() ?? 0;
    loadYouTubeApi()
      .then((YT) => {
        const host = hostRef.current;
        if (!live || !host) return;
        // YT.Player replaces the element it is given: give it a child so React keeps its own node.
        const target = document.createElement("div");
        host.replaceChildren(target);
        playerRef.current = new YT.Player(target, {
          videoId,
          width: "100%",
          height: "100%",
          playerVars: { playsinline: 1, rel: 0, modestbranding: 1 },
          events: {
            onReady: () => {
              if (!live) return;
              setStatus("ready");
              const duration = playerRef.current?.getDuration() ?? 0;
              if (duration > 0) eventsRef.current.onDuration(duration);
            },
            onStateChange: ({ data }) => {
              if (!live) return;
              window.clearInterval(poll);
              if (data === STATE_PLAYING) {
                eventsRef.current.onPlay(time());
                poll = window.setInterval(() => eventsRef.current.onTime(time()), 250);
              } else if (data === STATE_ENDED || data === 2) {
                eventsRef.current.onPause(time());
              }
            },
            onError: () => {
              if (live) setStatus("failed");
            },
          },
        });
      })
      .catch(() => {
        if (live) setStatus("failed");
      });
    return () => {
      live = false;
      window.clearInterval(poll);
      playerRef.current?.destroy();
      playerRef.current = null;
    };
  }, [videoId]);

  const backend = useRef<Omit<YouTubeBackend, "status" | "hostRef">>({
    play: () => playerRef.current?.playVideo(),
    pause: () => playerRef.current?.pauseVideo(),
    paused: () => playerRef.current?.getPlayerState() !== STATE_PLAYING,
    seekTo: (seconds) => {
      playerRef.current?.seekTo(seconds, true);
      eventsRef.current.onTime(seconds);
    },
    currentTime: () => playerRef.current?.getCurrentTime() ?? 0,
    setRate: (rate) => playerRef.current?.setPlaybackRate(rate),
  }).current;
  return useMemo(() => ({ ...backend, hostRef, status }), [backend, status]);
}
