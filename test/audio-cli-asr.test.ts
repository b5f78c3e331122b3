/** `deeplisten asr providers|set|show|test` against a real local fake transcription server. */
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AsrReplayServer, startAsrReplayServer } from "./helpers/asr-replay-server.js";
import { runDeeplisten } from "./helpers/cli.js";

/** The child must not inherit a recogniser from the machine running the tests. */
const CLEAN = {
  DEEPLISTEN_ASR_PROVIDER: "",
  DEEPLISTEN_ASR_BASE_URL: "",
  DEEPLISTEN_ASR_MODEL: "",
  DEEPLISTEN_ASR_API_KEY: "",
  DEEPLISTEN_ASR_MODEL_DIR: "",
};
const KEY = "gsk-test-abcdefghijklmnop";

let server: AsrReplayServer;
let work: string;
beforeAll(async () => {
  server = await startAsrReplayServer({ apiKey: KEY });
  work = mkdtempSync(join(tmpdir(), "deeplisten-asr-cli-"));
});
afterAll(async () => {
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("deeplisten asr", { timeout: 60_000 }, () => {
  it("lists the recognisers, and says what to configure when none is", async () => {
    const home = mkdtempSync(join(work, "home-"));
    const list = await runDeeplisten(home, ["asr", "providers"], CLEAN);
    expect(list.code).toBe(0);
    for (const id of ["whisper-cpp", "faster-whisper", "openai", "groq", "openai-compatible", "sherpa-onnx"]) {
      expect(list.stdout).toMatch(new RegExp(`^${id} `, "m"));
    }
    const show = await runDeeplisten(home, ["asr", "show"], CLEAN);
    expect(show.stdout).toMatch(/^no speech recogniser is configured: set DEEPLISTEN_ASR_PROVIDER/);
    const test = await runDeeplisten(home, ["asr", "test"], CLEAN);
    expect(test.code).toBe(1);
    expect(test.stderr).toContain(`deeplisten asr: no speech recogniser is configured`);
    expect(test.stderr).toContain(join(home, "asr.json"));
  });

  it("saves a server with its key (mode 0600, never printed), shows it masked, and tests it", async () => {
    const home = mkdtempSync(join(work, "home-"));
    const set = await runDeeplisten(
      home,
      [
        "asr",
        "set",
        "--provider",
        "openai-compatible",
        "--base-url",
        server.baseUrl,
        "--api-key",
        "wrong-key-1234567890",
      ],
      CLEAN,
    );
    expect(set.code).toBe(0);
    expect(set.stdout).toContain(`saved ${join(home, "asr.json")} (readable only by you)`);
    expect(set.stdout + set.stderr).not.toContain("wrong-key");
    expect(statSync(join(home, "asr.json")).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(join(home, "asr.json"), "utf8")).apiKey).toBe("wrong-key-1234567890");

    server.reset();
    const badKey = await runDeeplisten(home, ["asr", "test"], CLEAN);
    expect(badKey.code).toBe(1);
    expect(badKey.stdout).toMatch(
      /^bad-key: the transcription server refused the API key \(401: Incorrect API key provided\.\): check DEEPLISTEN_ASR_API_KEY/,
    );

    await runDeeplisten(home, ["asr", "set", "--provider", "openai-compatible", "--api-key", KEY], CLEAN);
    const show = await runDeeplisten(home, ["asr", "show"], CLEAN);
    expect(show.stdout).toContain(
      "recogniser  any OpenAI-compatible transcription server (openai-compatible, from file)",
    );
    expect(show.stdout).toContain(`base URL    ${server.baseUrl} (from file)`);
    expect(show.stdout).toContain("API key     ****mnop (from file)");
    expect(show.stdout).not.toContain(KEY);

    server.reset();
    const ok = await runDeeplisten(home, ["asr", "test"], CLEAN);
    expect(ok.stderr).toContain(
      `sending a short sample to any OpenAI-compatible transcription server (whisper-1) at ${server.baseUrl}`,
    );
    expect(ok.stdout).toMatch(
      /^ok: any OpenAI-compatible transcription server (heard .*|answered for a second of silence.*) in \d+ ms/,
    );
    expect(ok.code).toBe(0);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({
      authorization: `Bearer ${KEY}`,
      model: "whisper-1",
      responseFormat: "verbose_json",
    });

    const json = await runDeeplisten(home, ["asr", "show", "--json"], CLEAN);
    expect(JSON.parse(json.stdout).config).toMatchObject({ provider: "openai-compatible", apiKey: "****mnop" });
  });

  it("says exactly what is wrong: unreachable, unknown model, no endpoint", async () => {
    const home = mkdtempSync(join(work, "home-"));
    // A port nothing listens on: opened, then closed.
    const { createServer: openPort } = await import("node:net");
    const closed = openPort();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const port = (closed.address() as { port: number }).port;
    await new Promise((r) => closed.close(r));
    const down = await runDeeplisten(home, ["asr", "test"], {
      ...CLEAN,
      DEEPLISTEN_ASR_PROVIDER: "openai-compatible",
      DEEPLISTEN_ASR_BASE_URL: `http://127.0.0.1:${port}/v1`,
    });
    expect(down.code).toBe(1);
    expect(down.stdout).toMatch(
      /^unreachable: cannot reach the transcription server at http:\/\/127\.0\.0\.1:\d+\/v1\/audio\/transcriptions \(ECONNREFUSED\): is it running\?/,
    );

    // A server that knows no such model (OpenAI answers 404 "The model ... does not exist").
    const { createServer } = await import("node:http");
    const fake = createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        const known = req.url === "/v1/audio/transcriptions";
        res.writeHead(known ? 404 : 404, { "content-type": "application/json" });
        res.end(
          JSON.stringify({
            error: {
              message: known ? "The model `whisper-9` does not exist or you do not have access to it." : "Not found",
            },
          }),
        );
      });
    });
    await new Promise<void>((r) => fake.listen(0, "127.0.0.1", r));
    const base = `http://127.0.0.1:${(fake.address() as { port: number }).port}`;
    try {
      const model = await runDeeplisten(home, ["asr", "test"], {
        ...CLEAN,
        DEEPLISTEN_ASR_PROVIDER: "openai-compatible",
        DEEPLISTEN_ASR_BASE_URL: `${base}/v1`,
        DEEPLISTEN_ASR_MODEL: "whisper-9",
      });
      expect(model.stdout).toMatch(
        /^unknown-model: the transcription server has no model "whisper-9": The model `whisper-9` does not exist/,
      );
      const path = await runDeeplisten(home, ["asr", "test"], {
        ...CLEAN,
        DEEPLISTEN_ASR_PROVIDER: "openai-compatible",
        DEEPLISTEN_ASR_BASE_URL: `${base}/api`,
      });
      expect(path.stdout).toMatch(
        /^no-endpoint: no transcription endpoint at .*\/api\/audio\/transcriptions \(404\): check DEEPLISTEN_ASR_BASE_URL/,
      );
    } finally {
      fake.closeAllConnections();
      await new Promise((r) => fake.close(r));
    }
  });

  it("refuses what cannot work, in one sentence", async () => {
    const home = mkdtempSync(join(work, "home-"));
    const unknown = await runDeeplisten(home, ["asr", "set", "--provider", "nope"], CLEAN);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(
      /^deeplisten asr: --provider: unknown speech recogniser "nope"; choose one of whisper-cpp/,
    );
    const noKey = await runDeeplisten(home, ["asr", "set", "--provider", "groq"], CLEAN);
    expect(noKey.stderr).toBe(
      "deeplisten asr: Groq needs an API key: add --api-key <key> (or set DEEPLISTEN_ASR_API_KEY)\n",
    );
    const noDir = await runDeeplisten(home, ["asr", "set", "--provider", "sherpa-onnx"], CLEAN);
    expect(noDir.stderr).toContain("sherpa-onnx needs a model folder: add --model-dir <folder>");
    const badUrl = await runDeeplisten(
      home,
      ["asr", "set", "--provider", "whisper-cpp", "--base-url", "ftp://x"],
      CLEAN,
    );
    expect(badUrl.code).toBe(1);
    expect(badUrl.stderr).toMatch(/baseUrl" must be an http:\/\/ or https:\/\/ URL/);
  });
});
