import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatTimecode } from "../src/core/index.js";
import { SAMPLE } from "../src/library/index.js";
import { openStore } from "../src/store/index.js";
import { runDeeplisten } from "./helpers/cli.js";
import { type ReplayServer, startOpenAiReplayServer } from "./helpers/openai-replay-server.js";

/**
 * `deeplisten ask` and `deeplisten grade --llm` through the real CLI, against a real OpenAI-style
 * server: the JSON contract, citations that are real segments, the cache, the thread export, and
 * the offline answers when there is no model or it refuses the key.
 */
const KEY = "sk-cli-secret-0123456789";
const home = mkdtempSync(join(tmpdir(), "deeplisten-ask-"));
let server: ReplayServer;
let env: Record<string, string>;

/** The sample's defining moment of GRPO, read from the library the CLI wrote. */
function grpoMoments(): { segmentId: number; startMs: number }[] {
  const store = openStore(join(home, "library.sqlite"), { readonly: true });
  try {
    return store.db
      .prepare(
        `SELECT d.segment_id AS segmentId, s.start_ms AS startMs FROM definition d JOIN segment s ON s.id = d.segment_id
         JOIN concept c ON c.id = d.concept_id WHERE c.name = 'GRPO' ORDER BY d.rank`,
      )
      .all() as { segmentId: number; startMs: number }[];
  } finally {
    store.db.close();
  }
}

beforeAll(async () => {
  const run = await runDeeplisten(home, ["import", SAMPLE.transcript, "--json"]);
  expect(run.code, run.stderr).toBe(0);
  server = await startOpenAiReplayServer({ apiKey: KEY });
  env = {
    DEEPLISTEN_LLM_PROVIDER: "vllm",
    DEEPLISTEN_LLM_MODEL: "replay-model",
    DEEPLISTEN_LLM_BASE_URL: server.baseUrl,
    DEEPLISTEN_LLM_API_KEY: KEY,
  };
});
afterAll(async () => {
  await server.close();
  rmSync(home, { recursive: true, force: true });
});

describe("deeplisten ask", () => {
  it("prints exactly the contract, with citations that are real segments and the tokens", async () => {
    const moment = grpoMoments()[0];
    if (!moment) throw new Error("GRPO has no defining moment in the sample");
    const answer = `What do you think the group replaces? 1. The group's average is the baseline [${formatTimecode(moment.startMs)}]. 2. So no critic is trained. Which model does PPO need that GRPO does not?`;
    server.setAnswers([{ content: answer, promptTokens: 1500, completionTokens: 70 }]);
    const run = await runDeeplisten(
      home,
      ["ask", "Reasoning", "GRPO", "Why does GRPO not need a critic?", "--json"],
      env,
    );
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(Object.keys(out)).toEqual([
      "answer",
      "citations",
      "provider",
      "model",
      "inputTokens",
      "outputTokens",
      "cached",
    ]);
    expect(out).toEqual({
      answer,
      citations: [moment],
      provider: "vllm",
      model: "replay-model",
      inputTokens: 1500,
      outputTokens: 70,
      cached: false,
    });
    expect(run.stdout + run.stderr).not.toContain(KEY);
    // The whole request the model saw stays within the turn budget (6k tokens, ~4 characters each).
    expect(JSON.stringify(server.requests.at(-1)?.body).length / 4).toBeLessThan(6000);
  });

  it("answers the same question again from the cache: no request, and it says so", async () => {
    const before = server.requests.length;
    const run = await runDeeplisten(
      home,
      ["ask", "Reasoning", "GRPO", "Why does GRPO not need a critic?", "--json"],
      env,
    );
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ cached: true, inputTokens: 0, outputTokens: 0, provider: "vllm" });
    expect(server.requests.length).toBe(before);
  });

  it("streams the answer in the terminal and exports the thread as Markdown", async () => {
    server.setAnswers([{ content: "Good question. What do you think a verifier checks?" }]);
    const file = join(home, "thread.md");
    const run = await runDeeplisten(
      home,
      ["ask", "Reasoning", "GRPO", "And where does the reward come from?", "--export", file],
      env,
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("Good question. What do you think a verifier checks?");
    expect(run.stderr).toContain("vllm · replay-model");
    const markdown = readFileSync(file, "utf8");
    expect(markdown).toMatch(/^# Tutor thread: GRPO/);
    expect(markdown.match(/^## You$/gm)).toHaveLength(3);
    expect(markdown).toContain("And where does the reward come from?");
    expect(markdown).toContain("vllm · replay-model · from the cache");
  });

  it("answers offline, in Chinese, when no model is configured", async () => {
    const run = await runDeeplisten(home, [
      "ask",
      "Reasoning",
      "GRPO",
      "GRPO 的优势是怎么算的？",
      "--lang",
      "zh",
      "--json",
    ]);
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out).toMatchObject({ provider: "offline", model: null, cached: false, inputTokens: 0 });
    expect(out.answer).toContain("自我检查");
    expect(out.citations[0]).toEqual(grpoMoments()[0]);
  });

  it("says what to fix when the key is refused, and the offline tutor answers", async () => {
    const run = await runDeeplisten(home, ["ask", "Reasoning", "GRPO", "What is a group?", "--json"], {
      ...env,
      DEEPLISTEN_LLM_API_KEY: "sk-wrong-0000000000000",
    });
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.provider).toBe("offline");
    expect(out.answer).toMatch(
      /refused the API key \(HTTP 401: Incorrect API key provided\.\): check or replace the key in the environment variable DEEPLISTEN_LLM_API_KEY/,
    );
    expect(run.stdout).not.toContain("sk-wrong-0000000000000");
  });

  it("refuses an unknown concept with a sentence", async () => {
    const run = await runDeeplisten(home, ["ask", "Reasoning", "flux capacitor", "What is it?"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/is not a concept of this library yet: mark it first/);
  });
});

describe("deeplisten grade --llm", () => {
  const text =
    "For each prompt GRPO samples a group of answers and uses each one's reward relative to the group mean as its advantage, so no critic model is needed.";
  it("grades with the model, same verdict schema", async () => {
    server.setAnswers([
      {
        content: JSON.stringify({
          verdict: "verified",
          covered: ["group-sampling", "relative-advantage", "no-critic"],
          missing: [],
          misconceptions: [],
          feedback: "Complete and in your own words.",
        }),
      },
    ]);
    const run = await runDeeplisten(home, ["grade", "--concept", "GRPO", "--text", text, "--llm", "--json"], env);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      concept: "grpo",
      verdict: "verified",
      grader: "vllm/replay-model",
      feedback: "Complete and in your own words.",
    });
  });

  it("retries an invalid verdict once, then lets the offline grader answer and says so", async () => {
    server.setAnswers([{ content: "Looks fine to me." }, { content: '{"verdict": "excellent"}' }]);
    const before = server.requests.length;
    const run = await runDeeplisten(
      home,
      ["grade", "--concept", "GRPO", "--text", `${text} Really.`, "--llm", "--json"],
      env,
    );
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.grader).toBe("offline-fallback");
    expect(out.graderNote).toMatch(/twice answered with something that is not a valid verdict/);
    expect(["verified", "partial"]).toContain(out.verdict);
    expect(server.requests.length).toBe(before + 2);
    expect(run.stderr).toContain("not a valid verdict");
  });
});
