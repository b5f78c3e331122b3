import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SAMPLE } from "../src/library/index.js";
import { enrichmentResponder } from "./enrich-answers.js";
import { runDeeplisten } from "./helpers/cli.js";
import { type ReplayServer, startOpenAiReplayServer } from "./helpers/openai-replay-server.js";

/**
 * `deeplisten enrich` through the real CLI against a real OpenAI-style server: the estimate comes
 * first and nothing is sent without a yes; the run writes material; running it again costs nothing
 * and says so; without a model it says what to configure.
 */
const home = mkdtempSync(join(tmpdir(), "deeplisten-enrich-"));
let server: ReplayServer;
let env: Record<string, string>;

beforeAll(async () => {
  const run = await runDeeplisten(home, ["import", SAMPLE.transcript, "--json"]);
  expect(run.code, run.stderr).toBe(0);
  server = await startOpenAiReplayServer({ respond: enrichmentResponder() });
  env = {
    DEEPLISTEN_LLM_PROVIDER: "vllm",
    DEEPLISTEN_LLM_MODEL: "replay-model",
    DEEPLISTEN_LLM_BASE_URL: server.baseUrl,
  };
});
afterAll(async () => {
  await server?.close();
  rmSync(home, { recursive: true, force: true });
});

describe("deeplisten enrich", () => {
  it("without a model says what to configure, and sends nothing", async () => {
    const run = await runDeeplisten(home, ["enrich", "Reasoning", "--yes"], {
      DEEPLISTEN_LLM_PROVIDER: "",
      DEEPLISTEN_LLM_MODEL: "",
      DEEPLISTEN_LLM_BASE_URL: "",
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /enrichment needs a model: choose one on the Settings page, or set DEEPLISTEN_LLM_PROVIDER/,
    );
  });

  it("prints the estimate first and sends nothing with --estimate", async () => {
    const run = await runDeeplisten(home, ["enrich", "Reasoning", "--estimate", "--limit", "3", "--json"], env);
    expect(run.code, run.stderr).toBe(0);
    const estimate = JSON.parse(run.stdout);
    expect(estimate).toMatchObject({ scope: "episode", provider: "vllm", costUsd: 0, cost: "free (local server)" });
    expect(estimate.concepts).toHaveLength(3);
    expect(estimate.inputTokens).toBeGreaterThan(estimate.transcriptTokens);
    expect(server.requests).toHaveLength(0);

    const human = await runDeeplisten(home, ["enrich", "Reasoning", "--estimate", "--limit", "3"], env);
    expect(human.stdout).toMatch(
      /about \d+ input tokens \(\d+\.\d+× the transcript\) and \d+ output tokens in \d+ requests/,
    );
    expect(human.stdout).toMatch(/cost: free \(local server\)/);
  });

  it("without --yes and no terminal to ask on, shows the estimate and sends nothing", async () => {
    const run = await runDeeplisten(home, ["enrich", "Reasoning", "--limit", "3"], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/Enrichment of "[^"]+" with vLLM[^\n]*replay-model:\n/);
    expect(run.stderr).toMatch(/nothing was sent: add --yes to run the enrichment estimated above/);
    expect(server.requests).toHaveLength(0);
  });

  it("runs with --yes, then a second run costs nothing and says so", async () => {
    const first = await runDeeplisten(home, ["enrich", "Reasoning", "--limit", "3", "--yes", "--json"], env);
    expect(first.code, first.stderr).toBe(0);
    const result = JSON.parse(first.stdout);
    expect(result).toMatchObject({ cached: false, mindmap: true });
    expect(result.concepts.map((c: { status: string }) => c.status)).toEqual(["written", "written", "written"]);
    const sent = server.requests.length;
    expect(sent).toBeGreaterThan(0);

    const again = await runDeeplisten(home, ["enrich", "Reasoning", "--limit", "3", "--yes"], env);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/nothing to send: every answer is cached/);
    expect(again.stdout).toMatch(/Cost: nothing, every answer was cached \(cached: true\)/);
    expect(server.requests.length).toBe(sent);
  });

  it("says when the key is refused, and that the work so far is kept", async () => {
    server.setMode("unauthorized");
    try {
      const run = await runDeeplisten(home, ["enrich", "Reasoning", "--concept", "reward", "--yes"], env);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/refused the API key \(HTTP 401.*What was written so far is kept\./);
    } finally {
      server.setMode("answer");
    }
  });
});
