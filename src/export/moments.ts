import { formatTimecode } from "../core/index.js";

const YOUTUBE_HOST = /(^|\.)youtube\.com$|(^|\.)youtube-nocookie\.com$|(^|\.)youtu\.be$/;

/** True for a YouTube video address, the one kind of link whose `t=` parameter seeks. */
export function isYouTubeUrl(url: string | null | undefined): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return (parsed.protocol === "https:" || parsed.protocol === "http:") && YOUTUBE_HOST.test(parsed.hostname);
  } catch {
    return false;
  }
}

/**
 * The address that plays the episode from `ms`: the YouTube video with `&t=<seconds>s`, or null
 * when there is no such video (the caller then shows the bare timecode).
 */
export function momentUrl(videoUrl: string | null | undefined, ms: number): string | null {
  if (!videoUrl || !isYouTubeUrl(videoUrl)) return null;
  const url = new URL(videoUrl);
  url.searchParams.set("t", `${Math.max(0, Math.floor(ms / 1000))}s`);
  return safeUrl(url.toString());
}

/**
 * A URL made safe to drop into Markdown link targets, HTML and XML attributes and YAML: only http(s)
 * is allowed (never `javascript:`), and the characters that end a link target or an attribute are
 * percent-encoded, which leaves the address the same.
 */
export function safeUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return null;
  return parsed
    .toString()
    .replace(/[()<>"'`\s|\\[\]{}^]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
}

/** `[01:08:18]`, the way the tutor and the notes cite a moment. */
export function timecodeLabel(ms: number): string {
  return `[${formatTimecode(ms)}]`;
}
