import { afterEach, describe, expect, it } from "vitest";
import { importEpisode, SAMPLE } from "../src/library/index.js";
import { createApp } from "../src/server/app.js";
import type { ApiErrorBody } from "../src/server/contract/index.js";
import { freshStore } from "./helpers/store.js";

const stores: ReturnType<typeof freshStore>[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.cleanup();
});

async function appWithSample(token?: string) {
  const store = freshStore();
  stores.push(store);
  const { episode } = await importEpisode(store, {
    source: SAMPLE.transcript,
    audioUrl: SAMPLE.audio,
    sourceKind: "sample",
  });
  return { app: createApp({ store, token, home: store.dir }), episode };
}

describe("the JSON API", () => {
  it("lists the library and serves one episode with its transcript", async () => {
    const { app, episode } = await appWithSample();
    const list = await (await app.request("/api/episodes")).json();
    expect(list.episodes.map((e: { id: string }) => e.id)).toEqual([episode.id]);
    const one = await app.request(`/api/episodes/${episode.id}`);
    expect(one.status).toBe(200);
    const body = await one.json();
    expect(body.episode.segments.length).toBe(episode.segmentCount);
    expect(body.episode.speakers.length).toBe(3);
    expect((await app.request("/api/episodes/nope")).status).toBe(404);
  });

  it("answers a file it cannot import with the sentence, and where and why apart, adding nothing", async () => {
    const { app } = await appWithSample();
    const response = await app.request("/api/episodes/upload?name=broken.srt", {
      method: "POST",
      headers: { "content-type": "application/octet-stream" },
      body: "1\n00:00:01,000 --> 00:00:02,000\nhello\n\n2\n00:00:03,000 --> 00:0",
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as ApiErrorBody;
    expect(body.error).toMatch(/^broken\.srt:6: the timing line/);
    expect(body.importProblem).toEqual({
      file: "broken.srt",
      line: 6,
      reason: body.error.slice("broken.srt:6: ".length),
    });
    const list = (await (await app.request("/api/episodes")).json()) as { episodes: unknown[] };
    expect(list.episodes).toHaveLength(1);
  });

  it("searches an episode's transcript", async () => {
    const { app, episode } = await appWithSample();
    const { hits } = await (await app.request(`/api/episodes/${episode.id}/search?q=verifiable%20rewards`)).json();
    expect(hits.length).toBeGreaterThan(0);
    expect(hits[0].text.toLowerCase()).toContain("verifiable reward");
  });

  it("serves the audio with range requests so the player can seek", async () => {
    const { app, episode } = await appWithSample();
    const whole = await app.request(`/api/episodes/${episode.id}/audio`);
    expect(whole.status).toBe(200);
    expect(whole.headers.get("accept-ranges")).toBe("bytes");
    const size = Number(whole.headers.get("content-length"));
    expect(size).toBeGreaterThan(100_000);
    await whole.body?.cancel();
    const part = await app.request(`/api/episodes/${episode.id}/audio`, { headers: { range: "bytes=100-199" } });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 100-199/${size}`);
    expect((await part.arrayBuffer()).byteLength).toBe(100);
    const beyond = await app.request(`/api/episodes/${episode.id}/audio`, { headers: { range: `bytes=${size}-` } });
    expect(beyond.status).toBe(416);
  });

  it("serves the library page", async () => {
    const { app } = await appWithSample();
    const page = await app.request("/");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("<title>deeplisten</title>");
  });

  it("asks for the token when the server has one", async () => {
    const { app } = await appWithSample("a-token-of-at-least-16-chars");
    expect((await app.request("/api/episodes")).status).toBe(401);
    const ok = await app.request("/api/episodes", {
      headers: { authorization: "Bearer a-token-of-at-least-16-chars" },
    });
    expect(ok.status).toBe(200);
    const opened = await app.request("/?token=a-token-of-at-least-16-chars");
    expect(opened.headers.get("set-cookie")).toContain("deeplisten_token=a-token-of-at-least-16-chars");
    const withCookie = await app.request("/api/episodes", {
      headers: { cookie: "deeplisten_token=a-token-of-at-least-16-chars" },
    });
    expect(withCookie.status).toBe(200);
  });

  it("refuses changes sent from another site's page, and form posts", async () => {
    const { app, episode } = await appWithSample();
    const fromElsewhere = await app.request(`http://127.0.0.1:4747/api/episodes/${episode.id}/analysis`, {
      method: "POST",
      headers: { origin: "https://evil.example", host: "127.0.0.1:4747" },
    });
    expect(fromElsewhere.status).toBe(403);
    const form = await app.request("http://127.0.0.1:4747/api/episodes/import", {
      method: "POST",
      headers: { host: "127.0.0.1:4747", "content-type": "application/x-www-form-urlencoded" },
      body: "url=http://127.0.0.1/x.vtt",
    });
    expect(form.status).toBe(415);
    const sameSite = await app.request(`http://127.0.0.1:4747/api/episodes/${episode.id}/analysis`, {
      method: "POST",
      headers: { origin: "http://127.0.0.1:4747", host: "127.0.0.1:4747" },
    });
    expect(sameSite.status).toBe(202);
    await app.jobsIdle();
  });
});
