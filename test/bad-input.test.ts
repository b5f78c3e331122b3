import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDeeplisten } from "./helpers/cli.js";

/**
 * Every kind of bad input gets one clear line on stderr, exit code 1, and leaves the library
 * exactly as it was.
 */
let home: string;
let work: string;
let hangingServer: Server;
let hangingUrl: string;
let closedUrl: string;
const GOOD = `WEBVTT

00:00:01.000 --> 00:00:03.000
<v Ana>The router picks two experts.

00:00:03.000 --> 00:00:05.000
<v Ben>And the others stay idle.
`;

function snapshot(): Record<string, number> {
  const db = new Database(join(home, "library.sqlite"), { readonly: true });
  try {
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    const counts: Record<string, number> = {};
    for (const table of ["episode", "speaker", "segment", "chapter", "segment_fts", "segment_fts_trigram"]) {
      counts[table] = (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    }
    return counts;
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), "deeplisten-bad-home-"));
  work = mkdtempSync(join(tmpdir(), "deeplisten-bad-files-"));
  writeFileSync(join(work, "good.vtt"), GOOD);
  const first = await runDeeplisten(home, ["import", join(work, "good.vtt")]);
  expect(first.code).toBe(0);
  // A server that accepts connections and never answers.
  hangingServer = createServer(() => {});
  await new Promise<void>((r) => hangingServer.listen(0, "127.0.0.1", r));
  hangingUrl = `http://127.0.0.1:${(hangingServer.address() as AddressInfo).port}/episode.vtt`;
  // A port that was just free and is closed again: connecting is refused.
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
  closedUrl = `http://127.0.0.1:${(probe.address() as AddressInfo).port}/nothing.vtt`;
  await new Promise<void>((r) => probe.close(() => r()));
});
afterAll(() => {
  hangingServer.closeAllConnections();
  hangingServer.close();
  rmSync(home, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

async function expectRejected(source: string, message: RegExp, env: Record<string, string> = {}) {
  const before = snapshot();
  const run = await runDeeplisten(home, ["import", source], env);
  expect(run.code, run.stderr).toBe(1);
  const lines = run.stderr.trim().split("\n");
  expect(lines, run.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(message);
  expect(run.stdout).toBe("");
  expect(snapshot()).toEqual(before);
}

function file(name: string, content: string | Uint8Array): string {
  const path = join(work, name);
  writeFileSync(path, content);
  return path;
}

describe("bad input changes nothing in the library", () => {
  it("an empty file", async () => {
    await expectRejected(file("empty.vtt", ""), /empty\.vtt: the file is empty$/);
  });

  it("a binary file", async () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    await expectRejected(file("cover.srt", png), /cover\.srt: this is a binary file, not a transcript/);
  });

  it("a file that does not exist, and a folder", async () => {
    await expectRejected(join(work, "missing.vtt"), /missing\.vtt: no such file$/);
    await expectRejected(work, /this is a folder/);
  });

  it("a truncated SRT, naming the line", async () => {
    await expectRejected(
      file("truncated.srt", "1\n00:00:01,000 --> 00:00:02,000\nhello\n\n2\n00:00:03,000 --> 00:0"),
      /truncated\.srt:6: /,
    );
  });

  it("truncated JSON, naming the line", async () => {
    const json =
      '{\n  "version": "1.0.0",\n  "segments": [\n    {"speaker": "Ana", "startTime": 0, "endTime": 1.5, "body": "Hi"},\n    {"speaker":';
    await expectRejected(file("truncated.json", json), /truncated\.json:5: /);
  });

  it("timestamps that run backwards", async () => {
    const srt = "1\n00:10:00,000 --> 00:10:02,000\nlater\n\n2\n00:00:01,000 --> 00:00:02,000\nearlier\n";
    await expectRejected(file("backwards.srt", srt), /backwards\.srt:6: timestamps run backwards/);
  });

  it("cues that overlap", async () => {
    const vtt = "WEBVTT\n\n00:00:00.000 --> 00:01:00.000\na long cue\n\n00:00:20.000 --> 00:00:30.000\ninside it\n";
    await expectRejected(file("overlap.vtt", vtt), /overlap\.vtt:6: this cue \(00:00:20–00:00:30\) overlaps/);
  });

  it("JSON of the wrong shape", async () => {
    await expectRejected(
      file("shape.json", '{"hello": "world"}'),
      /shape\.json: this JSON is not a transcript deeplisten knows/,
    );
    await expectRejected(
      file(
        "p20.json",
        '{"version": "1.0.0", "segments": [{"speaker": "A", "startTime": "zero", "endTime": 1, "body": "x"}]}',
      ),
      /p20\.json(:\d+)?: .*segments\[0\]\.startTime/,
    );
  });

  it("a 200 MB file", async () => {
    const path = join(work, "huge.srt");
    const fd = openSync(path, "w");
    closeSync(fd);
    // A sparse file: 200 MB on paper, nothing on disk.
    await import("node:fs").then((fs) => fs.truncateSync(path, 200 * 1024 * 1024));
    await expectRejected(path, /huge\.srt: the file is 200 MB; a transcript is at most 50 MB/);
  });

  it("an encoding it does not read", async () => {
    const latin1 = Uint8Array.from([
      ...new TextEncoder().encode("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\ncaf"),
      0xe9,
      0x0a,
    ]);
    await expectRejected(
      file("latin1.vtt", latin1),
      /latin1\.vtt:4: the text encoding is not UTF-8, UTF-16 or GB18030/,
    );
  });

  it("a URL that does not answer, one that refuses, and one that is not http", async () => {
    await expectRejected(hangingUrl, /episode\.vtt: the server did not answer within 1 s/, {
      DEEPLISTEN_FETCH_TIMEOUT_MS: "1000",
    });
    await expectRejected(closedUrl, /nothing\.vtt: the server could not be reached \(ECONNREFUSED\)/);
    await expectRejected("ftp://example.org/a.vtt", /only http and https URLs can be imported, not ftp/);
  });

  it("a feed given without --item", async () => {
    const feed = `<?xml version="1.0"?><rss version="2.0" xmlns:podcast="https://podcastindex.org/namespace/1.0"><channel><title>Show</title><item><title>One</title></item></channel></rss>`;
    await expectRejected(file("feed.xml", feed), /feed\.xml: this is a podcast feed, not one episode/);
  });
});
