import { closeSync, openSync, readSync } from "node:fs";

/** The audio extensions `deeplisten import` takes to speech recognition (video containers too: ffmpeg reads their sound). */
export const AUDIO_EXTENSIONS = ["mp3", "m4a", "mp4", "aac", "wav", "ogg", "oga", "opus", "flac", "webm", "mkv", "mov"];

/** True when a path or URL names an audio file by its extension. */
export function hasAudioExtension(pathOrUrl: string): boolean {
  const path = pathOrUrl.split(/[?#]/)[0] ?? pathOrUrl;
  const ext = /\.([a-z0-9]{2,4})$/i.exec(path)?.[1]?.toLowerCase();
  return ext !== undefined && AUDIO_EXTENSIONS.includes(ext);
}

/**
 * True when the first bytes are an audio container: ID3 or an MPEG frame (mp3), RIFF/WAVE, Ogg,
 * FLAC, an ISO media box (m4a, mp4) or Matroska/WebM. A transcript never starts like these.
 */
export function looksLikeAudioBytes(head: Uint8Array): boolean {
  const ascii = (from: number, to: number) => String.fromCharCode(...head.subarray(from, to));
  if (head.length < 4) return false;
  if (ascii(0, 3) === "ID3") return true;
  if (head[0] === 0xff && ((head[1] ?? 0) & 0xe0) === 0xe0 && ((head[1] ?? 0) & 0x06) !== 0) return true;
  if (ascii(0, 4) === "RIFF" && ascii(8, 12) === "WAVE") return true;
  if (ascii(0, 4) === "OggS" || ascii(0, 4) === "fLaC") return true;
  if (ascii(4, 8) === "ftyp") return true;
  return head[0] === 0x1a && head[1] === 0x45 && head[2] === 0xdf && head[3] === 0xa3;
}

/** True when a local file is audio, by its extension or its first bytes; false when it cannot be read. */
export function isAudioFile(path: string): boolean {
  if (hasAudioExtension(path)) return true;
  let fd: number | null = null;
  try {
    fd = openSync(path, "r");
    const head = new Uint8Array(16);
    const n = readSync(fd, head, 0, 16, 0);
    return looksLikeAudioBytes(head.subarray(0, n));
  } catch {
    return false;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}
