import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildClaimPrompt, claimPassages, parseClaimAnswer } from "../src/attribution/index.js";
import { buildQuoteIndex } from "../src/attribution/quote-index.js";
import { attributeCommand } from "../src/cli/commands/attribute.js";
import type { CliContext } from "../src/cli/context.js";
import { CommandError } from "../src/cli/usage-error.js";
import { importEpisode, SAMPLE } from "../src/library/index.js";
import { ModelOutputError } from "../src/llm/index.js";
import { getSegments } from "../src/store/index.js";
import { type ReplayServer, startOpenAiReplayServer } from "./helpers/openai-replay-server.js";
import { freshStore } from "./helpers/store.js";

const CLAIM = "Lena thinks reinforcement learning builds the reasoning room from scratch";
const KEY = "sk-claims-test-0000000000";
const ENV = ["DEEPLISTEN_LLM_PROVIDER", "DEEPLISTEN_LLM_MODEL", "DEEPLISTEN_LLM_BASE_URL", "DEEPLISTEN_LLM_API_KEY"];

/**
 * A claim in the learner's own words checked with a model, through the whole provider path: a real
 * local HTTP server speaking the OpenAI API replays the model's answers (never the internet).
 */
describe("deeplisten attribute --claim", () => {
  const store = freshStore();
  let episodeId = "";
  let server: ReplayServer;
  const saved = Object.fromEntries(ENV.map((k) => [k, process.env[k]]));

  beforeAll(async () => {
    episodeId = (await importEpisode(store, { source: SAMPLE.transcript, sourceKind: "sample" })).episode.id;
    server = await startOpenAiReplayServer({ apiKey: KEY });
  });
  afterAll(async () => {
    for (const k of ENV) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
    await server.close();
    store.cleanup();
  });

  function run(args: string[], json = true) {
    const out: string[] = [];
    const ctx: CliContext = {
      home: store.dir,
      json,
      stdout: (t) => out.push(t),
      stderr: () => {},
      openLibrary: () => store,
    };
    return { out, done: Promise.resolve(attributeCommand(ctx, [episodeId, ...args])) };
  }

  it("sends the passages that bear on the claim, the credited speaker's first, and reads a strict verdict", () => {
    const index = buildQuoteIndex(getSegments(store, episodeId));
    const passages = claimPassages(index, CLAIM, "Dr. Lena Vogel");
    expect(passages.length).toBeGreaterThan(0);
    expect(passages.some((p) => p.text.includes("doesn't build the room"))).toBe(true);
    const { prompt } = buildClaimPrompt({ claim: CLAIM, speaker: "Dr. Lena Vogel", passages });
    expect(prompt).toContain("Claim about Dr. Lena Vogel:");
    expect(prompt).toContain("[1] ");
    expect(() => parseClaimAnswer('{"verdict":"supported","passage":99}', passages)).toThrow(ModelOutputError);
    expect(parseClaimAnswer('{"verdict":"not-found","passage":null,"explanation":"no"}', passages).verdict).toBe(
      "not-found",
    );
  });

  it("says how to configure a model when there is none", async () => {
    for (const k of ENV) delete process.env[k];
    await expect(run(["--claim", CLAIM]).done).rejects.toThrow(/needs a model/);
    await expect(run(["--claim", CLAIM]).done).rejects.toBeInstanceOf(CommandError);
  });

  it("answers contradicted with the passage, through a real OpenAI-style server", async () => {
    Object.assign(process.env, {
      DEEPLISTEN_LLM_PROVIDER: "vllm",
      DEEPLISTEN_LLM_MODEL: "replay-model",
      DEEPLISTEN_LLM_BASE_URL: server.baseUrl,
      DEEPLISTEN_LLM_API_KEY: KEY,
    });
    const index = buildQuoteIndex(getSegments(store, episodeId));
    const passages = claimPassages(index, CLAIM, "Dr. Lena Vogel");
    const n = passages.findIndex((p) => p.text.includes("doesn't build the room")) + 1;
    // A malformed first answer, then the verdict: the retry is told what was wrong.
    server.setAnswers([
      { content: "Sure! The claim is contradicted." },
      {
        content: `<think>she says the opposite</think>{"verdict":"contradicted","passage":${n},"explanation":"Lena says RL is a key that does not build the room."}`,
      },
    ]);
    const before = server.requests.length;
    const { out, done } = run(["--claim", CLAIM]);
    expect(await done).toBe(0);
    const answer = JSON.parse(out[0] as string);
    expect(answer).toMatchObject({
      claim: CLAIM,
      speaker: "Dr. Lena Vogel",
      verdict: "contradicted",
      passage: { speaker: "Dr. Lena Vogel", startMs: expect.any(Number) },
      explanation: "Lena says RL is a key that does not build the room.",
      model: "vllm/replay-model",
    });
    expect(answer.passage.text).toContain("doesn't build the room");
    expect(server.requests.length - before).toBe(2);
    const body = JSON.stringify(server.requests.at(-1)?.body);
    expect(body).toContain("That answer cannot be used");

    server.setAnswers([{ content: '{"verdict":"not-found","passage":null,"explanation":"Nobody says this."}' }]);
    const text = run(["--claim", "Maya believes the moon is made of cheese"], false);
    expect(await text.done).toBe(0);
    expect(text.out[0]).toBe("not-found: Nobody says this. [vllm/replay-model]");
  });
});
