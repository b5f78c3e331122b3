import { createReadStream, statSync } from "node:fs";
import { Readable } from "node:stream";
import { Hono } from "hono";
import { getEpisode, type Store } from "../../store/index.js";

const AUDIO_TYPES: Record<string, string> = {
  opus: "audio/ogg",
  ogg: "audio/ogg",
  mp3: "audio/mpeg",
  m4a: "audio/mp4",
  wav: "audio/wav",
};

/**
 * `/api/episodes/:id/audio`: the episode's local audio file with HTTP range requests, so the
 * player can seek anywhere in a 4-hour file without downloading it. Remote audio is a redirect.
 */
export function audioRoutes(store: Store): Hono {
  const app = new Hono();
  app.get("/:id/audio", (c) => {
    const episode = getEpisode(store, c.req.param("id"));
    if (!episode?.audioUrl) return c.json({ error: "this episode has no audio" }, 404);
    if (/^https?:\/\//i.test(episode.audioUrl)) return c.redirect(episode.audioUrl, 302);
    let size: number;
    try {
      size = statSync(episode.audioUrl).size;
    } catch {
      return c.json({ error: `the audio file is missing: ${episode.audioUrl}` }, 404);
    }
    const ext = episode.audioUrl.slice(episode.audioUrl.lastIndexOf(".") + 1).toLowerCase();
    const type = AUDIO_TYPES[ext] ?? "application/octet-stream";
    const range = /^bytes=(\d*)-(\d*)$/.exec(c.req.header("range") ?? "");
    if (!range) {
      const stream = Readable.toWeb(createReadStream(episode.audioUrl)) as ReadableStream;
      return new Response(stream, {
        headers: { "content-type": type, "content-length": String(size), "accept-ranges": "bytes" },
      });
    }
    const start = range[1] ? Number(range[1]) : Math.max(0, size - Number(range[2]));
    const end = range[1] && range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
    if (start >= size || start > end) {
      return new Response(null, { status: 416, headers: { "content-range": `bytes */${size}` } });
    }
    const stream = Readable.toWeb(createReadStream(episode.audioUrl, { start, end })) as ReadableStream;
    return new Response(stream, {
      status: 206,
      headers: {
        "content-type": type,
        "content-length": String(end - start + 1),
        "content-range": `bytes ${start}-${end}/${size}`,
        "accept-ranges": "bytes",
      },
    });
  });
  return app;
}
