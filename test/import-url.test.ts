import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { importEpisode } from "../src/library/index.js";
import { getSegments, listEpisodes } from "../src/store/index.js";
import { freshStore } from "./helpers/store.js";

/** A real local HTTP server plays the podcast host: a feed, its transcripts and chapters. */
let server: Server;
let base: string;
const files: Record<string, { type: string; body: string }> = {};

beforeAll(async () => {
  server = createServer((req, res) => {
    const f = files[req.url ?? ""];
    if (!f) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": f.type }).end(f.body);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  files["/ep1.vtt"] = {
    type: "text/vtt",
    body: "WEBVTT\n\n00:00:00.000 --> 00:00:04.000\n<v Maya Chen>Welcome back to the show.\n\n00:00:04.000 --> 00:00:09.000\n<v Arjun Patel>Thanks, Maya. Let us talk about verifiable rewards.\n",
  };
  files["/ep1.srt"] = { type: "application/srt", body: "1\n00:00:00,000 --> 00:00:04,000\nnot the preferred one\n" };
  files["/ep1-chapters.json"] = {
    type: "application/json",
    body: JSON.stringify({
      version: "1.2.0",
      chapters: [
        { startTime: 0, title: "Welcome" },
        { startTime: 4, title: "Rewards" },
      ],
    }),
  };
  files["/feed.xml"] = {
    type: "application/rss+xml",
    body: `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:podcast="https://podcastindex.org/namespace/1.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">
<channel>
  <title>Deep Listening Test Feed</title>
  <podcast:person role="host">Maya Chen</podcast:person>
  <item>
    <title>Episode one: rewards you can check</title>
    <guid>ep-1</guid>
    <enclosure url="${base}/ep1.mp3" type="audio/mpeg" length="1234"/>
    <itunes:duration>00:00:09</itunes:duration>
    <podcast:transcript url="${base}/ep1.srt" type="application/srt"/>
    <podcast:transcript url="${base}/ep1.vtt" type="text/vtt"/>
    <podcast:chapters url="${base}/ep1-chapters.json" type="application/json"/>
    <podcast:person role="guest">Arjun Patel</podcast:person>
  </item>
</channel>
</rss>`,
  };
});
afterAll(() => {
  server.close();
});

const stores: ReturnType<typeof freshStore>[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.cleanup();
});

describe("importing from the web", () => {
  it("imports a transcript URL", async () => {
    const store = freshStore();
    stores.push(store);
    const { episode } = await importEpisode(store, { source: `${base}/ep1.vtt` });
    expect(episode).toMatchObject({
      title: "ep1",
      speakers: ["Maya Chen", "Arjun Patel"],
      segmentCount: 2,
      source: { kind: "url", ref: `${base}/ep1.vtt` },
    });
  });

  it("imports one item of a feed: the preferred transcript, its chapters, people and audio", async () => {
    const store = freshStore();
    stores.push(store);
    const { episode } = await importEpisode(store, { source: `${base}/feed.xml`, item: 1 });
    expect(episode).toMatchObject({
      title: "Episode one: rewards you can check",
      show: "Deep Listening Test Feed",
      format: "webvtt",
      audioUrl: `${base}/ep1.mp3`,
      chapters: [
        { title: "Welcome", startMs: 0 },
        { title: "Rewards", startMs: 4000 },
      ],
      source: { kind: "rss-item" },
    });
    expect(episode.speakers).toEqual(expect.arrayContaining(["Maya Chen", "Arjun Patel"]));
    expect(getSegments(store, episode.id)[1]?.text).toBe("Thanks, Maya. Let us talk about verifiable rewards.");
  });

  it("fails with the item numbers a feed has, and writes nothing", async () => {
    const store = freshStore();
    stores.push(store);
    await expect(importEpisode(store, { source: `${base}/feed.xml`, item: 7 })).rejects.toThrow(
      /feed\.xml: the feed has no item 7 \(it has 1/,
    );
    await expect(importEpisode(store, { source: `${base}/missing.vtt` })).rejects.toThrow(
      /missing\.vtt: the server answered 404/,
    );
    expect(listEpisodes(store)).toEqual([]);
  });
});
